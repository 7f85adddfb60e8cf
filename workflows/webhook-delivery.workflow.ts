import { proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { retryDelaySeconds, type AttemptOutcome, type WebhookDeliveryInput } from '../contracts/webhooks';
import { forTenant, mailActivities, persistenceActivities } from './support/activity-options';

/**
 * Delivers one event to one endpoint: attempts with exponential backoff and jitter until a 2xx, a
 * 410 (which disables the endpoint), or the last attempt; then records the delivery's outcome.
 * The workflow owns the schedule so every attempt is visible (workflows.md); an attempt's activity
 * retries only briefly (a database hiccup) and is sized to outlive the HTTP time limit, so a slow
 * receiver is never sent the same attempt twice by a timed-out activity.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<'succeeded' | 'failed'> {
  const db = persistenceActivities(input.tenantId);
  const mail = mailActivities(input.tenantId);
  const policy = await db.deliveryPolicy();
  const http = forTenant(
    proxyActivities<Activities>({
      startToCloseTimeout: `${Math.ceil(policy.attemptTimeoutSeconds + 20)} seconds`, // DNS (≤ 5 s) + HTTP + recording
      retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
    }),
    input.tenantId,
  );
  let gone = false;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    let outcome: AttemptOutcome = 'failed';
    try {
      ({ outcome } = await http.attemptDelivery({ deliveryId: input.deliveryId, attempt }));
    } catch {
      // The attempt could not even be made or recorded (configuration, a deleted delivery): it failed.
    }
    if (outcome === 'succeeded') {
      await db.finishDelivery({ deliveryId: input.deliveryId, status: 'succeeded', gone: false });
      return 'succeeded';
    }
    gone = outcome === 'gone';
    if (gone || outcome === 'endpoint_disabled') break;
    if (attempt < policy.maxAttempts) await sleep(retryDelaySeconds(policy, attempt + 1, Math.random()) * 1000);
  }
  const { endpointDisabled, endpointId } = await db.finishDelivery({
    deliveryId: input.deliveryId,
    status: 'failed',
    gone,
  });
  if (endpointDisabled && endpointId) {
    await mail.notifyEndpointDisabled({ endpointId, deliveryId: input.deliveryId }).catch(() => undefined);
  }
  return 'failed';
}
