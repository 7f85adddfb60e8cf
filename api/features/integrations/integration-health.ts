import type { Knex } from 'knex';
import { overallHealth, type HealthStatus } from '../../../contracts/integration-health';
import { IntegrationProvider } from '../../../db/models';
import { isoTime as iso } from '../../http/iso';

export interface ProviderHealth {
  status: HealthStatus | 'unknown';
  /** Milliseconds to the answer; null when nothing answered or nothing was checked yet. */
  response_time: number | null;
  last_check: string | null;
  http_status: number | null;
  error: string | null;
  consecutive_failures: number;
  /** Whether the provider has a health URL (providers without one are never probed). */
  monitored: boolean;
}

/**
 * Seed 004's integration health: every active provider by name with its latest check (written by the
 * tenant's health Schedule), and one word for all of them computed from the checked ones. A provider
 * without a health URL, or not probed yet, is `unknown` and does not count.
 */
export async function integrationHealth(
  knex: Knex,
): Promise<{ status: HealthStatus; checked: number; providers: Record<string, ProviderHealth> }> {
  const providers = await IntegrationProvider.query(knex)
    .where({ isActive: true })
    .withGraphJoined('health')
    .orderBy('integrationProviders.name');
  const report: Record<string, ProviderHealth> = {};
  const statuses: HealthStatus[] = [];
  for (const provider of providers) {
    const check = provider.healthUrl ? provider.health : null;
    if (check) statuses.push(check.status);
    report[provider.name] = {
      status: check?.status ?? 'unknown',
      response_time: check?.responseTimeMs ?? null,
      last_check: check ? iso(check.checkedAt) : null,
      http_status: check?.httpStatus ?? null,
      error: check?.error ?? null,
      consecutive_failures: check?.consecutiveFailures ?? 0,
      monitored: provider.healthUrl !== null,
    };
  }
  return { status: overallHealth(statuses), checked: statuses.length, providers: report };
}
