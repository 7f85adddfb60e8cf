import { Field } from '../../ui/components';
import type { FieldDraft } from './template-form';
import type { FormField } from './request-types';

/** The team's form template rendered from its fields: text, number, date, yes/no and choices. */
export function TemplateFields({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: FormField[];
  values: Record<string, FieldDraft>;
  errors: Record<string, string[]>;
  onChange: (fieldId: string, value: FieldDraft) => void;
}) {
  return (
    <>
      {fields.map((field) => {
        const value = values[field.field_id];
        const fieldErrors = errors[field.field_id] ?? errors[`field_values.${field.field_id}`];
        if (field.field_type === 'BOOLEAN') {
          return (
            <Field key={field.id} label={field.name} errors={fieldErrors}>
              {(props) => (
                <input
                  {...props}
                  type="checkbox"
                  checked={value === true}
                  onChange={(event) => onChange(field.field_id, event.target.checked)}
                />
              )}
            </Field>
          );
        }
        const text = typeof value === 'string' ? value : '';
        return (
          <Field key={field.id} label={field.name} required={field.required} errors={fieldErrors}>
            {(props) =>
              field.field_type === 'SELECT' ? (
                <select
                  {...props}
                  required={field.required}
                  value={text}
                  onChange={(event) => onChange(field.field_id, event.target.value)}
                >
                  <option value="">Choose…</option>
                  {field.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...props}
                  required={field.required}
                  type={field.field_type === 'DATE' ? 'date' : 'text'}
                  inputMode={field.field_type === 'NUMBER' ? 'decimal' : undefined}
                  value={text}
                  onChange={(event) => onChange(field.field_id, event.target.value)}
                />
              )
            }
          </Field>
        );
      })}
    </>
  );
}
