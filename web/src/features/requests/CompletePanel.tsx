import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { idempotencyKey } from '../../api/idempotency';
import { ErrorNote } from '../../ui/components';
import type { Outcome } from './DecisionOutcome';
import { requestKeys } from './request-queries';

/** Finance's decision: complete with a comment; the answer links the purchase order it opened. */
export function CompletePanel({
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
  const [comment, setComment] = useState('');
  const complete = useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/prs/requests/{id}/complete/', {
          params: { path: { id: requestId }, header: { 'Idempotency-Key': idempotencyKey() } },
          body: comment.trim() ? { comment: comment.trim() } : {},
        }),
      ),
    onSuccess: (answer) => onDecided({ subject, action: 'completed', answer }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: requestKeys.all }),
  });
  return (
    <form
      className="decision"
      aria-label={`Complete ${subject}`}
      onSubmit={(event) => {
        event.preventDefault();
        complete.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={commentId}>Finance comment</label>
        <textarea
          id={commentId}
          value={comment}
          maxLength={2000}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="decision-buttons">
        <button type="submit" className="primary" disabled={complete.isPending}>
          Complete
        </button>
      </div>
      <ErrorNote error={complete.error} />
    </form>
  );
}
