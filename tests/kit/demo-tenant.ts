import type { Knex } from 'knex';
import { tenantKnex } from '../../db/tenant-scope';

/** The seeded demo tenant's slug (db/seeds/demo-data.ts). */
export const DEMO_TENANT_SLUG = 'demo';

/** The id of the tenant with this slug (the tenants table is shared: readable without a tenant). */
export async function tenantIdOf(pool: Knex, slug: string = DEMO_TENANT_SLUG): Promise<string> {
  const tenant = (await pool('tenants').where({ slug }).first('id')) as { id: string } | undefined;
  if (!tenant) throw new Error(`no tenant "${slug}": was the database seeded?`);
  return tenant.id;
}

/**
 * The database as the demo tenant sees it: what tests set up and check directly works there, under
 * row-level security like the app (decision 0036).
 */
export async function demoTenantKnex(pool: Knex): Promise<Knex> {
  return tenantKnex(pool, await tenantIdOf(pool));
}
