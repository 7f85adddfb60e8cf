import type { Knex } from 'knex';
import { CURRENT_TENANT, isolateTenantRows, tenantKeys, tenantReference } from '../tenant-owned-tables';

/**
 * Issue 16, the inventory ledger (inventory.md §1.2, §1.6, §1.7; decision 0040). A stock level per
 * (product, warehouse) is seed 001's "inventory item", and carries its reorder rule; a movement is
 * the only way its `on_hand` changes, and movements are append-only (a correction is a movement of
 * its own). The level can never go negative: the CHECK refuses the UPDATE that would take it there,
 * atomically, under the row lock. A transfer is two movements sharing its id.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('stock_levels', (t) => {
    tenantKeys(knex, t, 'stock_levels');
    t.uuid('product_id').notNullable();
    t.uuid('warehouse_id').notNullable();
    t.decimal('on_hand', 14, 3).notNullable().defaultTo(0);
    t.decimal('reserved', 14, 3).notNullable().defaultTo(0);
    t.decimal('min_stock_level', 14, 3).nullable();
    t.decimal('max_stock_level', 14, 3).nullable();
    t.decimal('reorder_qty', 14, 3).nullable();
    t.decimal('qty_multiple', 14, 3).nullable();
    t.string('reorder_trigger', 8).notNullable().defaultTo('manual');
    t.uuid('replenish_team_id').nullable();
    t.bigInteger('last_movement_id').nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamps(true, true);
    t.unique(['tenant_id', 'product_id', 'warehouse_id']);
    tenantReference(t, 'product_id', 'products', 'RESTRICT');
    tenantReference(t, 'warehouse_id', 'warehouses', 'RESTRICT');
    tenantReference(t, 'replenish_team_id', 'teams', 'SET NULL');
  });
  await knex.raw(`
    ALTER TABLE stock_levels
      ADD CONSTRAINT stock_levels_on_hand CHECK (on_hand >= 0),
      ADD CONSTRAINT stock_levels_reserved CHECK (reserved >= 0),
      ADD CONSTRAINT stock_levels_rule CHECK (
        (min_stock_level IS NULL OR min_stock_level >= 0)
        AND (max_stock_level IS NULL OR max_stock_level >= 0)
        AND (min_stock_level IS NULL OR max_stock_level IS NULL OR max_stock_level >= min_stock_level)
        AND (reorder_qty IS NULL OR reorder_qty > 0)
        AND (qty_multiple IS NULL OR qty_multiple > 0)),
      ADD CONSTRAINT stock_levels_trigger CHECK (reorder_trigger IN ('auto', 'manual', 'off'))
  `);
  await knex.raw('CREATE INDEX stock_levels_tenant_warehouse ON stock_levels (tenant_id, warehouse_id)');

  await knex.schema.createTable('stock_transfers', (t) => {
    tenantKeys(knex, t, 'stock_transfers');
    t.uuid('product_id').notNullable();
    t.uuid('from_warehouse_id').notNullable();
    t.uuid('to_warehouse_id').notNullable();
    t.decimal('quantity', 14, 3).notNullable();
    t.text('reason').notNullable();
    t.string('status', 16).notNullable().defaultTo('completed');
    t.uuid('actor_id').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    tenantReference(t, 'product_id', 'products', 'RESTRICT');
    tenantReference(t, 'from_warehouse_id', 'warehouses', 'RESTRICT');
    tenantReference(t, 'to_warehouse_id', 'warehouses', 'RESTRICT');
    tenantReference(t, 'actor_id', 'users', 'SET NULL');
  });
  await knex.raw(`
    ALTER TABLE stock_transfers
      ADD CONSTRAINT stock_transfers_values CHECK (quantity > 0 AND from_warehouse_id <> to_warehouse_id),
      ADD CONSTRAINT stock_transfers_status CHECK (status IN ('completed'))
  `);

  await knex.schema.createTable('stock_movements', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('tenant_id').notNullable().defaultTo(knex.raw(CURRENT_TENANT)).references('tenants.id').onDelete('RESTRICT');
    t.uuid('product_id').notNullable();
    t.uuid('warehouse_id').notNullable();
    t.decimal('qty_delta', 14, 3).notNullable();
    t.decimal('qty_after', 14, 3).notNullable();
    t.string('movement_type', 24).notNullable();
    t.text('reason').notNullable().defaultTo('');
    t.string('source_type', 32).nullable();
    t.string('source_id', 64).nullable();
    t.string('source_line_id', 64).nullable();
    t.uuid('transfer_id').nullable();
    t.decimal('unit_cost', 14, 2).nullable();
    t.uuid('actor_id').nullable();
    t.string('operation_key', 200).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'id']);
    t.unique(['tenant_id', 'operation_key']);
    t.foreign(['tenant_id', 'product_id', 'warehouse_id'])
      .references(['tenant_id', 'product_id', 'warehouse_id'])
      .inTable('stock_levels')
      .onDelete('RESTRICT');
    tenantReference(t, 'transfer_id', 'stock_transfers', 'RESTRICT');
    tenantReference(t, 'actor_id', 'users', 'SET NULL');
  });
  await knex.raw(`
    ALTER TABLE stock_movements
      ADD CONSTRAINT stock_movements_values CHECK (qty_delta <> 0 AND qty_after >= 0),
      ADD CONSTRAINT stock_movements_type CHECK (movement_type IN (
        'opening', 'receipt', 'issue', 'sale', 'transfer_out', 'transfer_in', 'adjustment',
        'return_to_vendor', 'receipt_reversal'))
  `);
  await knex.raw(
    'CREATE INDEX stock_movements_level ON stock_movements (tenant_id, product_id, warehouse_id, id DESC)',
  );
  await knex.raw('CREATE INDEX stock_movements_tenant_time ON stock_movements (tenant_id, created_at DESC, id DESC)');
  // Append-only for the application, as the audit log: a correction is a movement of its own. (The
  // SET NULL of a deleted user's actor_id is the one update the database itself may make.)
  await knex.raw(`
    CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN RETURN NEW; END IF;
      RAISE EXCEPTION 'stock_movements is append-only';
    END $$;
    CREATE TRIGGER stock_movements_no_change BEFORE UPDATE OR DELETE ON stock_movements
      FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();
  `);

  for (const table of ['stock_levels', 'stock_transfers', 'stock_movements']) await isolateTenantRows(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['stock_movements', 'stock_transfers', 'stock_levels']) await knex.schema.dropTable(table);
  await knex.raw('DROP FUNCTION IF EXISTS stock_movements_append_only()');
}
