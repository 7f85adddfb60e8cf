import { Client, Connection } from '@temporalio/client';
import { withTimeout } from '../../lib/with-timeout';
import { ensureIntervalSchedule, triggerSchedule } from '../../lib/interval-schedule';
import { integrationHealthSchedule, integrationHealthScheduleId } from '../../contracts/integration-health';
import { tenantSearchAttributes } from '../../contracts/search-attributes';
import { TENANT_OFFBOARD_WORKFLOW, tenantOffboardWorkflowId } from '../../contracts/tenants';
import {
  ACCOUNT_NOTIFICATION_WORKFLOW,
  accountNotificationWorkflowId,
  type AccountNotificationInput,
} from '../../contracts/account-notifications';

/** What the API asks of Temporal; one object so routes never touch the client directly. */
export interface TemporalGateway {
  client: Client;
  /** The queue workflows started by the API run on. */
  taskQueue: string;
  notifyAccountChange(input: AccountNotificationInput): Promise<string>;
  /** Starts the offboarding of a deactivated tenant (once; a repeat finds the running one). */
  offboardTenant(tenantId: string): Promise<string>;
  /** Makes sure the tenant's integration-health Schedule exists, probing every `intervalSeconds`. */
  ensureIntegrationHealth(tenantId: string, intervalSeconds: number): Promise<void>;
  /** Starts a round of the tenant's health checks now (the Schedule is made first if missing). */
  checkIntegrationHealthNow(tenantId: string, intervalSeconds: number): Promise<void>;
  /** Resolves when the frontend answers within the timeout. */
  ping(timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The connection is lazy so the API starts (and /ready/ says 503) while Temporal is still coming up. */
export function createTemporalGateway(options: {
  address: string;
  namespace: string;
  taskQueue: string;
}): TemporalGateway {
  const connection = Connection.lazy({ address: options.address });
  // Readiness pings use their own connection without the retry interceptor: a probe must fail fast.
  const probe = Connection.lazy({ address: options.address, interceptors: [] });
  const client = new Client({ connection, namespace: options.namespace });
  return {
    client,
    taskQueue: options.taskQueue,
    async notifyAccountChange(input) {
      const workflowId = accountNotificationWorkflowId(input);
      await client.workflow.start(ACCOUNT_NOTIFICATION_WORKFLOW, {
        workflowId,
        taskQueue: options.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...tenantSearchAttributes(input.tenantId),
      });
      return workflowId;
    },
    async offboardTenant(tenantId) {
      const workflowId = tenantOffboardWorkflowId(tenantId);
      await client.workflow.start(TENANT_OFFBOARD_WORKFLOW, {
        workflowId,
        taskQueue: options.taskQueue,
        args: [{ offboardedTenantId: tenantId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
      return workflowId;
    },
    async ensureIntegrationHealth(tenantId, intervalSeconds) {
      await ensureIntervalSchedule(client, integrationHealthSchedule(tenantId, options.taskQueue, intervalSeconds));
    },
    async checkIntegrationHealthNow(tenantId, intervalSeconds) {
      if (await triggerSchedule(client, integrationHealthScheduleId(tenantId))) return;
      // A new Schedule's first round starts at once.
      await ensureIntervalSchedule(client, integrationHealthSchedule(tenantId, options.taskQueue, intervalSeconds));
    },
    async ping(timeoutMs) {
      // The race also bounds the lazy connect, which the RPC deadline does not cover.
      await withTimeout(
        probe.withDeadline(Date.now() + timeoutMs, () => probe.workflowService.getSystemInfo({})),
        timeoutMs,
      );
    },
    close: async () => {
      await Promise.allSettled([connection.close(), probe.close()]);
    },
  };
}
