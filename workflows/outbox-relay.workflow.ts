import { continueAsNew, patched, sleep, workflowInfo } from '@temporalio/workflow';
import { WEBHOOK_DELIVERY_WORKFLOW, webhookDeliveryWorkflowId, type PendingDispatch } from '../contracts/webhooks';
import { persistenceActivities } from './support/activity-options';
import { tenantSearchAttributes } from '../contracts/search-attributes';
import { startChildOnce } from './support/start-child-once';

// The relay serves every tenant: each dispatch names its own, and its delivery works for that one.
const db = persistenceActivities(undefined);
const BATCH = 100;
const PARALLEL_START_PATCH = 'relay-starts-a-batch-together';
const ROUNDS_PER_RUN = 200;

/**
 * Publishes the outbox: every event a state change wrote becomes one delivery per matching endpoint,
 * each driven by its own webhookDeliveryWorkflow (idempotent ids). Events written by the API itself
 * (a withdrawn draft) are published the same way as those written by workflows. A crash between
 * writing and publishing only delays delivery by one poll.
 */
export async function outboxRelayWorkflow(input: { pollSeconds: number }): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN && !workflowInfo().continueAsNewSuggested; round += 1) {
    const dispatches = await db.relayOutbox({ limit: BATCH });
    // Started before a crash is fine: the delivery's id makes it one workflow.
    const start = (dispatch: PendingDispatch) =>
      startChildOnce(WEBHOOK_DELIVERY_WORKFLOW, {
        workflowId: webhookDeliveryWorkflowId(dispatch),
        args: [{ deliveryId: dispatch.deliveryId, tenantId: dispatch.tenantId }],
        ...tenantSearchAttributes(dispatch.tenantId),
      });
    // A batch's children start in one workflow task; one at a time cost a round trip each (npm run bench, P4).
    if (patched(PARALLEL_START_PATCH)) await Promise.all(dispatches.map(start));
    else for (const dispatch of dispatches) await start(dispatch);
    if (dispatches.length > 0)
      await db.markDispatched({
        deliveryIds: dispatches.map((dispatch) => dispatch.deliveryId),
        tenantIds: dispatches.map((dispatch) => dispatch.tenantId),
      });
    if (dispatches.length < BATCH) await sleep(input.pollSeconds * 1000);
  }
  await continueAsNew<typeof outboxRelayWorkflow>(input);
}
