import { useState } from 'react';
import { ErrorNote, Field } from '../../ui/components';
import { transitionLabel } from './order-actions';
import type { useChangeStatus } from './order-mutations';
import type { OrderStatus } from './order-types';

/**
 * Buttons for exactly the transitions the API offers, with an optional note kept in the history. The
 * page owns the mutation: its answer stays on screen after the panel has nothing more to offer.
 */
export function StatusChangePanel({
  change,
  transitions,
}: {
  change: ReturnType<typeof useChangeStatus>;
  transitions: OrderStatus[];
}) {
  const [note, setNote] = useState('');
  const submit = (status: OrderStatus) => change.mutate({ status, note }, { onSuccess: () => setNote('') });
  return (
    <section className="card" aria-labelledby="order-status-title">
      <h2 id="order-status-title">Change the status</h2>
      <form className="decision" aria-label="Change the status" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status note" hint="Optional; kept in the status history.">
          {(props) => <textarea {...props} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="decision-buttons">
          {transitions.map((status) => (
            <button
              key={status}
              type="button"
              className={status === 'cancelled' ? 'danger' : 'primary'}
              disabled={change.isPending}
              onClick={() => submit(status)}
            >
              {transitionLabel(status)}
            </button>
          ))}
        </div>
        <ErrorNote error={change.error} />
      </form>
    </section>
  );
}
