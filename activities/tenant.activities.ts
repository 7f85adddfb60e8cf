import { Context } from '@temporalio/activity';
import { TENANT_ID } from '../contracts/search-attributes';
import { isUuid } from '../lib/is-uuid';
import { deleteSchedule } from '../lib/interval-schedule';
import { integrationHealthScheduleId } from '../contracts/integration-health';

/**
 * Offboarding's one step: removes the tenant's Schedules (they would start new rounds), then cancels
 * the tenant's running executions, found by their TenantId search attribute, through the worker's own client. Cancelling one that ended meanwhile is no error; a
 * retry finds only what still runs. Heartbeats report progress on long lists.
 */
export function createTenantActivities() {
  return {
    async cancelTenantExecutions(command: { tenantId: string }): Promise<{ cancelled: number }> {
      if (!isUuid(command.tenantId)) throw new Error('a tenant id must be a UUID');
      const { client } = Context.current();
      await deleteSchedule(client, integrationHealthScheduleId(command.tenantId));
      const query = `${TENANT_ID.name} = '${command.tenantId}' AND ExecutionStatus = 'Running'`;
      let cancelled = 0;
      for await (const execution of client.workflow.list({ query })) {
        try {
          await client.workflow.getHandle(execution.workflowId, execution.runId).cancel();
          cancelled += 1;
        } catch (error) {
          if ((error as { name?: string }).name !== 'WorkflowNotFoundError') throw error;
        }
        Context.current().heartbeat(cancelled);
      }
      return { cancelled };
    },
  };
}
