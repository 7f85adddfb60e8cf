import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { tenantsWithHealthChecks } from '../db/repositories/tenant-lookups.repository';
import { ensureIntervalSchedule } from '../lib/interval-schedule';
import { integrationHealthSchedule } from '../contracts/integration-health';

/**
 * At worker start: every tenant with a provider to probe has its integration-health Schedule, with
 * this deployment's interval and queue (the API makes one when a health URL is saved; this covers a
 * Temporal whose state was lost, and a changed interval). Answers how many tenants it looked at.
 */
export async function ensureHealthSchedules(
  client: Client,
  pool: Knex,
  settings: { taskQueue: string; intervalSeconds: number },
): Promise<number> {
  const tenants = await tenantsWithHealthChecks(pool);
  for (const tenantId of tenants)
    await ensureIntervalSchedule(
      client,
      integrationHealthSchedule(tenantId, settings.taskQueue, settings.intervalSeconds),
    );
  return tenants.length;
}
