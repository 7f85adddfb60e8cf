import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { IntegrationsNav } from './IntegrationsNav';
import { DELIVERY_REFRESH_MS, integrationKeys, useAllEndpoints } from './integration-queries';
import type { DeliveryDetail } from './integration-types';
import './integrations.css';

const TITLE = 'Webhook delivery';

/** One delivery with every attempt; "Redeliver" sends the same event to the same endpoint again. */
export function DeliveryDetailPage() {
  const { id = '' } = useParams();
  const { can } = useMe();
  const queryClient = useQueryClient();
  const delivery = useQuery({
    queryKey: integrationKeys.delivery(id),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/webhooks/deliveries/{id}/', { params: { path: { id } } })),
    refetchInterval: (current) => (current.state.data?.status === 'pending' ? DELIVERY_REFRESH_MS : false),
  });
  const endpoints = useAllEndpoints(can.admin);
  const redeliver = useMutation({
    mutationFn: async () =>
      unwrap(await api.POST('/api/webhooks/deliveries/{id}/redeliver/', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.deliveries }),
  });
  if (!can.admin) return <NoAccess title={TITLE} />;

  const endpoint = endpoints.data?.results.find((item) => item.id === delivery.data?.endpoint_id);
  return (
    <>
      <PageHeader title={TITLE}>
        <IntegrationsNav />
      </PageHeader>
      <p>
        <Link to="/admin/integrations/deliveries">All deliveries</Link>
      </p>
      {delivery.isPending ? <Loading what="the delivery" /> : null}
      <ErrorNote error={delivery.error} />
      {delivery.data ? (
        <>
          <section className="card" aria-labelledby="delivery-facts">
            <h2 id="delivery-facts">Details</h2>
            <dl className="facts">
              <dt>Event type</dt>
              <dd>{delivery.data.event_type}</dd>
              <dt>Event id</dt>
              <dd>
                <code>{delivery.data.event_id}</code>
              </dd>
              <dt>Status</dt>
              <dd>
                <DeliveryStatusBadge status={delivery.data.status} />
              </dd>
              <dt>Endpoint</dt>
              <dd>
                <Link to={`/admin/integrations/endpoints/${delivery.data.endpoint_id}`}>
                  {endpoint?.url ?? delivery.data.endpoint_id}
                </Link>
              </dd>
              <dt>Attempts</dt>
              <dd>{delivery.data.attempt_count}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(delivery.data.created_at)}</dd>
              <dt>Finished</dt>
              <dd>{formatDateTime(delivery.data.completed_at)}</dd>
              {delivery.data.redelivery_of ? (
                <>
                  <dt>Redelivery of</dt>
                  <dd>
                    <Link to={`/admin/integrations/deliveries/${delivery.data.redelivery_of}`}>
                      the earlier delivery
                    </Link>
                  </dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className="card" aria-labelledby="delivery-redeliver">
            <h2 id="delivery-redeliver">Deliver again</h2>
            <p>A new delivery of the same event to the same endpoint, with its own attempts.</p>
            <button type="button" disabled={redeliver.isPending} onClick={() => redeliver.mutate()}>
              Redeliver
            </button>
            <ErrorNote error={redeliver.error} />
            <p role="status">
              {redeliver.data ? (
                <>
                  Redelivery queued ({redeliver.data.status}):{' '}
                  <Link to={`/admin/integrations/deliveries/${redeliver.data.id}`}>open the new delivery</Link>.
                </>
              ) : null}
            </p>
          </section>
          <Attempts delivery={delivery.data} />
        </>
      ) : null}
    </>
  );
}

function Attempts({ delivery }: { delivery: DeliveryDetail }) {
  return (
    <section aria-labelledby="delivery-attempts">
      <h2 id="delivery-attempts">Attempts</h2>
      {delivery.attempts.length === 0 ? (
        <EmptyState>No attempt yet: the relay starts it shortly.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Attempts of this delivery</caption>
            <thead>
              <tr>
                <th scope="col" className="number">
                  Attempt
                </th>
                <th scope="col">When</th>
                <th scope="col" className="number">
                  HTTP status
                </th>
                <th scope="col" className="number">
                  Time taken
                </th>
                <th scope="col">Error</th>
                <th scope="col">Response</th>
              </tr>
            </thead>
            <tbody>
              {delivery.attempts.map((attempt) => (
                <tr key={attempt.attempt_number}>
                  <td className="number">{attempt.attempt_number}</td>
                  <td>{formatDateTime(attempt.attempted_at)}</td>
                  <td className="number">{attempt.status_code ?? '—'}</td>
                  <td className="number">{attempt.latency_ms} ms</td>
                  <td>{attempt.error ?? '—'}</td>
                  <td>{attempt.response_excerpt ? <pre className="payload">{attempt.response_excerpt}</pre> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
