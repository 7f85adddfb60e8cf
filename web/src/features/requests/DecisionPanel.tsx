import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { ErrorNote } from '../../ui/components';
import type { Outcome } from './DecisionOutcome';
import { requestKeys } from './request-queries';
import { REJECT_COMMENT_MIN } from './request-types';

type Decision = 'approve' | 'reject';

/**
 * Approve, or reject with a comment of at least ten characters counted as the person types. The
 * outcome shown is the workflow's answer; a refusal shows the API's detail beside the buttons.
 */
export function DecisionPanel({
  requestId,
  subject,
  onDecided,
}: {
  requestId: string;
  subject: string;
  onDecided: (outcome: Outcome) => void;
}) {
  const queryClient = useQueryClient();
  const commentId = useId();
  const counterId = `${commentId}-count`;
  const [comment, setComment] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: Decision): Promise<Outcome> => {
      const params = { path: { id: requestId }, header: { 'Idempotency-Key': idempotencyKey() } };
      const text = comment.trim();
      const answer =
        decision === 'approve'
          ? unwrap(await api.POST('/api/prs/requests/{id}/approve/', { params, body: text ? { comment: text } : {} }))
          : unwrap(await api.POST('/api/prs/requests/{id}/reject/', { params, body: { comment: text } }));
      return { subject, action: decision === 'approve' ? 'approved' : 'rejected', answer };
    },
    onSuccess: (outcome) => {
      setComment('');
      onDecided(outcome);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
  const length = comment.trim().length;
  const rejectReady = length >= REJECT_COMMENT_MIN;

  return (
    <form className="decision" aria-label={`Decide on ${subject}`} onSubmit={(event) => event.preventDefault()}>
      <div className="field">
        <label htmlFor={commentId}>Comment</label>
        <textarea
          id={commentId}
          aria-describedby={counterId}
          value={comment}
          maxLength={2000}
          onChange={(event) => setComment(event.target.value)}
        />
        <p className="hint" id={counterId} aria-live="polite">
          {length} characters{rejectReady ? '' : ` — a rejection needs at least ${REJECT_COMMENT_MIN}`}
        </p>
      </div>
      <div className="decision-buttons">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
          Approve
        </button>
        <button type="button" className="danger" disabled={decide.isPending} onClick={() => decide.mutate('reject')}>
          Reject
        </button>
      </div>
      <ErrorNote error={decide.error} />
    </form>
  );
}
