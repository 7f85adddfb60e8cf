import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { ErrorNote, Field } from '../../ui/components';
import { adminKeys, useRoles, type WorkflowTemplate } from './admin-queries';
import { CheckField } from './CheckField';
import { apiFieldErrors, type FieldErrors } from './people';
import { RowActions } from './RowActions';
import {
  emptyStepRow,
  moveRow,
  removeRow,
  rowErrors,
  stepRowsOf,
  updateRow,
  validateWorkflowVersion,
  workflowVersionBody,
  type StepRow,
  type WorkflowVersionBody,
} from './template-editor';

/** The next version of a workflow template, starting from the steps of the version on screen. */
export function WorkflowVersionEditor({
  template,
  onPublished,
  onCancel,
}: {
  template: WorkflowTemplate;
  onPublished: (version: WorkflowTemplate) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  const roles = useRoles();
  const [name, setName] = useState(template.name);
  const [rows, setRows] = useState<StepRow[]>(() => stepRowsOf(template));
  const [errors, setErrors] = useState<FieldErrors>({});
  const publish = useMutation({
    mutationFn: async (body: WorkflowVersionBody) =>
      unwrap(await api.PUT('/api/prs/workflows/{id}/', { params: { path: { id: template.id } }, body })),
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: adminKeys.workflowTemplates });
      onPublished(version);
    },
  });
  const change = (index: number, patch: Partial<StepRow>) => setRows((current) => updateRow(current, index, patch));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateWorkflowVersion(name, rows);
    setErrors(problems);
    if (Object.keys(problems).length === 0) publish.mutate(workflowVersionBody(template, name, rows));
  };
  const shown = { ...apiFieldErrors(publish.error), ...errors };
  const roleOptions = roles.data ?? [];

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-version-heading">
      <p className="muted">
        The new version becomes current for {template.team ? `the team ${template.team.name}` : 'every team'}. Requests
        already created keep their version. Steps run in the order listed; the last one must be the finance review.
      </p>
      <Field label="Template name" required errors={shown.name}>
        {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
      </Field>
      <h3>Steps</h3>
      {shown.steps ? <p className="field-error">{shown.steps.join(' ')}</p> : null}
      <ol className="row-editor">
        {rows.map((row, index) => {
          const own = rowErrors(shown, 'steps', index);
          return (
            <li key={row.key}>
              <fieldset>
                <legend>Step {index + 1}</legend>
                <div className="form-grid">
                  <Field label="Step name" required errors={own.step_name}>
                    {(props) => (
                      <input
                        {...props}
                        value={row.step_name}
                        onChange={(event) => change(index, { step_name: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Approver role" required errors={own.approver_role}>
                    {(props) => (
                      <select
                        {...props}
                        value={row.approver_role}
                        onChange={(event) => change(index, { approver_role: event.target.value })}
                      >
                        <option value="">Choose a role…</option>
                        {roleOptions.map((role) => (
                          <option key={role.code} value={role.code}>
                            {role.name}
                          </option>
                        ))}
                        {row.approver_role && !roleOptions.some((role) => role.code === row.approver_role) ? (
                          <option value={row.approver_role}>{row.approver_role}</option>
                        ) : null}
                      </select>
                    )}
                  </Field>
                  <Field
                    label="Minimum amount"
                    hint="Only requests of at least this amount need this step. Empty: every request."
                    errors={own.min_amount}
                  >
                    {(props) => (
                      <input
                        {...props}
                        inputMode="decimal"
                        value={row.min_amount}
                        disabled={row.is_finance_review}
                        onChange={(event) => change(index, { min_amount: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Remind after (hours)" hint="Empty: no reminder." errors={own.remind_after_hours}>
                    {(props) => (
                      <input
                        {...props}
                        inputMode="decimal"
                        value={row.remind_after_hours}
                        onChange={(event) => change(index, { remind_after_hours: event.target.value })}
                      />
                    )}
                  </Field>
                  <Field label="Escalate after (hours)" hint="Empty: no escalation." errors={own.escalate_after_hours}>
                    {(props) => (
                      <input
                        {...props}
                        inputMode="decimal"
                        value={row.escalate_after_hours}
                        onChange={(event) => change(index, { escalate_after_hours: event.target.value })}
                      />
                    )}
                  </Field>
                </div>
                <CheckField
                  label="Finance review step"
                  checked={row.is_finance_review}
                  errors={own.is_finance_review}
                  onChange={(is_finance_review) =>
                    change(index, is_finance_review ? { is_finance_review, min_amount: '' } : { is_finance_review })
                  }
                />
                <RowActions
                  noun="step"
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
      <button type="button" onClick={() => setRows((current) => [...current, emptyStepRow()])}>
        Add a step
      </button>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={publish.isPending}>
          {publish.isPending ? 'Publishing…' : 'Publish new version'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <ErrorNote error={publish.error ?? roles.error} />
      {Object.keys(errors).length > 0 ? (
        <p className="error-note" role="alert">
          Some steps need attention before this version can be published.
        </p>
      ) : null}
    </form>
  );
}
