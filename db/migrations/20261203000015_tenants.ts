import type { Knex } from 'knex';

/**
 * Issue 15, first of its schema steps: the organisations the service serves (tenancy.md §4.1).
 *  - tenants: name, a unique domain and slug (compared lower-cased), settings, an hourly limit of their
 *    own, and deactivation instead of deletion;
 *  - users.tenant_id: every person and service account belongs to exactly one tenant. Usernames and
 *    e-mail addresses stay unique across tenants, so signing in never needs to name one;
 *  - users.is_platform_admin: the operators of the deployment, who will see every tenant (is_admin
 *    becomes an administrator of one's own tenant).
 * An installation that already has users gets one tenant, "Default organisation", holding all of them,
 * and its administrators become the platform's: one organisation before, the same one after.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('name', 200).notNullable();
    t.string('domain', 253).notNullable();
    t.string('slug', 63).notNullable();
    t.jsonb('settings').notNullable().defaultTo(knex.raw(`'{}'::jsonb`));
    t.integer('rate_limit_per_hour');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deactivated_at', { useTz: true });
  });
  await knex.raw('CREATE UNIQUE INDEX tenants_domain_unique ON tenants (lower(domain))');
  await knex.raw('CREATE UNIQUE INDEX tenants_slug_unique ON tenants (lower(slug))');
  await knex.raw("ALTER TABLE tenants ADD CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$')");

  await knex.schema.alterTable('users', (t) => {
    t.uuid('tenant_id').references('tenants.id').onDelete('RESTRICT');
    t.boolean('is_platform_admin').notNullable().defaultTo(false);
  });
  const existing = await knex('users').count({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0) {
    const [tenant] = await knex('tenants')
      .insert({ name: 'Default organisation', domain: 'default.invalid', slug: 'default' })
      .returning('id');
    await knex('users').update({ tenant_id: tenant.id });
    await knex('users').where({ is_admin: true }).update({ is_platform_admin: true });
  }
  await knex.raw('ALTER TABLE users ALTER COLUMN tenant_id SET NOT NULL');
  await knex.raw('CREATE INDEX users_tenant_id_index ON users (tenant_id)');
  await knex.raw(
    'ALTER TABLE users ADD CONSTRAINT users_service_account_not_platform_admin CHECK (NOT (is_service_account AND is_platform_admin))',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('is_platform_admin');
    t.dropColumn('tenant_id');
  });
  await knex.schema.dropTable('tenants');
}
