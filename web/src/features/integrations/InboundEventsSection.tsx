import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { EmptyState, ErrorNote, Field, humanize, Loading, Pager } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { integrationKeys, useAllProviders } from './integration-queries';
import { INBOUND_STATUSES, type InboundStatus } from './integration-types';
import { nextParams, pageFrom } from '../../ui/url-filters';

const PAGE_SIZE = 25;
const TONE: Record<InboundStatus, string> = { pending: 'info', applied: 'good', ignored: 'neutral', rejected: 'bad' };

/** What the integrations sent us, and what it did: filters by provider, status and type, in the URL. */
export function InboundEventsSection() {
  const [params, setParams] = useSearchParams();
  const page = pageFrom(params);
  const provider = params.get('provider');
  const status = params.get('status') as InboundStatus | null;
  const type = params.get('type') ?? '';
  const [typeDraft, setTypeDraft] = useState(type);
  const query = {
    page,
    page_size: PAGE_SIZE,
    ordering: '-received_at' as const,
    ...(provider ? { provider } : {}),
    ...(status ? { status } : {}),
    ...(type ? { type } : {}),
  };
  const events = useQuery({
    queryKey: integrationKeys.events(query),
    queryFn: async () => unwrap(await api.GET('/api/integrations/events/', { params: { query } })),
  });
  const providers = useAllProviders();
  const update = (changes: Record<string, string | null>) => setParams(nextParams(params, changes));
  const submitType = (event: FormEvent) => {
    event.preventDefault();
    update({ type: typeDraft.trim() || null });
  };

  return (
    <section aria-labelledby="inbound-events">
      <h2 id="inbound-events">Received events</h2>
      <form className="filters card" role="search" aria-label="Filter received events" onSubmit={submitType}>
        <Field label="Provider">
          {(props) => (
            <select
              {...props}
              value={provider ?? ''}
              onChange={(event) => update({ provider: event.target.value || null })}
            >
              <option value="">Any provider</option>
              {(providers.data?.results ?? []).map((item) => (
                <option key={item.id} value={item.name}>
                  {item.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Outcome">
          {(props) => (
            <select
              {...props}
              value={status ?? ''}
              onChange={(event) => update({ status: event.target.value || null })}
            >
              <option value="">Any outcome</option>
              {INBOUND_STATUSES.map((code) => (
                <option key={code} value={code}>
                  {humanize(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Type">
          {(props) => (
            <input
              {...props}
              value={typeDraft}
              placeholder="shipment.delivered"
              onChange={(event) => setTypeDraft(event.target.value)}
            />
          )}
        </Field>
        <div className="field">
          <button type="submit">Filter</button>
        </div>
      </form>
      {events.isPending ? <Loading what="the received events" /> : null}
      <ErrorNote error={events.error} />
      {events.data && events.data.results.length === 0 ? <EmptyState>No received event matches.</EmptyState> : null}
      {events.data && events.data.results.length > 0 ? (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Events received from integrations</caption>
              <thead>
                <tr>
                  <th scope="col">Received</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Type</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Result</th>
                  <th scope="col">Payload</th>
                </tr>
              </thead>
              <tbody>
                {events.data.results.map((event) => (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.received_at)}</td>
                    <td>
                      <code>{event.provider}</code>
                    </td>
                    <td>
                      {event.type}
                      <br />
                      <span className="hint">{event.event_id}</span>
                    </td>
                    <td>
                      <span className={`badge badge-${TONE[event.status]}`}>{humanize(event.status)}</span>
                    </td>
                    <td>{event.result || '—'}</td>
                    <td>
                      <details>
                        <summary>
                          Payload<span className="visually-hidden"> of {event.event_id}</span>
                        </summary>
                        <pre className="payload">{JSON.stringify(event.payload, null, 2)}</pre>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            info={{ count: events.data.count, page, pageSize: PAGE_SIZE }}
            onPage={(next) => update({ page: String(next) })}
          />
        </>
      ) : null}
    </section>
  );
}
