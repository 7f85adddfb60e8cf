import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { useMe, useSession } from '../../session/session';
import { ErrorNote, Field, FormActions, Loading, PageHeader, SelectField } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { apiFieldErrors } from '../admin/people';
import { currencies, languages, tenantKeys, timeZones, type Tenant } from './tenant-queries';

/** A tenant's administrator: the organisation's name and settings (tenancy.md §4.1). */
export function OrganisationPage() {
  const { me, can } = useMe();
  const id = me.tenant.id;
  const tenant = useQuery({
    queryKey: tenantKeys.one(id),
    queryFn: async () => unwrap(await api.GET('/api/tenants/{id}/', { params: { path: { id } } })),
    enabled: can.admin,
  });
  if (!can.admin) return <NoAccess title="Organisation" />;
  return (
    <>
      <PageHeader title="Organisation">
        <p className="muted">Your organisation’s name and what it works in.</p>
      </PageHeader>
      {tenant.isPending ? <Loading what="the organisation" /> : null}
      <ErrorNote error={tenant.error} />
      {tenant.data ? <OrganisationForm tenant={tenant.data} /> : null}
    </>
  );
}

function OrganisationForm({ tenant }: { tenant: Tenant }) {
  const queryClient = useQueryClient();
  const { reload } = useSession();
  const [name, setName] = useState(tenant.name);
  const [settings, setSettings] = useState(tenant.settings);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    setName(tenant.name);
    setSettings(tenant.settings);
  }, [tenant]);
  const save = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.PATCH('/api/tenants/{id}/', {
          params: { path: { id: tenant.id } },
          body: { name: name.trim(), settings },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(tenantKeys.one(tenant.id), updated);
      await queryClient.invalidateQueries({ queryKey: tenantKeys.all });
      await reload(); // the top bar shows the organisation's name
      setSaved(true);
    },
  });
  const errors = apiFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="organisation-heading">
      <h2 id="organisation-heading">{tenant.name}</h2>
      <dl className="facts">
        <dt>Address in the app</dt>
        <dd>{tenant.slug}</dd>
        <dt>Domain</dt>
        <dd>{tenant.domain ?? 'None (a personal organisation)'}</dd>
      </dl>
      <div className="form-grid">
        <Field label="Name" required errors={errors.name}>
          {(props) => <input {...props} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <SelectField
          label="Time zone"
          value={settings.timezone}
          options={timeZones().map((zone) => [zone, zone] as const)}
          onChange={(value) => setSettings({ ...settings, timezone: value ?? 'UTC' })}
        />
        <SelectField
          label="Language"
          value={settings.language}
          options={languages}
          onChange={(value) => setSettings({ ...settings, language: value ?? 'en' })}
        />
        <SelectField
          label="Currency"
          value={settings.currency}
          options={currencies.map((code) => [code, code] as const)}
          onChange={(value) => setSettings({ ...settings, currency: value ?? 'USD' })}
        />
      </div>
      <p className="hint">The domain and the organisation’s hourly limit are set by the platform’s operators.</p>
      <FormActions
        label="Save"
        pendingLabel="Saving…"
        pending={save.isPending}
        error={save.error}
        notice={saved ? 'Saved.' : null}
      />
    </form>
  );
}
