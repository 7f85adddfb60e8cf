import { sleep } from '@temporalio/workflow';
import { retryDelaySeconds } from '../contracts/webhooks';
import { persistenceActivities } from './activity-options';

// One HTTP attempt per activity call and no activity-level retry of a finished attempt: the workflow
// owns the schedule so every attempt is visible (workflows.md). Infrastructure errors still retry.
const db = persistenceActivities();

/**
 * Delivers one event to one endpoint: attempts with exponential backoff and jitter until a 2xx, a
 * 410 (which disables the endpoint), or the last attempt; then records the delivery's outcome.
 */
export async function webhookDeliveryWorkflow(input: { deliveryId: string }): Promise<'succeeded' | 'failed'> {
  const policy = await db.deliveryPolicy();
  let gone = false;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    const { outcome } = await db.attemptDelivery({ deliveryId: input.deliveryId, attempt });
    gone = outcome === 'gone';
    if (outcome === 'succeeded') {
      await db.finishDelivery({ deliveryId: input.deliveryId, status: 'succeeded', gone: false });
      return 'succeeded';
    }
    if (outcome === 'gone' || outcome === 'endpoint_disabled') break;
    if (attempt < policy.maxAttempts) await sleep(retryDelaySeconds(policy, attempt + 1, Math.random()) * 1000);
  }
  await db.finishDelivery({ deliveryId: input.deliveryId, status: 'failed', gone });
  return 'failed';
}
