import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { useMe } from '../../session/session';
import { ErrorNote, Loading, PageHeader, StatusBadge } from '../../ui/components';
import { formatBytes, formatDateTime, formatMoney } from '../../ui/format';
import { approvalSteps } from './approval-steps';
import { ApprovalStepper } from './ApprovalStepper';
import { downloadAttachment } from './attachments';
import { DecisionOutcomes, type Outcome } from './DecisionOutcome';
import { DecisionPanel } from './DecisionPanel';
import { CompletePanel } from './CompletePanel';
import { requestActionsFor } from './request-actions';
import { requestKeys, useRequest, useTimeline, useWorkflowTemplate } from './request-queries';
import type { RequestDetail } from './request-types';
import { RequestTimeline } from './RequestTimeline';

/** One request: facts, form values, files, the approval chain, its history, and what this person may do. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  if (request.isPending) return <Loading what="the request" />;
  if (request.error) {
    return (
      <>
        <PageHeader title="Request" />
        <ErrorNote error={request.error} />
      </>
    );
  }
  return <RequestView request={request.data} />;
}

function RequestView({ request }: { request: RequestDetail }) {
  const { me, can } = useMe();
  const actions = requestActionsFor(request, me, can);
  const live = !['COMPLETED', 'CANCELLED'].includes(request.status.code);
  const timeline = useTimeline(request.id, live);
  const workflow = useWorkflowTemplate(request.workflow_template?.id);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const decided = (outcome: Outcome) => setOutcomes([outcome]);
  return (
    <>
      <PageHeader
        title={request.subject}
        actions={
          <>
            {actions.edit ? (
              <Link className="button" to={`/requests/${request.id}/edit`}>
                {actions.resubmit ? 'Edit and resubmit' : 'Edit'}
              </Link>
            ) : null}
            {actions.submit ? <SubmitButton id={request.id} /> : null}
          </>
        }
      >
        <p>
          <StatusBadge code={request.status.code} label={request.status.name} /> ·{' '}
          {formatMoney(request.amount, request.currency)} to {request.vendor_name}
          {request.round > 1 ? ` · round ${request.round}` : ''}
        </p>
      </PageHeader>

      <DecisionOutcomes outcomes={outcomes} />
      {request.status.code === 'REJECTED' && request.rejection_comment ? (
        <div className="card" role="note" aria-label="Rejection">
          <h2>Rejected</h2>
          <p>{request.rejection_comment}</p>
        </div>
      ) : null}

      {actions.decide ? (
        <section className="card" aria-labelledby="decide-title">
          <h2 id="decide-title">Your decision</h2>
          <DecisionPanel requestId={request.id} subject={request.subject} onDecided={decided} />
        </section>
      ) : null}
      {actions.complete ? (
        <section className="card" aria-labelledby="complete-title">
          <h2 id="complete-title">Finance review</h2>
          <CompletePanel requestId={request.id} subject={request.subject} onDecided={decided} />
        </section>
      ) : null}
      {request.purchase_order ? (
        <p className="notice">
          Purchase order{' '}
          {can.readOrders || request.requestor.id === me.id ? (
            <Link to={`/orders/${request.purchase_order.id}`}>{request.purchase_order.number}</Link>
          ) : (
            request.purchase_order.number
          )}{' '}
          was opened for this request.
        </p>
      ) : null}

      <section className="card" aria-labelledby="facts-title">
        <h2 id="facts-title">Details</h2>
        <dl className="facts">
          <dt>Requestor</dt>
          <dd>
            {request.requestor.first_name} {request.requestor.last_name} ({request.requestor.username})
          </dd>
          <dt>Team</dt>
          <dd>{request.team.name}</dd>
          <dt>Purchase type</dt>
          <dd>{request.purchase_type.name}</dd>
          <dt>Vendor account</dt>
          <dd>{request.vendor_account || '—'}</dd>
          <dt>Submitted</dt>
          <dd>{formatDateTime(request.submitted_at)}</dd>
          <dt>Completed</dt>
          <dd>{formatDateTime(request.completed_at)}</dd>
          {request.field_values.map((entry) => (
            <FieldFact key={entry.field.id} name={entry.field.name} value={entry.value} />
          ))}
        </dl>
        {request.description ? <p>{request.description}</p> : null}
      </section>

      <section className="card" aria-labelledby="files-title">
        <h2 id="files-title">Attachments</h2>
        {request.attachments.length === 0 ? <p className="muted">No files attached.</p> : null}
        <ul>
          {request.attachments.map((attachment) => (
            <li key={attachment.id}>
              <DownloadButton id={attachment.id} filename={attachment.filename} />{' '}
              <span className="muted">
                {attachment.category ? `${attachment.category} · ` : ''}
                {formatBytes(attachment.file_size)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="chain-title">
        <h2 id="chain-title">Approval chain</h2>
        {request.workflow_template && workflow.data ? (
          <ApprovalStepper steps={approvalSteps(request, workflow.data)} />
        ) : (
          <p className="muted">The chain is fixed when the request is submitted.</p>
        )}
        {actions.withdraw ? <WithdrawButton id={request.id} /> : null}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {timeline.data ? <RequestTimeline timeline={timeline.data} /> : <Loading what="the history" />}
        <ErrorNote error={timeline.error} />
      </section>
    </>
  );
}

function FieldFact({ name, value }: { name: string; value: string | boolean | null }) {
  const shown = value === null || value === '' ? '—' : value === true ? 'Yes' : value === false ? 'No' : value;
  return (
    <>
      <dt>{name}</dt>
      <dd>{shown}</dd>
    </>
  );
}

function DownloadButton({ id, filename }: { id: string; filename: string }) {
  const download = useMutation({ mutationFn: () => downloadAttachment(id, filename) });
  return (
    <>
      <button type="button" className="link-button" onClick={() => download.mutate()}>
        Download {filename}
      </button>
      <ErrorNote error={download.error} />
    </>
  );
}

function useRequestAction(id: string, action: 'submit' | 'withdraw') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey() } };
      return action === 'submit'
        ? unwrap(await api.POST('/api/prs/requests/{id}/submit/', { params, body: {} }))
        : unwrap(await api.POST('/api/prs/requests/{id}/withdraw/', { params, body: {} }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
}

function SubmitButton({ id }: { id: string }) {
  const submit = useRequestAction(id, 'submit');
  return (
    <div>
      <button type="button" className="primary" disabled={submit.isPending} onClick={() => submit.mutate()}>
        Submit for approval
      </button>
      <ErrorNote error={submit.error} />
    </div>
  );
}

function WithdrawButton({ id }: { id: string }) {
  const withdraw = useRequestAction(id, 'withdraw');
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <p>
        <button type="button" onClick={() => setConfirming(true)}>
          Withdraw request
        </button>
      </p>
    );
  }
  return (
    <div role="group" aria-label="Confirm withdrawal">
      <p>Withdraw this request? The approval stops and the request is cancelled.</p>
      <div className="decision-buttons">
        <button type="button" className="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
          Yes, withdraw
        </button>
        <button type="button" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
      <ErrorNote error={withdraw.error} />
    </div>
  );
}
