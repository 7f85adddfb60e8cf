import type { DeliveryStatus } from './integration-types';

const TONE: Record<DeliveryStatus, string> = { pending: 'info', succeeded: 'good', failed: 'bad' };
const LABEL: Record<DeliveryStatus, string> = { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed' };

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  return <span className={`badge badge-${TONE[status]}`}>{LABEL[status]}</span>;
}
