import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { tenantKnex } from '../db/tenant-scope';
import { ErrorType } from '../contracts/errors';
import type { TenantScoped } from '../contracts/tenants';

/**
 * Where an activity reads and writes: the tenant its command names (the workflow's own, added by
 * workflows/support/activity-options.ts), never an ambient one. Executions started before tenants
 * existed send none: their data is the installation's first tenant's (migration 15 made it), so
 * that is where they keep working (decision 0036).
 */
export function tenantScopes(knex: Knex): (command: TenantScoped | undefined) => Promise<Knex> {
  let firstTenant: Promise<string> | undefined;
  return async (command) => {
    if (command?.tenantId) return tenantKnex(knex, command.tenantId);
    firstTenant ??= oldestTenant(knex).catch((error: unknown) => {
      firstTenant = undefined;
      throw error;
    });
    return tenantKnex(knex, await firstTenant);
  };
}

async function oldestTenant(knex: Knex): Promise<string> {
  const tenant = (await knex('tenants').orderBy('createdAt').first('id')) as { id: string } | undefined;
  if (!tenant) throw ApplicationFailure.nonRetryable('no tenant exists for this execution', ErrorType.NotFound);
  return tenant.id;
}
