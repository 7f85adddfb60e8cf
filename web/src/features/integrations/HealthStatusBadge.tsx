import type { ProviderHealthStatus } from './integration-types';

const TONES: Record<ProviderHealthStatus, string> = {
  healthy: 'badge-good',
  degraded: 'badge-warn',
  down: 'badge-bad',
  unknown: 'badge-neutral',
};
const WORDS: Record<ProviderHealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Not checked',
};

/** A provider's (or all providers') health in words, not only colour. */
export function HealthStatusBadge({ status }: { status: ProviderHealthStatus }) {
  return <span className={`badge ${TONES[status]}`}>{WORDS[status]}</span>;
}
