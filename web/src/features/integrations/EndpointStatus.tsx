import type { WebhookEndpoint } from './integration-types';

/** Active or disabled (in words, not only colour), with the reason the service gave when it
 * disabled the endpoint itself. */
export function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.is_active) return <span className="badge badge-good">Active</span>;
  return (
    <>
      <span className="badge badge-bad">Disabled</span>
      {endpoint.disabled_reason ? <span className="hint"> {endpoint.disabled_reason}</span> : null}
    </>
  );
}
