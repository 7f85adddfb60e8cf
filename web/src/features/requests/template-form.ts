import type { FormField, FormTemplate, RequestDetail } from './request-types';

export type FieldDraft = string | boolean;

/** The form a new request of this team starts on: the team's own current one, else the newest shared one. */
export function currentFormFor(templates: FormTemplate[], teamId: string): FormTemplate | undefined {
  const current = templates.filter((template) => template.is_current);
  const own = current.filter((template) => template.team?.id === teamId);
  const shared = current.filter((template) => template.team === null);
  const newest = (list: FormTemplate[]) =>
    [...list].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.version_number - a.version_number)[0];
  return newest(own) ?? newest(shared);
}

export function sortedFields(template: Pick<FormTemplate, 'fields'>): FormField[] {
  return [...template.fields].sort((a, b) => a.order - b.order);
}

/** Values to start editing from: an existing request's, or empty. */
export function initialValues(fields: FormField[], request?: RequestDetail): Record<string, FieldDraft> {
  const stored = new Map(request?.field_values.map((entry) => [entry.field.field_id, entry.value]) ?? []);
  return Object.fromEntries(
    fields.map((field) => {
      const value = stored.get(field.field_id);
      if (field.field_type === 'BOOLEAN') return [field.field_id, value === true];
      return [field.field_id, value === null || value === undefined ? '' : String(value)];
    }),
  );
}

/** The `field_values` body: typed as the API wants, blanks as null so a cleared value is cleared. */
export function fieldValuesBody(fields: FormField[], values: Record<string, FieldDraft>): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((field) => {
      const value = values[field.field_id];
      if (field.field_type === 'BOOLEAN') return [field.field_id, value === true];
      const text = typeof value === 'string' ? value.trim() : '';
      return [field.field_id, text === '' ? null : text];
    }),
  );
}

/** Required fields left blank, by field id: shown before submitting (the API checks again). */
export function missingRequired(fields: FormField[], values: Record<string, FieldDraft>): Record<string, string[]> {
  const missing: Record<string, string[]> = {};
  for (const field of fields) {
    if (!field.required || field.field_type === 'BOOLEAN') continue;
    const value = values[field.field_id];
    if (typeof value !== 'string' || value.trim() === '') missing[field.field_id] = ['This field is required.'];
  }
  return missing;
}
