import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { HealthStatus, IntegrationHealthInput } from '../contracts/integration-health';
import { forTenant, persistenceActivities } from './support/activity-options';

/**
 * One round of a tenant's integration health checks, started by its Schedule
 * `integration-health-{tenantId}` (decision 0038): every active provider with a health URL is
 * probed at once, each by its own activity, and keeps its latest result for
 * `GET /api/integrations/health/`. A probe that sees nothing is a result (down), not a failure; a
 * database error retries briefly, and the next round starts over anyway.
 */
export async function integrationHealthWorkflow(input: IntegrationHealthInput): Promise<Record<HealthStatus, number>> {
  const db = persistenceActivities(input.tenantId);
  const { probeProviderHealth } = forTenant(
    proxyActivities<Activities>({
      startToCloseTimeout: '1 minute',
      retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
    }),
    input.tenantId,
  );
  const providerIds = await db.listHealthTargets({});
  const statuses = await Promise.all(providerIds.map((providerId) => probeProviderHealth({ providerId })));
  const tally: Record<HealthStatus, number> = { healthy: 0, degraded: 0, down: 0 };
  for (const status of statuses) if (status !== 'skipped') tally[status] += 1;
  return tally;
}
