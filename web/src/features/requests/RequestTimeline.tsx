import type { Timeline } from './request-types';
import { formatDateTime } from '../../ui/format';

const KIND_LABEL: Record<Timeline['entries'][number]['kind'], string> = {
  history: 'Decision',
  email: 'E-mail',
  event: 'Event',
  order: 'Order',
};

/** Everything that happened: decisions with comments and rounds, reminders, escalations, e-mails sent. */
export function RequestTimeline({ timeline }: { timeline: Timeline }) {
  if (timeline.entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-label="History">
      {timeline.entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`}>
          <span className="muted">{formatDateTime(entry.at)}</span> · <strong>{KIND_LABEL[entry.kind]}:</strong>{' '}
          {entry.summary}
        </li>
      ))}
    </ol>
  );
}
