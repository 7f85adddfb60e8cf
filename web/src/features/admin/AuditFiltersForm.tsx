import { useState, type FormEvent } from 'react';
import { Field } from '../../ui/components';
import type { User } from './admin-queries';
import { emptyAuditFilters, validateAuditFilters, type AuditFilters, type Ordering } from './audit-filters';
import type { FieldErrors } from './people';

/** Resource types the API writes (api/http/audit-trail.ts names them), offered as suggestions. */
const RESOURCE_TYPES = [
  'purchase_request',
  'purchase_order',
  'attachment',
  'shipment',
  'user',
  'access_scope',
  'team',
  'role',
  'form_template',
  'workflow_template',
  'api_token',
  'webhook_endpoint',
  'webhook_delivery',
  'integration_provider',
  'inbound_event',
  'session',
];

/** The audit log's filters; applied together, so the URL changes once per search. */
export function AuditFiltersForm({
  filters,
  users,
  onApply,
}: {
  filters: AuditFilters;
  users: User[];
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (change: Partial<AuditFilters>) => setDraft((current) => ({ ...current, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validateAuditFilters(draft);
    setErrors(problems);
    if (Object.keys(problems).length === 0) onApply({ ...draft, page: 1 });
  };
  const clear = () => {
    setErrors({});
    setDraft(emptyAuditFilters);
    onApply(emptyAuditFilters);
  };
  const knownActor = !draft.user_id || users.some((user) => user.id === draft.user_id);

  return (
    <form className="card" role="search" aria-label="Filter the audit log" onSubmit={submit} noValidate>
      <div className="form-grid">
        <Field label="Action" hint="Exact, e.g. purchase_request.approve or api.createUser" errors={errors.action}>
          {(props) => (
            <input {...props} value={draft.action} onChange={(event) => set({ action: event.target.value })} />
          )}
        </Field>
        <Field label="Resource type" errors={errors.resource_type}>
          {(props) => (
            <>
              <input
                {...props}
                list="audit-resource-types"
                value={draft.resource_type}
                onChange={(event) => set({ resource_type: event.target.value })}
              />
              <datalist id="audit-resource-types">
                {RESOURCE_TYPES.map((type) => (
                  <option key={type} value={type} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label="Resource id" errors={errors.resource_id}>
          {(props) => (
            <input
              {...props}
              value={draft.resource_id}
              onChange={(event) => set({ resource_id: event.target.value })}
            />
          )}
        </Field>
        <Field label="Actor" hint="The user, or the owner of the API token used" errors={errors.user_id}>
          {(props) => (
            <select {...props} value={draft.user_id} onChange={(event) => set({ user_id: event.target.value })}>
              <option value="">Anyone</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.username}
                </option>
              ))}
              {knownActor ? null : <option value={draft.user_id}>{draft.user_id}</option>}
            </select>
          )}
        </Field>
        <Field label="From" hint="First day included" errors={errors.date_from}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.date_from}
              onChange={(event) => set({ date_from: event.target.value })}
            />
          )}
        </Field>
        <Field label="To" hint="Last day included" errors={errors.date_to}>
          {(props) => (
            <input
              {...props}
              type="date"
              value={draft.date_to}
              onChange={(event) => set({ date_to: event.target.value })}
            />
          )}
        </Field>
        <Field label="Order">
          {(props) => (
            <select
              {...props}
              value={draft.ordering}
              onChange={(event) => set({ ordering: event.target.value as Ordering })}
            >
              <option value="-timestamp">Newest first</option>
              <option value="timestamp">Oldest first</option>
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
