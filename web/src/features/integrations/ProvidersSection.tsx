import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Field, Loading } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { ConfirmAction } from './ConfirmAction';
import { HealthUrlField } from './HealthUrlField';
import { fieldErrorsOf } from '../../api/problem';
import { integrationKeys, useAllProviders } from './integration-queries';
import type { ShownSecret } from './integration-types';

/** Integrations that send us signed events: list, register (a generated secret is shown once), deactivate. */
export function ProvidersSection({ onSecret }: { onSecret: (shown: ShownSecret | null) => void }) {
  const queryClient = useQueryClient();
  const providers = useAllProviders();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState('');
  const [healthUrl, setHealthUrl] = useState('');
  const [registered, setRegistered] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: integrationKeys.providers });
  const create = useMutation({
    mutationFn: async (body: { name: string; secret?: string; health_url?: string }) => {
      const { secret: answered, ...provider } = unwrap(await api.POST('/api/integrations/providers/', { body }));
      // A secret the admin typed is theirs already; only a generated one needs showing.
      if (!body.secret) {
        onSecret({
          title: `Signing secret for ${provider.name}`,
          secret: answered,
          note: `Give it to ${provider.name}: it signs every event it sends to /api/integrations/webhooks/${provider.name}/.`,
        });
      }
      return provider;
    },
    onSuccess: async (provider) => {
      setName('');
      setSecret('');
      setHealthUrl('');
      setRegistered(provider.name);
      await refresh();
    },
  });
  const deactivate = useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/integrations/providers/{id}/', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const errors = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSecret(null);
    setRegistered(null);
    create.mutate({
      name: name.trim(),
      ...(secret.trim() ? { secret: secret.trim() } : {}),
      ...(healthUrl.trim() ? { health_url: healthUrl.trim() } : {}),
    });
  };

  return (
    <>
      <section aria-labelledby="providers-list">
        <h2 id="providers-list">Providers</h2>
        {providers.isPending ? <Loading what="the providers" /> : null}
        <ErrorNote error={providers.error} />
        <ErrorNote error={deactivate.error} />
        {providers.data && providers.data.results.length === 0 ? (
          <EmptyState>No provider is registered yet.</EmptyState>
        ) : null}
        {providers.data && providers.data.results.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Integration providers</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  <th scope="col">Health URL</th>
                  <th scope="col">Registered</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {providers.data.results.map((provider) => (
                  <tr key={provider.id}>
                    <td>
                      <code>{provider.name}</code>
                    </td>
                    <td>
                      {provider.is_active ? (
                        <span className="badge badge-good">Active</span>
                      ) : (
                        <span className="badge badge-neutral">Deactivated</span>
                      )}
                    </td>
                    <td className="url-cell">{provider.health_url ?? <span className="hint">None</span>}</td>
                    <td>{formatDateTime(provider.created_at)}</td>
                    <td>
                      {provider.is_active ? (
                        <ConfirmAction
                          label={
                            <>
                              Deactivate<span className="visually-hidden"> {provider.name}</span>
                            </>
                          }
                          question={`Refuse every event from ${provider.name} from now on?`}
                          confirmLabel="Yes, deactivate"
                          disabled={deactivate.isPending}
                          onConfirm={() => deactivate.mutate(provider.id)}
                        />
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <section className="card" aria-labelledby="provider-new">
        <h2 id="provider-new">Register a provider</h2>
        <form onSubmit={submit} noValidate>
          <div className="form-grid">
            <Field
              label="Provider name"
              required
              hint="Lower-case letters, digits, - and _; it becomes part of the address the provider posts to."
              errors={errors.name}
            >
              {(props) => (
                <input
                  {...props}
                  required
                  pattern="[a-z0-9][a-z0-9_-]{0,63}"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              )}
            </Field>
            <Field
              label="Provider's signing secret"
              hint="The whsec_ secret the provider gave you. Leave empty to have one generated here, shown once."
              errors={errors.secret}
            >
              {(props) => (
                <input
                  {...props}
                  autoComplete="off"
                  spellCheck={false}
                  value={secret}
                  onChange={(event) => setSecret(event.target.value)}
                />
              )}
            </Field>
            <HealthUrlField
              label="Health URL"
              hint="Optional: an https address the service GETs every minute; its answer shows under Health."
              value={healthUrl}
              onChange={setHealthUrl}
              errors={errors.health_url}
            />
          </div>
          <ErrorNote error={create.error} />
          <button type="submit" className="primary" disabled={create.isPending}>
            Register provider
          </button>
          <p role="status">{registered ? `Provider ${registered} registered.` : ''}</p>
        </form>
      </section>
    </>
  );
}
