import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager, StatusBadge } from '../../ui/components';
import { formatAge, formatMoney } from '../../ui/format';
import { DecisionPanel } from './DecisionPanel';
import { DecisionOutcomes, type Outcome } from './DecisionOutcome';
import { LIVE_REFRESH_MS, requestKeys } from './request-queries';
import { NoAccess } from '../../ui/NoAccess';

const PAGE_SIZE = 20;

/** What waits for me, oldest first, each with its age and the approve / reject actions. */
export function InboxPage() {
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const query = { ordering: 'submitted_at' as const, page, page_size: PAGE_SIZE };
  const inbox = useQuery({
    queryKey: requestKeys.inbox(query),
    enabled: can.approve,
    queryFn: async () => unwrap(await api.GET('/api/prs/requests/inbox/', { params: { query } })),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });
  if (!can.approve) return <NoAccess title="Inbox" />;
  return (
    <>
      <PageHeader title="Inbox">
        <p className="muted">Requests waiting for your decision, oldest first.</p>
      </PageHeader>
      <DecisionOutcomes outcomes={outcomes} />
      {inbox.isPending ? <Loading what="your inbox" /> : null}
      <ErrorNote error={inbox.error} />
      {inbox.data && inbox.data.results.length === 0 ? <EmptyState>Nothing waits for you.</EmptyState> : null}
      {inbox.data && inbox.data.results.length > 0 ? (
        <>
          <ul className="inbox-list" aria-label="Waiting for you">
            {inbox.data.results.map((request) => (
              <li key={request.id} className="inbox-item">
                <article aria-labelledby={`inbox-${request.id}`}>
                  <header>
                    <h2 id={`inbox-${request.id}`}>
                      <Link to={`/requests/${request.id}`}>{request.subject}</Link>
                    </h2>
                    <StatusBadge code={request.status.code} label={request.status.name} />
                  </header>
                  <p>
                    <strong>{formatMoney(request.amount, request.currency)}</strong> to {request.vendor_name} ·{' '}
                    {request.requestor.first_name} {request.requestor.last_name} ({request.team.name}) · step{' '}
                    {request.current_template_step?.step_name ?? '—'} · waiting{' '}
                    {formatAge(request.submitted_at ?? request.created_at)}
                    {request.escalated ? ' · escalated' : ''}
                  </p>
                  <DecisionPanel
                    requestId={request.id}
                    subject={request.subject}
                    onDecided={(outcome) => setOutcomes((current) => [outcome, ...current].slice(0, 5))}
                  />
                </article>
              </li>
            ))}
          </ul>
          <Pager
            info={{ count: inbox.data.count, page, pageSize: PAGE_SIZE }}
            onPage={(next) => setParams({ page: String(next) })}
          />
        </>
      ) : null}
    </>
  );
}
