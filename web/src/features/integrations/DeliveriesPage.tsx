import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import {
  codeOptions,
  EmptyState,
  ErrorNote,
  Field,
  Loading,
  PageHeader,
  Pager,
  SelectField,
} from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatDateTime } from '../../ui/format';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { IntegrationsNav } from './IntegrationsNav';
import { DELIVERY_REFRESH_MS, integrationKeys, useAllEndpoints, useEventCatalogue } from './integration-queries';
import { DELIVERY_STATUSES, type DeliveryEventType, type DeliveryStatus } from './integration-types';
import { nextParams, pageFrom } from '../../ui/url-filters';
import './integrations.css';

const PAGE_SIZE = 25;

/** Webhook deliveries with the API's filters (status, event type, endpoint), kept in the URL. */
export function DeliveriesPage() {
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const status = params.get('status') as DeliveryStatus | null;
  const eventType = params.get('event_type') as DeliveryEventType | null;
  const endpoint = params.get('endpoint');
  const ordering = params.get('ordering') === 'created_at' ? 'created_at' : '-created_at';
  const query = {
    page,
    page_size: PAGE_SIZE,
    ordering,
    ...(status ? { status } : {}),
    ...(eventType ? { event_type: eventType } : {}),
    ...(endpoint ? { endpoint } : {}),
  } as const;
  const list = useQuery({
    queryKey: integrationKeys.deliveryList(query),
    enabled: can.admin,
    queryFn: async () => unwrap(await api.GET('/api/webhooks/deliveries/', { params: { query } })),
    refetchInterval: (current) =>
      current.state.data?.results.some((delivery) => delivery.status === 'pending') ? DELIVERY_REFRESH_MS : false,
  });
  const endpoints = useAllEndpoints(can.admin);
  const catalogue = useEventCatalogue(can.admin);
  if (!can.admin) return <NoAccess title="Webhook deliveries" />;

  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  const urlOf = (id: string) => endpoints.data?.results.find((item) => item.id === id)?.url ?? id;

  return (
    <>
      <PageHeader title="Webhook deliveries">
        <IntegrationsNav />
      </PageHeader>
      <div className="filters card" role="search" aria-label="Filter deliveries">
        <SelectField
          label="Status"
          anyLabel="Any status"
          value={status}
          options={codeOptions(DELIVERY_STATUSES)}
          onChange={(next) => update({ status: next })}
        />
        <Field label="Event type">
          {(props) => (
            <select
              {...props}
              value={eventType ?? ''}
              onChange={(event) => update({ event_type: event.target.value || null })}
            >
              <option value="">Any event type</option>
              {(catalogue.data ?? []).map((entry) => (
                <option key={entry.type} value={entry.type}>
                  {entry.type}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Endpoint">
          {(props) => (
            <select
              {...props}
              value={endpoint ?? ''}
              onChange={(event) => update({ endpoint: event.target.value || null })}
            >
              <option value="">Any endpoint</option>
              {(endpoints.data?.results ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.url}
                </option>
              ))}
              {endpoint && endpoints.data && !endpoints.data.results.some((item) => item.id === endpoint) ? (
                <option value={endpoint}>{endpoint}</option>
              ) : null}
            </select>
          )}
        </Field>
        <Field label="Order">
          {(props) => (
            <select {...props} value={ordering} onChange={(event) => update({ ordering: event.target.value })}>
              <option value="-created_at">Newest first</option>
              <option value="created_at">Oldest first</option>
            </select>
          )}
        </Field>
      </div>
      {list.isPending ? <Loading what="the deliveries" /> : null}
      <ErrorNote error={list.error} />
      {list.data && list.data.results.length === 0 ? <EmptyState>No delivery matches.</EmptyState> : null}
      {list.data && list.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Webhook deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Attempts
                  </th>
                  <th scope="col" className="number">
                    Last HTTP status
                  </th>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Created</th>
                  <th scope="col">Finished</th>
                </tr>
              </thead>
              <tbody>
                {list.data.results.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>
                      <Link to={`/admin/integrations/deliveries/${delivery.id}`}>{delivery.event_type}</Link>
                      <br />
                      <span className="hint">{delivery.event_id}</span>
                      {delivery.redelivery_of ? <span className="hint"> (redelivery)</span> : null}
                    </td>
                    <td>
                      <DeliveryStatusBadge status={delivery.status} />
                    </td>
                    <td className="number">{delivery.attempt_count}</td>
                    <td className="number">{delivery.last_status_code ?? '—'}</td>
                    <td>{urlOf(delivery.endpoint_id)}</td>
                    <td>{formatDateTime(delivery.created_at)}</td>
                    <td>{formatDateTime(delivery.completed_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: list.data.count, page, pageSize: PAGE_SIZE }}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : null}
    </>
  );
}
