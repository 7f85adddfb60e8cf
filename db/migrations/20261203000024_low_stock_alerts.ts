import type { Knex } from 'knex';
import { isolateTenantRows, tenantKeys, tenantReference } from '../tenant-owned-tables';

/**
 * Issue 16, low-stock alerts (inventory.md §1.2, §1.3; decision 0041): an alert opens when a level
 * goes below its minimum and resolves when it is back; at most one is not resolved per (product,
 * warehouse), so a level that stays low raises one alert however many movements follow.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('low_stock_alerts', (t) => {
    tenantKeys(knex, t, 'low_stock_alerts');
    t.uuid('product_id').notNullable();
    t.uuid('warehouse_id').notNullable();
    t.string('status', 16).notNullable().defaultTo('open');
    t.decimal('threshold', 14, 3).notNullable();
    t.decimal('qty_at_open', 14, 3).notNullable();
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('acknowledged_by').nullable();
    t.timestamp('acknowledged_at', { useTz: true }).nullable();
    t.timestamp('resolved_at', { useTz: true }).nullable();
    t.uuid('replenishment_request_id').nullable();
    t.foreign(['tenant_id', 'product_id', 'warehouse_id'])
      .references(['tenant_id', 'product_id', 'warehouse_id'])
      .inTable('stock_levels')
      .onDelete('CASCADE');
    tenantReference(t, 'acknowledged_by', 'users', 'SET NULL');
    tenantReference(t, 'replenishment_request_id', 'purchase_requests', 'SET NULL');
  });
  await knex.raw(`
    ALTER TABLE low_stock_alerts
      ADD CONSTRAINT low_stock_alerts_status CHECK (status IN ('open', 'acknowledged', 'resolved')),
      ADD CONSTRAINT low_stock_alerts_resolved CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
  `);
  await knex.raw(
    `CREATE UNIQUE INDEX low_stock_alerts_one_active ON low_stock_alerts (tenant_id, product_id, warehouse_id)
       WHERE status <> 'resolved'`,
  );
  await knex.raw('CREATE INDEX low_stock_alerts_tenant_opened ON low_stock_alerts (tenant_id, opened_at DESC, id)');
  await isolateTenantRows(knex, 'low_stock_alerts');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('low_stock_alerts');
}
