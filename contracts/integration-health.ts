// Workflow-safe: how integration providers' health is checked and judged (decision 0038).
import { tenantSearchAttributes } from './search-attributes';

export const INTEGRATION_HEALTH_WORKFLOW = 'integrationHealthWorkflow';

/** A per-tenant singleton (tenancy.md §4.3): the Schedule's id, and its runs' id before the start time. */
export function integrationHealthScheduleId(tenantId: string): string {
  return `integration-health-${tenantId}`;
}

export interface IntegrationHealthInput {
  tenantId: string;
}

/** What the tenant's Schedule starts: one round, tagged with the tenant (lib/interval-schedule.ts makes it). */
export function integrationHealthSchedule(tenantId: string, taskQueue: string, intervalSeconds: number) {
  const args: [IntegrationHealthInput] = [{ tenantId }];
  return {
    scheduleId: integrationHealthScheduleId(tenantId),
    intervalSeconds,
    action: {
      type: 'startWorkflow' as const,
      workflowType: INTEGRATION_HEALTH_WORKFLOW,
      workflowId: integrationHealthScheduleId(tenantId),
      taskQueue,
      args,
      ...tenantSearchAttributes(tenantId),
    },
  };
}

export type HealthStatus = 'healthy' | 'degraded' | 'down';

/** What one probe saw: the status code when something answered, how long it took, or why nothing did. */
export interface ProbeOutcome {
  statusCode: number | null;
  elapsedMs: number;
  error: string | null;
}

/**
 * A 2xx within `degradedMs` is healthy; a 2xx slower than that, or a 429 (the provider is up but
 * shedding load), is degraded; no answer in time, a refused address and any other status are down.
 */
export function classifyProbe(outcome: ProbeOutcome, degradedMs: number): HealthStatus {
  const { statusCode } = outcome;
  if (statusCode === null) return 'down';
  if (statusCode >= 200 && statusCode < 300) return outcome.elapsedMs > degradedMs ? 'degraded' : 'healthy';
  return statusCode === 429 ? 'degraded' : 'down';
}

/**
 * The tenant's integrations as one word: healthy when every checked provider is (or none is
 * checked), down when every one is down, degraded in between.
 */
export function overallHealth(statuses: HealthStatus[]): HealthStatus {
  if (statuses.every((status) => status === 'healthy')) return 'healthy';
  if (statuses.every((status) => status === 'down')) return 'down';
  return 'degraded';
}
