import type { FieldValue, FormTemplate, FormTemplateField } from '../../../db/models';
export { fieldValue } from '../../../contracts/request-completeness';
import { isCalendarDate } from '../../http/query-params';
import { addFieldError, ValidationError, type FieldErrors } from '../../http/errors';

const TEXT_MAX = 2000;

/** Parses one value against its field's type; returns the stored form or an error message. */
function parseValue(field: FormTemplateField, value: unknown): { value: FieldValue } | { error: string } {
  if (value === null) return { value: null };
  switch (field.fieldType) {
    case 'TEXT':
      if (typeof value !== 'string') return { error: 'Must be a string.' };
      if (value.length > TEXT_MAX) return { error: `Ensure this value has at most ${TEXT_MAX} characters.` };
      if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value))
        return { error: 'Must not contain control characters.' };
      return { value: value.trim() };
    case 'NUMBER': {
      const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
      if (typeof text !== 'string' || !/^-?\d{1,15}(\.\d{1,6})?$/.test(text.trim()))
        return { error: 'Must be a number (up to 15 digits and 6 decimals).' };
      return { value: text.trim() };
    }
    case 'DATE': {
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
        return { error: 'Must be a date as YYYY-MM-DD.' };
      if (!isCalendarDate(value)) return { error: 'Must be a real calendar date.' };
      return { value };
    }
    case 'BOOLEAN':
      return typeof value === 'boolean' ? { value } : { error: 'Must be true or false.' };
    case 'SELECT':
      return typeof value === 'string' && field.options.includes(value)
        ? { value }
        : { error: `Must be one of: ${field.options.join(', ')}.` };
  }
}

/** Merges `input` into `current` after checking every key against the pinned form template. */
export function mergeFieldValues(
  template: FormTemplate,
  current: Record<string, FieldValue>,
  input: Record<string, unknown> | undefined,
): Record<string, FieldValue> {
  if (!input) return current;
  const fields = new Map((template.fields ?? []).map((field) => [field.fieldId, field]));
  const errors: FieldErrors = {};
  const merged = { ...current };
  for (const [key, raw] of Object.entries(input)) {
    const field = fields.get(key);
    if (!field) {
      addFieldError(
        errors,
        `field_values.${key}`,
        `The form "${template.name}" v${template.versionNumber} has no such field.`,
      );
      continue;
    }
    const parsed = parseValue(field, raw);
    if ('error' in parsed) addFieldError(errors, `field_values.${key}`, parsed.error);
    else if (parsed.value === null) delete merged[key];
    else
      Object.defineProperty(merged, key, { value: parsed.value, enumerable: true, writable: true, configurable: true });
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return merged;
}
