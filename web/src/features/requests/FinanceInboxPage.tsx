import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager, StatusBadge } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatAge, formatMoney } from '../../ui/format';
import { DecisionOutcomes, type Outcome } from './DecisionOutcome';
import { LIVE_REFRESH_MS, requestKeys } from './request-queries';
import { CompletePanel } from './CompletePanel';

const PAGE_SIZE = 20;

/** Requests in finance review; completing one opens its purchase order. */
export function FinanceInboxPage() {
  const { can } = useMe();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const query = { ordering: 'submitted_at' as const, page, page_size: PAGE_SIZE };
  const inbox = useQuery({
    queryKey: requestKeys.finance(query),
    enabled: can.financeReview,
    queryFn: async () => unwrap(await api.GET('/api/prs/requests/finance-inbox/', { params: { query } })),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });
  if (!can.financeReview) return <NoAccess title="Finance review" />;
  return (
    <>
      <PageHeader title="Finance review">
        <p className="muted">Fully approved requests waiting for finance, oldest first.</p>
      </PageHeader>
      <DecisionOutcomes outcomes={outcomes} />
      {inbox.isPending ? <Loading what="the finance inbox" /> : null}
      <ErrorNote error={inbox.error} />
      {inbox.data && inbox.data.results.length === 0 ? <EmptyState>Nothing waits for finance.</EmptyState> : null}
      {inbox.data && inbox.data.results.length > 0 ? (
        <>
          <ul className="inbox-list" aria-label="Waiting for finance">
            {inbox.data.results.map((request) => (
              <li key={request.id} className="inbox-item">
                <article aria-labelledby={`finance-${request.id}`}>
                  <header>
                    <h2 id={`finance-${request.id}`}>
                      <Link to={`/requests/${request.id}`}>{request.subject}</Link>
                    </h2>
                    <StatusBadge code={request.status.code} label={request.status.name} />
                  </header>
                  <p>
                    <strong>{formatMoney(request.amount, request.currency)}</strong> to {request.vendor_name} ·{' '}
                    {request.team.name} · waiting {formatAge(request.updated_at)}
                  </p>
                  <CompletePanel
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
