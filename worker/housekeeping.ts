import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { chainAuditLog } from '../db/repositories/audit.repository';
import { compactRequestCounts } from '../db/repositories/request-counts.repository';
import { tenantsWithCountDeltas, tenantsWithUnchainedAudit } from '../db/repositories/tenant-lookups.repository';
import { tenantKnex } from '../db/tenant-scope';

/**
 * The worker's background rounds, every `everyMs`: link new audit rows into the hash chain, and fold
 * the request-count deltas into their totals. Both keep writers free of shared hot rows and locks
 * (docs/performance.md). Every worker runs them; the database lets one of each run at a time and
 * the others skip that round. Answers a stop function that waits for a round in progress.
 */
export function startHousekeeping(pool: Knex, logger: Logger, everyMs = 1000): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  const drain = async (name: string, task: () => Promise<number>) => {
    try {
      while (!stopped && (await task()) > 0); // a backlog is worked off before the next pause
    } catch (error) {
      logger.warn(
        { err: { message: (error as Error).message }, task: name },
        'housekeeping failed; retrying next round',
      );
    }
  };
  // Tenant by tenant: a tenant's rows are visible only under it (decision 0036).
  const eachTenant = async (tenants: () => Promise<string[]>, work: (db: Knex) => Promise<number>) => {
    let done = 0;
    for (const tenantId of await tenants()) done += await work(tenantKnex(pool, tenantId));
    return done;
  };
  const round = async () => {
    await drain('audit chain', () =>
      eachTenant(
        () => tenantsWithUnchainedAudit(pool),
        (db) => chainAuditLog(db),
      ),
    );
    await drain('request counts', () =>
      eachTenant(
        () => tenantsWithCountDeltas(pool),
        (db) => compactRequestCounts(db),
      ),
    );
  };
  const timer = setInterval(() => {
    if (running) return; // a slow round (a database outage) is not queued behind itself
    running = round().finally(() => (running = undefined));
  }, everyMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
