import type { Knex } from 'knex';

/**
 * What every tenant-owned table gets from its first migration (decision 0036): `tenant_id`, NOT NULL,
 * referencing the tenant and defaulting to the transaction's `app.tenant_id`; `UNIQUE (tenant_id,
 * id)` so other tables can point at it with a composite key; and row-level security, enabled and
 * forced, with the one `tenant_isolation` policy. Migrations from issue 16 on use these.
 */
export const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

/** `id` (uuid), `tenant_id` and the composite-key target; call first in `createTable`. */
export function tenantKeys(knex: Knex, t: Knex.CreateTableBuilder, table: string): void {
  t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
  t.uuid('tenant_id').notNullable().defaultTo(knex.raw(CURRENT_TENANT)).references('tenants.id').onDelete('RESTRICT');
  t.unique(['tenant_id', 'id'], { indexName: `${table}_tenant_id_id_unique` });
}

/** `(tenant_id, column) → target(tenant_id, id)`: a row can only point into its own tenant. */
export function tenantReference(
  t: Knex.CreateTableBuilder,
  column: string,
  target: string,
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL' = 'RESTRICT',
): void {
  // SET NULL would clear tenant_id too; PostgreSQL 15 lets it name the one column to clear.
  const action = onDelete === 'SET NULL' ? `SET NULL (${column})` : onDelete;
  t.foreign(['tenant_id', column]).references(['tenant_id', 'id']).inTable(target).onDelete(action);
}

/** Enables and forces row-level security with the tenant policy. */
export async function isolateTenantRows(knex: Knex, table: string): Promise<void> {
  await knex.raw('ALTER TABLE ?? ENABLE ROW LEVEL SECURITY', [table]);
  await knex.raw('ALTER TABLE ?? FORCE ROW LEVEL SECURITY', [table]);
  await knex.raw(
    `CREATE POLICY tenant_isolation ON ?? USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
    [table],
  );
}
