import type { Knex } from 'knex';

/**
 * Issue 15, every row belongs to a tenant (tenancy.md §4.2, decision 0036):
 *  - each tenant-owned table gets `tenant_id`, NOT NULL, referencing tenants, and defaulting to the
 *    transaction's `app.tenant_id`: code working under a tenant never names it, and a write made
 *    outside any tenant fails on NOT NULL instead of landing nowhere;
 *  - keys that people or counters choose are unique per tenant: team and provider names, purchase-order
 *    numbers and their yearly counter, the audit chain's sequence;
 *  - every foreign key between tenant-owned tables includes the tenant, `(tenant_id, x_id) →
 *    x(tenant_id, id)`, so no row can point into another tenant whatever the code does.
 * Existing rows belong to the installation's one tenant (migration 15 made it). The next migration
 * turns on row-level security over these columns.
 */
const TENANT_OWNED_TABLES = [
  'users',
  'access_scopes',
  'refresh_tokens',
  'email_changes',
  'emails',
  'api_tokens',
  'idempotency_keys',
  'audit_logs',
  'teams',
  'form_templates',
  'form_template_fields',
  'workflow_templates',
  'workflow_template_steps',
  'purchase_requests',
  'request_step_approvers',
  'approvals',
  'request_operations',
  'attachments',
  'purchase_request_counts',
  'purchase_request_count_deltas',
  'purchase_orders',
  'purchase_order_items',
  'order_notes',
  'order_status_history',
  'order_number_counters',
  'shipments',
  'outbox_events',
  'webhook_endpoints',
  'webhook_deliveries',
  'webhook_delivery_attempts',
  'integration_providers',
  'inbound_events',
] as const;

const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/** Tables that other tenant-owned tables point at: they get UNIQUE (tenant_id, id) as the composite target. */
const REFERENCED = [
  'users',
  'teams',
  'api_tokens',
  'form_templates',
  'workflow_templates',
  'workflow_template_steps',
  'purchase_requests',
  'purchase_orders',
  'outbox_events',
  'webhook_endpoints',
  'webhook_deliveries',
  'integration_providers',
];

const ON_DELETE: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', d: 'SET DEFAULT' };

interface ForeignKey {
  table: string;
  name: string;
  column: string;
  target: string;
  onDelete: string;
}

