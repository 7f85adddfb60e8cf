import type { Client } from '@temporalio/client';
import { OUTBOX_RELAY_WORKFLOW, outboxRelayWorkflowId } from '../contracts/webhooks';

/** Starts the task queue's one outbox relay unless it runs already (every worker calls this at start). */
export async function ensureOutboxRelay(client: Client, taskQueue: string, pollSeconds: number): Promise<void> {
  await client.workflow.start(OUTBOX_RELAY_WORKFLOW, {
    workflowId: outboxRelayWorkflowId(taskQueue),
    taskQueue,
    args: [{ pollSeconds }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
