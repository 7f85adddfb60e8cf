import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TenantOffboardInput } from '../contracts/tenants';

const { cancelTenantExecutions } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * After a tenant was deactivated (DELETE /api/tenants/{id}/): cancels every execution still running
 * for it (`TenantId = …`), so nothing of a stopped organisation keeps sending e-mails or webhooks.
 * Other tenants' executions are not touched. The tenant's data stays: deactivation is not deletion.
 */
export async function tenantOffboardWorkflow(input: TenantOffboardInput): Promise<{ cancelled: number }> {
  return cancelTenantExecutions({ tenantId: input.offboardedTenantId });
}
