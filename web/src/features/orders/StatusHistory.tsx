import { StatusBadge } from '../../ui/components';
import { formatDateTime } from '../../ui/format';
import type { OrderDetail } from './order-types';

/** Every status change, oldest first, with who made it and their note. */
export function StatusHistory({ history }: { history: OrderDetail['status_history'] }) {
  if (history.length === 0) return <p className="muted">No changes yet.</p>;
  return (
    <ol className="timeline" aria-label="Status history">
      {history.map((entry, index) => (
        <li key={`${entry.at}-${index}`}>
          <span className="muted">{formatDateTime(entry.at)}</span> ·{' '}
          {entry.from_status ? (
            <>
              <StatusBadge code={entry.from_status} /> → <StatusBadge code={entry.to_status} />
            </>
          ) : (
            <>
              Opened as <StatusBadge code={entry.to_status} />
            </>
          )}{' '}
          by {entry.actor ? entry.actor.username : 'the system'}
          {entry.note ? <q className="history-note">{entry.note}</q> : null}
        </li>
      ))}
    </ol>
  );
}