export async function up(knex: Knex): Promise<void> {
  const tenants = (await knex('tenants').select('id').orderBy('created_at')) as Array<{ id: string }>;
  for (const table of TENANT_OWNED_TABLES) {
    if (table !== 'users') {
      await knex.raw(`ALTER TABLE ?? ADD COLUMN tenant_id uuid REFERENCES tenants (id) ON DELETE RESTRICT`, [table]);
      const rows = await knex(table).count({ n: '*' }).first();
      if (Number(rows?.n ?? 0) > 0) {
        if (tenants.length !== 1) {
          throw new Error(
            `${table} has rows but the database has ${tenants.length} tenants: assign the rows to tenants before migrating`,
          );
        }
        await knex(table).update({ tenant_id: tenants[0]!.id });
      }
      await knex.raw(`ALTER TABLE ?? ALTER COLUMN tenant_id SET NOT NULL`, [table]);
    }
    await knex.raw(`ALTER TABLE ?? ALTER COLUMN tenant_id SET DEFAULT ${CURRENT_TENANT}`, [table]);
  }
  for (const table of REFERENCED) {
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? UNIQUE (tenant_id, id)`, [table, `${table}_tenant_id_id_unique`]);
  }
  for (const fk of await foreignKeysBetweenTenantTables(knex)) {
    await knex.raw(`ALTER TABLE ?? DROP CONSTRAINT ??`, [fk.table, fk.name]);
    await knex.raw(
      `ALTER TABLE ?? ADD CONSTRAINT ?? FOREIGN KEY (tenant_id, ??) REFERENCES ?? (tenant_id, id) ON DELETE ${fk.onDelete}`,
      [fk.table, fk.name, fk.column, fk.target],
    );
  }

  // Keys chosen by people or counted per tenant.
  await knex.raw('DROP INDEX teams_name_unique');
  await knex.raw('CREATE UNIQUE INDEX teams_name_unique ON teams (tenant_id, lower(name))');
  await knex.raw('DROP INDEX integration_providers_name_unique');
  await knex.raw(
    'CREATE UNIQUE INDEX integration_providers_name_unique ON integration_providers (tenant_id, lower(name))',
  );
  await knex.raw('ALTER TABLE purchase_orders DROP CONSTRAINT purchase_orders_number_unique');
  await knex.raw('ALTER TABLE purchase_orders ADD CONSTRAINT purchase_orders_number_unique UNIQUE (tenant_id, number)');
  await knex.raw('ALTER TABLE order_number_counters DROP CONSTRAINT order_number_counters_pkey');
  await knex.raw('ALTER TABLE order_number_counters ADD PRIMARY KEY (tenant_id, year)');
  await knex.raw('DROP INDEX audit_logs_chain_seq');
  await knex.raw('CREATE UNIQUE INDEX audit_logs_chain_seq ON audit_logs (tenant_id, chain_seq)');
  // Lists lead with the tenant (RLS adds `tenant_id = …` to every query).
  await knex.raw(
    'CREATE INDEX purchase_requests_tenant_created_index ON purchase_requests (tenant_id, created_at DESC)',
  );
  await knex.raw('CREATE INDEX audit_logs_tenant_id_index ON audit_logs (tenant_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX audit_logs_tenant_id_index');
  await knex.raw('DROP INDEX purchase_requests_tenant_created_index');
  await knex.raw('DROP INDEX audit_logs_chain_seq');
  await knex.raw('CREATE UNIQUE INDEX audit_logs_chain_seq ON audit_logs (chain_seq)');
  await knex.raw('ALTER TABLE order_number_counters DROP CONSTRAINT order_number_counters_pkey');
  await knex.raw('ALTER TABLE order_number_counters ADD PRIMARY KEY (year)');
  await knex.raw('ALTER TABLE purchase_orders DROP CONSTRAINT purchase_orders_number_unique');
  await knex.raw('ALTER TABLE purchase_orders ADD CONSTRAINT purchase_orders_number_unique UNIQUE (number)');
  await knex.raw('DROP INDEX integration_providers_name_unique');
  await knex.raw('CREATE UNIQUE INDEX integration_providers_name_unique ON integration_providers (lower(name))');
  await knex.raw('DROP INDEX teams_name_unique');
  await knex.raw('CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name))');
  for (const fk of await foreignKeysBetweenTenantTables(knex)) {
    await knex.raw(`ALTER TABLE ?? DROP CONSTRAINT ??`, [fk.table, fk.name]);
    const onDelete = fk.onDelete.startsWith('SET NULL') ? 'SET NULL' : fk.onDelete;
    await knex.raw(`ALTER TABLE ?? ADD CONSTRAINT ?? FOREIGN KEY (??) REFERENCES ?? (id) ON DELETE ${onDelete}`, [
      fk.table,
      fk.name,
      fk.column,
      fk.target,
    ]);
  }
  for (const table of REFERENCED) {
    await knex.raw(`ALTER TABLE ?? DROP CONSTRAINT ??`, [table, `${table}_tenant_id_id_unique`]);
  }
  for (const table of TENANT_OWNED_TABLES) {
    if (table === 'users') await knex.raw('ALTER TABLE users ALTER COLUMN tenant_id DROP DEFAULT');
    else await knex.raw('ALTER TABLE ?? DROP COLUMN tenant_id', [table]);
  }
}

/** Foreign keys from one tenant-owned table to another's id (the reference data in `roles` is shared). */
async function foreignKeysBetweenTenantTables(knex: Knex): Promise<ForeignKey[]> {
  const { rows } = (await knex.raw(
    `SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.confdeltype AS action,
            (SELECT array_agg(a.attname::text ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
            c.confrelid::regclass::text AS target
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND c.conrelid::regclass::text = ANY (?) AND c.confrelid::regclass::text = ANY (?)
      ORDER BY 1, 2`,
    [TENANT_OWNED_TABLES as unknown as string[], REFERENCED],
  )) as { rows: Array<{ table: string; name: string; action: string; columns: string[]; target: string }> };
  return rows.map((row) => {
    const column = row.columns.filter((name) => name !== 'tenant_id');
    if (column.length !== 1) throw new Error(`unexpected foreign key ${row.name} on ${row.table}`);
    return {
      table: row.table,
      name: row.name,
      column: column[0]!,
      target: row.target,
      onDelete: row.action === 'n' ? `SET NULL (${column[0]})` : (ON_DELETE[row.action] ?? 'NO ACTION'),
    };
  });
}
