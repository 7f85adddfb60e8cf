import { api, unwrap } from '../../api/client';
import { useMe } from '../../session/session';
import { formatAge } from '../../ui/format';
import { DecisionPanel } from './DecisionPanel';
import { requestKeys } from './request-queries';
import { RequestQueue } from './RequestQueue';

/** What waits for me, oldest first, each with its age and the approve / reject actions. */
export function InboxPage() {
  const { can } = useMe();
  return (
    <RequestQueue
      title="Inbox"
      intro="Requests waiting for your decision, oldest first."
      what="your inbox"
      emptyText="Nothing waits for you."
      listLabel="Waiting for you"
      allowed={can.approve}
      queryKey={requestKeys.inbox}
      load={async (query) => unwrap(await api.GET('/api/prs/requests/inbox/', { params: { query } }))}
      facts={(request) => (
        <>
          {request.requestor.first_name} {request.requestor.last_name} ({request.team.name}) · step{' '}
          {request.current_template_step?.step_name ?? '—'} · waiting{' '}
          {formatAge(request.submitted_at ?? request.created_at)}
          {request.escalated ? ' · escalated' : ''}
        </>
      )}
      action={(request, onDecided) => (
        <DecisionPanel requestId={request.id} subject={request.subject} onDecided={onDecided} />
      )}
    />
  );
}
