import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorNote, Loading, PageHeader, Pager, StatusBadge } from '../../ui/components';
import { NoAccess } from '../../ui/NoAccess';
import { formatMoney } from '../../ui/format';
import { DecisionOutcomes, type Outcome } from './DecisionOutcome';
import { LIVE_REFRESH_MS } from './request-queries';
import type { RequestSummary } from './request-types';

const PAGE_SIZE = 20;

export interface QueueQuery {
  ordering: 'submitted_at';
  page: number;
  page_size: number;
}

interface RequestQueueProps {
  title: string;
  intro: string;
  /** "your inbox": shown while loading. */
  what: string;
  emptyText: string;
  listLabel: string;
  allowed: boolean;
  queryKey: (query: QueueQuery) => readonly unknown[];
  load: (query: QueueQuery) => Promise<{ count: number; results: RequestSummary[] }>;
  /** The line under the subject: amount, vendor and what matters to this queue. */
  facts: (request: RequestSummary) => ReactNode;
  /** The decision form of this queue, reporting the workflow's answer. */
  action: (request: RequestSummary, onDecided: (outcome: Outcome) => void) => ReactNode;
}

/**
 * A queue of requests waiting for this person, oldest first, each with its decision form: the
 * approver's inbox and finance's. The outcomes of the decisions taken here stay above the list.
 */
export function RequestQueue(props: RequestQueueProps) {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const query: QueueQuery = { ordering: 'submitted_at', page, page_size: PAGE_SIZE };
  const queue = useQuery({
    queryKey: props.queryKey(query),
    enabled: props.allowed,
    queryFn: () => props.load(query),
    refetchInterval: LIVE_REFRESH_MS * 2,
  });
  if (!props.allowed) return <NoAccess title={props.title} />;
  const onDecided = (outcome: Outcome) => setOutcomes((current) => [outcome, ...current].slice(0, 5));
  return (
    <>
      <PageHeader title={props.title}>
        <p className="muted">{props.intro}</p>
      </PageHeader>
      <DecisionOutcomes outcomes={outcomes} />
      {queue.isPending ? <Loading what={props.what} /> : null}
      <ErrorNote error={queue.error} />
      {queue.data && queue.data.results.length === 0 ? <EmptyState>{props.emptyText}</EmptyState> : null}
      {queue.data && queue.data.results.length > 0 ? (
        <>
          <ul className="inbox-list" aria-label={props.listLabel}>
            {queue.data.results.map((request) => (
              <li key={request.id} className="inbox-item">
                <article aria-labelledby={`queued-${request.id}`}>
                  <header>
                    <h2 id={`queued-${request.id}`}>
                      <Link to={`/requests/${request.id}`}>{request.subject}</Link>
                    </h2>
                    <StatusBadge code={request.status.code} label={request.status.name} />
                  </header>
                  <p>
                    <strong>{formatMoney(request.amount, request.currency)}</strong> to {request.vendor_name} ·{' '}
                    {props.facts(request)}
                  </p>
                  {props.action(request, onDecided)}
                </article>
              </li>
            ))}
          </ul>
          <Pager
            info={{ count: queue.data.count, page, pageSize: PAGE_SIZE }}
            onPage={(next) => setParams({ page: String(next) })}
          />
        </>
      ) : null}
    </>
  );
}
