import { useState, type FormEvent } from 'react';
import { ErrorNote, Field } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import { ApiError } from '../../api/problem';
import { useAddNote } from './order-mutations';
import type { OrderDetail } from './order-types';

export function NotesSection({ order, mayAddNote }: { order: OrderDetail; mayAddNote: boolean }) {
  return (
    <section className="card" aria-labelledby="order-notes-title">
      <h2 id="order-notes-title">Notes</h2>
      {order.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="order-notes">
        {order.notes.map((note) => (
          <li key={note.id}>
            <p className="order-note-meta muted">
              {note.author ? note.author.username : 'The system'} · {formatDateTime(note.created_at)}
            </p>
            <p className="order-note-text">{note.note}</p>
          </li>
        ))}
      </ul>
      {mayAddNote ? <AddNoteForm orderId={order.id} /> : null}
    </section>
  );
}

function AddNoteForm({ orderId }: { orderId: string }) {
  const [note, setNote] = useState('');
  const add = useAddNote(orderId);
  const errors = add.error instanceof ApiError ? add.error.fieldErrors.note : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(note.trim(), { onSuccess: () => setNote('') });
  };
  return (
    <form className="decision" aria-label="Add a note" onSubmit={submit}>
      <Field label="Note" required errors={errors}>
        {(props) => (
          <textarea {...props} value={note} maxLength={2000} required onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <div className="decision-buttons">
        <button type="submit" className="primary" disabled={add.isPending}>
          Add note
        </button>
      </div>
      <ErrorNote error={add.error} />
      <div role="status" aria-live="polite">
        {add.isSuccess ? <p className="notice">Note added.</p> : null}
      </div>
    </form>
  );
}
