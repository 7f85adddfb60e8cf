import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorNote, Field, humanize } from '../../ui/components';
import { adminKeys, type FormTemplate } from './admin-queries';
import { CheckField } from './CheckField';
import { apiFieldErrors, type FieldErrors } from './people';
import { RowActions } from './RowActions';
import {
  emptyFieldRow,
  FIELD_TYPES,
  fieldRowsOf,
  formVersionBody,
  moveRow,
  removeRow,
  rowErrors,
  updateRow,
  validateFormVersion,
  type FieldRow,
  type FieldType,
  type FormVersionBody,
} from './template-editor';

/** The next version of a form template, starting from the fields of the version on screen. */
export function FormVersionEditor({
  template,
  onPublished,
  onCancel,
}: {
  template: FormTemplate;
  onPublished: (version: FormTemplate) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(template.name);
  const [rows, setRows] = useState<FieldRow[]>(() => fieldRowsOf(template));
  const [categories, setCategories] = useState(template.required_attachment_categories.join('\n'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const publish = useMutation({
    mutationFn: async (body: FormVersionBody) =>
      unwrap(await api.PUT('/api/prs/form-templates/{id}/', { params: { path: { id: template.id } }, body })),
    onSuccess: async (version) => {
      // The request form reads templates under its own keys: it must see the new version too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.formTemplates }),
        queryClient.invalidateQueries({ queryKey: ['form-templates'] }),
      ]);
      onPublished(version);
    },
  });
  const change = (index: number, patch: Partial<FieldRow>) => setRows((current) => updateRow(current, index, patch));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateFormVersion(name, rows);
    setErrors(problems);
    if (Object.keys(problems).length === 0) publish.mutate(formVersionBody(template, name, rows, categories));
  };
  const shown = { ...apiFieldErrors(publish.error), ...errors };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-version-heading">
      <p className="muted">
        The new version becomes current for {template.team ? `the team ${template.team.name}` : 'every team'}. Requests
        already created keep their version.
      </p>
      <Field label="Template name" required errors={shown.name}>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <h3>Fields</h3>
      {shown.fields ? <p className="field-error">{shown.fields.join(' ')}</p> : null}
      {rows.length === 0 ? <p className="muted">No fields: requests will have only the standard details.</p> : null}
      <ol className="row-editor">
        {rows.map((row, index) => {
          const own = rowErrors(shown, 'fields', index);
          return (
            <li key={row.key}>
              <fieldset>
                <legend>Field {index + 1}</legend>
                <div className="form-grid">
                  <Field
                    label="Field id"
                    required
                    hint="Lower-case letters, digits and _; what integrations read."
                    errors={own.field_id}
                  >
                    {(props) => (
                      <input
                        {...props}
                        value={row.field_id}
                        onChange={(event) => change(index, { field_id: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Label" required errors={own.name}>
                    {(props) => (
                      <input
                        {...props}
                        value={row.name}
                        onChange={(event) => change(index, { name: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Type" errors={own.field_type}>
                    {(props) => (
                      <select
                        {...props}
                        value={row.field_type}
                        onChange={(event) => change(index, { field_type: event.target.value as FieldType })}
                      >
                        {FIELD_TYPES.map((type) => (
                          <option key={type} value={type}>
                            {type === 'SELECT' ? 'Choice (SELECT)' : humanize(type)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {row.field_type === 'SELECT' ? (
                    <Field label="Options" required hint="One option per line." errors={own.options}>
                      {(props) => (
                        <textarea
                          {...props}
                          value={row.options}
                          onChange={(event) => change(index, { options: event.target.value })}
                        />
                      )}
                    </Field>
                  ) : null}
                </div>
                <CheckField
                  label="Required"
                  checked={row.required}
                  errors={own.required}
                  onChange={(required) => change(index, { required })}
                />
                <RowActions
                  noun="field"
                  index={index}
                  count={rows.length}
                  onMove={(delta) => setRows((current) => moveRow(current, index, delta))}
                  onRemove={() => setRows((current) => removeRow(current, index))}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => setRows((current) => [...current, emptyFieldRow()])}>
        Add a field
      </button>
      <h3>Attachments</h3>
      <Field
        label="Required attachment categories"
        hint="One category per line, e.g. Quote. A request cannot be submitted without one of each."
        errors={shown.required_attachment_categories}
      >
        {(props) => <textarea {...props} value={categories} onChange={(event) => setCategories(event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={publish.isPending}>
          {publish.isPending ? 'Publishing…' : 'Publish new version'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorNote error={publish.error} />
      {Object.keys(errors).length > 0 ? (
        <p className="error-note" role="alert">
          Some fields need attention before this version can be published.
        </p>
      ) : null}
    </form>
  );
}
