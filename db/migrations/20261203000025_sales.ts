import type { Knex } from 'knex';
import { isolateTenantRows, tenantKeys, tenantReference } from '../tenant-owned-tables';

/**
 * Issue 16, sales (seed 003; inventory.md §1.5; decision 0042): a sale issues stock from a warehouse
 * through the ledger (`sale` movements) and is numbered per tenant and year (`SALE-2026-000001`) from
 * a counter that receipts will share. Cancelling a sale puts its stock back (`sale_reversal`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('document_counters', (t) => {
    t.uuid('tenant_id').notNullable().defaultTo(knex.raw(`NULLIF(current_setting('app.tenant_id', true), '')::uuid`));
    t.foreign('tenant_id').references('tenants.id').onDelete('RESTRICT');
    t.string('kind', 16).notNullable();
    t.integer('year').notNullable();
    t.integer('last_value').notNullable();
    t.primary(['tenant_id', 'kind', 'year']);
  });

  await knex.schema.createTable('sales', (t) => {
    tenantKeys(knex, t, 'sales');
    t.string('number', 24).notNullable();
    t.string('customer_name', 200).notNullable();
    t.string('customer_email', 254).nullable();
    t.uuid('warehouse_id').notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.decimal('total', 14, 2).notNullable();
    t.string('status', 16).notNullable().defaultTo('completed');
    t.text('notes').notNullable().defaultTo('');
    t.uuid('sold_by').nullable();
    t.timestamp('sold_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('cancelled_by').nullable();
    t.timestamp('cancelled_at', { useTz: true }).nullable();
    t.text('cancel_reason').nullable();
    t.unique(['tenant_id', 'number']);
    tenantReference(t, 'warehouse_id', 'warehouses', 'RESTRICT');
    tenantReference(t, 'sold_by', 'users', 'SET NULL');
    tenantReference(t, 'cancelled_by', 'users', 'SET NULL');
  });
  await knex.raw(`
    ALTER TABLE sales
      ADD CONSTRAINT sales_status CHECK (status IN ('completed', 'cancelled')),
      ADD CONSTRAINT sales_cancelled CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
      ADD CONSTRAINT sales_total CHECK (total >= 0)
  `);
  await knex.raw('CREATE INDEX sales_tenant_sold_at ON sales (tenant_id, sold_at DESC, id)');

  await knex.schema.createTable('sale_lines', (t) => {
    tenantKeys(knex, t, 'sale_lines');
    t.uuid('sale_id').notNullable();
    t.integer('line_no').notNullable();
    t.uuid('product_id').notNullable();
    t.decimal('quantity', 14, 3).notNullable();
    t.decimal('unit_price', 14, 2).notNullable();
    t.decimal('line_total', 14, 2).notNullable();
    t.unique(['tenant_id', 'sale_id', 'line_no']);
    tenantReference(t, 'sale_id', 'sales', 'CASCADE');
    tenantReference(t, 'product_id', 'products', 'RESTRICT');
  });
  await knex.raw(
    'ALTER TABLE sale_lines ADD CONSTRAINT sale_lines_values CHECK (quantity > 0 AND unit_price >= 0 AND line_total >= 0)',
  );
  await knex.raw('CREATE INDEX sale_lines_tenant_product ON sale_lines (tenant_id, product_id)');

  await knex.raw(`
    ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type,
      ADD CONSTRAINT stock_movements_type CHECK (movement_type IN (
        'opening', 'receipt', 'issue', 'sale', 'sale_reversal', 'transfer_out', 'transfer_in', 'adjustment',
        'return_to_vendor', 'receipt_reversal'))
  `);
  for (const table of ['document_counters', 'sales', 'sale_lines']) await isolateTenantRows(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE stock_movements DROP CONSTRAINT stock_movements_type,
      ADD CONSTRAINT stock_movements_type CHECK (movement_type IN (
        'opening', 'receipt', 'issue', 'sale', 'transfer_out', 'transfer_in', 'adjustment',
        'return_to_vendor', 'receipt_reversal'))
  `);
  for (const table of ['sale_lines', 'sales', 'document_counters']) await knex.schema.dropTable(table);
}
