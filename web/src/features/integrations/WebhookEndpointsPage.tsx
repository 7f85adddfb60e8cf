import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { EndpointForm, type EndpointDraft } from './EndpointForm';
import { EndpointStatus } from './EndpointStatus';
import { describeEventTypes } from './event-types';
import { IntegrationsNav } from './IntegrationsNav';
import { integrationKeys } from './integration-queries';
import type { ShownSecret } from './integration-types';
import { SecretOnce } from './SecretOnce';
import { nextParams, pageFrom } from '../../ui/url-filters';
import './integrations.css';

const PAGE_SIZE = 20;
const NEW_ENDPOINT: EndpointDraft = { url: '', description: '', eventTypes: ['*'] };

/** Webhook endpoints: the list, and registering one (its signing secret is shown once). */
export function WebhookEndpointsPage() {
  const { can } = useMe();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const query = { page, page_size: PAGE_SIZE, ordering: '-created_at' as const };
  const list = useQuery({
    queryKey: integrationKeys.endpointList(query),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/webhooks/endpoints/', { params: { query } })),
  });
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: async (draft: EndpointDraft) => {
      const { secret, ...endpoint } = unwrap(
        await api.POST('/api/webhooks/endpoints/', {
          params: { header: { 'Idempotency-Key': idempotencyKey() } },
          body: { url: draft.url, description: draft.description, event_types: draft.eventTypes },
        }),
      );
      // The secret goes to this screen's state only; the mutation keeps the endpoint without it.
      setShown({
        title: 'Signing secret of the new endpoint',
        secret,
        note: `Give it to the receiver at ${endpoint.url}: it verifies each delivery's signature with it.`,
      });
      return endpoint;
    },
    onSuccess: async () => {
      setFormKey((key) => key + 1);
      await queryClient.invalidateQueries({ queryKey: integrationKeys.endpoints });
    },
  });

  if (!can.admin) return <NoAccess title="Webhook endpoints" />;

  return (
    <>
      <PageHeader title="Webhook endpoints">
        <IntegrationsNav />
      </PageHeader>
      {shown ? <SecretOnce key={shown.secret} shown={shown} onDone={() => setShown(null)} /> : null}
      <section aria-labelledby="endpoints-list">
        <h2 id="endpoints-list">Registered endpoints</h2>
        {list.isPending ? <Loading what="the endpoints" /> : null}
        <ErrorNote error={list.error} />
        {list.data && list.data.results.length === 0 ? <EmptyState>No endpoint is registered yet.</EmptyState> : null}
        {list.data && list.data.results.length > 0 ? (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Webhook endpoints</caption>
                <thead>
                  <tr>
                    <th scope="col">URL</th>
                    <th scope="col">Description</th>
                    <th scope="col">Event types</th>
                    <th scope="col">Status</th>
                    <th scope="col">Registered</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.results.map((endpoint) => (
                    <tr key={endpoint.id}>
                      <td>
                        <Link to={`/admin/integrations/endpoints/${endpoint.id}`}>{endpoint.url}</Link>
                      </td>
                      <td>{endpoint.description || '—'}</td>
                      <td>{describeEventTypes(endpoint.event_types)}</td>
                      <td>
                        <EndpointStatus endpoint={endpoint} />
                      </td>
                      <td>{formatDateTime(endpoint.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              info={{ count: list.data.count, page, pageSize: PAGE_SIZE }}
              onPage={(next) => setParams(nextParams(params, { page: String(next) }))}
            />
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="endpoint-new">
        <h2 id="endpoint-new">Register an endpoint</h2>
        <EndpointForm
          key={formKey}
          initial={NEW_ENDPOINT}
          submitLabel={create.isPending ? 'Creating…' : 'Create endpoint'}
          busy={create.isPending}
          error={create.error}
          onSubmit={(draft) => {
            setShown(null);
            create.mutate(draft);
          }}
        />
      </section>
    </>
  );
}
