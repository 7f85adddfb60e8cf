import type { Knex } from 'knex';

const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * Issue 15, seed 004's integration health (decision 0038): a provider may name a health URL; the
 * tenant's `integration-health-{tenantId}` Schedule probes each one and keeps the latest result per
 * provider here, which `GET /api/integrations/health/` reads. Tenant-owned from the start: forced
 * row-level security, the composite key to its provider. The worker asks, before any tenant is
 * known, which tenants have something to probe (so it can make sure their Schedules exist).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('integration_providers', (t) => {
    t.string('health_url', 2048).nullable();
  });
  await knex.schema.createTable('integration_health_checks', (t) => {
    t.uuid('tenant_id').notNullable().defaultTo(knex.raw(CURRENT_TENANT));
    t.uuid('provider_id').notNullable();
    t.string('status', 16).notNullable(); // healthy | degraded | down
    t.integer('response_time_ms').nullable(); // null when nothing answered
    t.integer('http_status').nullable();
    t.string('error', 200).nullable();
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.timestamp('checked_at', { useTz: true }).notNullable();
    t.primary(['tenant_id', 'provider_id']);
    t.foreign(['tenant_id', 'provider_id'])
      .references(['tenant_id', 'id'])
      .inTable('integration_providers')
      .onDelete('CASCADE');
  });
  await knex.raw(
    `ALTER TABLE integration_health_checks ADD CONSTRAINT integration_health_checks_status
       CHECK (status IN ('healthy', 'degraded', 'down'))`,
  );
  await knex.raw('ALTER TABLE integration_health_checks ENABLE ROW LEVEL SECURITY');
  await knex.raw('ALTER TABLE integration_health_checks FORCE ROW LEVEL SECURITY');
  await knex.raw(
    `CREATE POLICY tenant_isolation ON integration_health_checks
       USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
  );
  await knex.raw(`
    CREATE FUNCTION tenants_with_health_checks() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $fn$ SELECT DISTINCT p.tenant_id FROM integration_providers p JOIN tenants t ON t.id = p.tenant_id
             WHERE p.is_active AND p.health_url IS NOT NULL AND t.is_active $fn$`);
  await knex.raw('REVOKE ALL ON FUNCTION tenants_with_health_checks() FROM PUBLIC');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION tenants_with_health_checks()');
  await knex.schema.dropTable('integration_health_checks');
  await knex.schema.alterTable('integration_providers', (t) => {
    t.dropColumn('health_url');
  });
}
