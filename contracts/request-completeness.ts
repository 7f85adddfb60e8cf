// Workflow-safe and pure: when a purchase request is complete enough to submit (domain.md, DRAFT →
// PENDING_APPROVAL). One definition, used by the API's early answer and by the submit's own
// transaction, which checks again with the request row locked.

export type StoredFieldValue = string | boolean | null;

export interface CompletenessRules {
  fields: ReadonlyArray<{ fieldId: string; required: boolean }>;
  requiredAttachmentCategories: readonly string[];
}

/** The stored value of a field, or null: own keys only (a field may be called `constructor`). */
export function fieldValue(values: Record<string, StoredFieldValue>, fieldId: string): StoredFieldValue {
  return Object.hasOwn(values, fieldId) ? (values[fieldId] ?? null) : null;
}

/** Field → messages for what is missing; empty when the request may be submitted. */
export function missingForSubmit(
  rules: CompletenessRules,
  values: Record<string, StoredFieldValue>,
  attachmentCategories: readonly string[],
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => {
    if (Object.hasOwn(errors, field)) (errors[field] as string[]).push(message);
    else
      Object.defineProperty(errors, field, { value: [message], enumerable: true, writable: true, configurable: true });
  };
  for (const field of rules.fields) {
    const value = fieldValue(values, field.fieldId);
    if (field.required && (value === null || value === ''))
      add(`field_values.${field.fieldId}`, 'This field is required.');
  }
  const present = new Set(attachmentCategories);
  for (const category of rules.requiredAttachmentCategories) {
    if (!present.has(category)) add('attachments', `An attachment of category "${category}" is required.`);
  }
  return errors;
}
