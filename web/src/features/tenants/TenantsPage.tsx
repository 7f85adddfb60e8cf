import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Field, FormActions, Loading, PageHeader, Pager } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDate } from '../../ui/format';
import { apiFieldErrors } from '../admin/people';
import { tenantKeys, type Tenant } from './tenant-queries';

const PAGE_SIZE = 25;

/** The platform's operators: every tenant, deactivation and reactivation, and a new tenant. */
export function TenantsPage() {
  const { can } = useMe();
  if (!can.platformAdmin) return <NoAccess title="Tenants" />;
  return (
    <>
      <PageHeader title="Tenants">
        <p className="muted">
          Every organisation on this deployment. Deactivating one ends its sessions and cancels its running work; its
          data stays.
        </p>
      </PageHeader>
      <TenantList />
      <CreateTenantForm />
    </>
  );
}

function TenantList() {
  const { me } = useMe();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const query = { page, page_size: PAGE_SIZE, ordering: 'name' as const };
  const tenants = useQuery({
    queryKey: tenantKeys.list(query),
    queryFn: async () => unwrap(await api.GET('/api/tenants/', { params: { query } })),
  });
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: async ({ tenant, active }: { tenant: Tenant; active: boolean }) => {
      const path = { path: { id: tenant.id } };
      if (active) unwrap(await api.PATCH('/api/tenants/{id}/', { params: path, body: { is_active: true } }));
      else unwrap(await api.DELETE('/api/tenants/{id}/', { params: path }));
      return `${tenant.name} is ${active ? 'active again' : 'deactivated'}.`;
    },
    onSuccess: async (message) => {
      setDone(message);
      await queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
  const toggle = (tenant: Tenant) => {
    setDone(null);
    const active = !tenant.is_active;
    if (!active && !window.confirm(`Deactivate ${tenant.name}? Its people are signed out and its running work stops.`))
      return;
    change.mutate({ tenant, active });
  };

  return (
    <section aria-labelledby="tenant-list-heading">
      <h2 id="tenant-list-heading">All tenants</h2>
      {tenants.isPending ? <Loading what="tenants" /> : null}
      <ErrorNote error={tenants.error} />
      {tenants.data && tenants.data.results.length === 0 ? <EmptyState>No tenants.</EmptyState> : null}
      {tenants.data && tenants.data.results.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Tenants</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Domain</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tenants.data.results.map((tenant) => (
                <tr key={tenant.id}>
                  <td>
                    {tenant.name} <span className="muted">({tenant.slug})</span>
                  </td>
                  <td>{tenant.domain ?? '—'}</td>
                  <td>
                    <span className={`badge ${tenant.is_active ? 'badge-good' : 'badge-neutral'}`}>
                      {tenant.is_active ? 'Active' : 'Deactivated'}
                    </span>
                  </td>
                  <td>{formatDate(tenant.created_at)}</td>
                  <td>
                    {tenant.id === me.tenant.id ? (
                      <span className="muted">Yours</span>
                    ) : (
                      <button type="button" disabled={change.isPending} onClick={() => toggle(tenant)}>
                        {tenant.is_active ? 'Deactivate' : 'Reactivate'}
                        <span className="visually-hidden"> {tenant.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {tenants.data && tenants.data.count > PAGE_SIZE ? (
        <Pager info={{ count: tenants.data.count, page, pageSize: PAGE_SIZE }} onPage={setPage} />
      ) : null}
      <ErrorNote error={change.error} />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
    </section>
  );
}

function CreateTenantForm() {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ name: '', domain: '', email: '', password: '' });
  const [created, setCreated] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/tenants/', {
          body: {
            name: draft.name.trim(),
            ...(draft.domain.trim() ? { domain: draft.domain.trim().toLowerCase() } : {}),
            admin: { email: draft.email.trim(), password: draft.password },
          },
        }),
      ),
    onSuccess: async (tenant) => {
      setCreated(`Created ${tenant.name}: ${draft.email.trim()} signs in with the password you gave.`);
      setDraft({ name: '', domain: '', email: '', password: '' });
      await queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
  const errors = apiFieldErrors(create.error);
  const set = (key: keyof typeof draft) => (value: string) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="create-tenant-heading">
      <h2 id="create-tenant-heading">Create a tenant</h2>
      <div className="form-grid">
        <Field label="Name" required errors={errors.name}>
          {(props) => <input {...props} value={draft.name} onChange={(event) => set('name')(event.target.value)} />}
        </Field>
        <Field label="Domain" errors={errors.domain}>
          {(props) => <input {...props} value={draft.domain} onChange={(event) => set('domain')(event.target.value)} />}
        </Field>
        <Field label="Administrator’s e-mail" required errors={errors['admin.email']}>
          {(props) => (
            <input {...props} type="email" value={draft.email} onChange={(event) => set('email')(event.target.value)} />
          )}
        </Field>
        <Field label="Administrator’s first password" required errors={errors['admin.password']}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(event) => set('password')(event.target.value)}
            />
          )}
        </Field>
      </div>
      <FormActions
        label="Create tenant"
        pendingLabel="Creating…"
        pending={create.isPending}
        error={create.error}
        notice={created}
      />
    </form>
  );
}
