import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { formatAge } from '../../ui/format';
import { CompletePanel } from './CompletePanel';
import { requestKeys } from './request-queries';
import { RequestQueue } from './RequestQueue';

/** Requests in finance review; completing one opens its purchase order. */
export function FinanceInboxPage() {
  const { can } = useMe();
  return (
    <RequestQueue
      title="Finance review"
      intro="Fully approved requests waiting for finance, oldest first."
      what="the finance inbox"
      emptyText="Nothing waits for finance."
      listLabel="Waiting for finance"
      allowed={can.financeReview}
      queryKey={requestKeys.finance}
      load={async (query) => unwrap(await api.GET('/api/prs/requests/finance-inbox/', { params: { query } }))}
      facts={(request) => (
        <>
          {request.team.name} · waiting {formatAge(request.updated_at)}
        </>
      )}
      action={(request, onDecided) => (
        <CompletePanel requestId={request.id} subject={request.subject} onDecided={onDecided} />
      )}
    />
  );
}
