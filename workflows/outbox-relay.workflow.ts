import { ParentClosePolicy, continueAsNew, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import { WEBHOOK_DELIVERY_WORKFLOW, webhookDeliveryWorkflowId } from '../contracts/webhooks';
import { persistenceActivities } from './activity-options';

const db = persistenceActivities();
const BATCH = 100;
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
    for (const dispatch of dispatches) {
      try {
        await startChild(WEBHOOK_DELIVERY_WORKFLOW, {
          workflowId: webhookDeliveryWorkflowId(dispatch),
          args: [{ deliveryId: dispatch.deliveryId }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
      } catch (error) {
        if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error; // started before a crash
      }
    }
    if (dispatches.length > 0) await db.markDispatched({ deliveryIds: dispatches.map((dispatch) => dispatch.deliveryId) });
    if (dispatches.length < BATCH) await sleep(input.pollSeconds * 1000);
  }
  await continueAsNew<typeof outboxRelayWorkflow>(input);
}
