import type { Knex } from 'knex';
import { isolateTenantRows, tenantKeys, tenantReference } from '../tenant-owned-tables';

/**
 * Issue 16, the catalogue (inventory.md §1.2, decision 0039): product categories, vendors, products
 * with a unit, a price and a preferred vendor, what each vendor charges for a product and how long it
 * takes, and warehouses. Tenant-owned from the start: SKUs, vendor names, category names and
 * warehouse codes are unique per tenant (whatever their case), every reference stays in its tenant,
 * and row-level security is forced on every table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('product_categories', (t) => {
    tenantKeys(knex, t, 'product_categories');
    t.string('name', 120).notNullable();
    t.uuid('parent_id').nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamps(true, true);
    tenantReference(t, 'parent_id', 'product_categories', 'SET NULL');
  });
  await knex.raw('CREATE UNIQUE INDEX product_categories_name_unique ON product_categories (tenant_id, lower(name))');

  await knex.schema.createTable('vendors', (t) => {
    tenantKeys(knex, t, 'vendors');
    t.string('name', 200).notNullable();
    t.string('email', 254).nullable();
    t.string('phone', 40).nullable();
    t.string('website', 2048).nullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.integer('payment_terms_days').notNullable().defaultTo(30);
    t.text('notes').notNullable().defaultTo('');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX vendors_name_unique ON vendors (tenant_id, lower(name))');
  await knex.raw('ALTER TABLE vendors ADD CONSTRAINT vendors_terms CHECK (payment_terms_days BETWEEN 0 AND 365)');

  await knex.schema.createTable('products', (t) => {
    tenantKeys(knex, t, 'products');
    t.string('sku', 64).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.uuid('category_id').nullable();
    t.string('unit', 16).notNullable().defaultTo('each');
    t.decimal('price', 14, 2).notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.uuid('preferred_vendor_id').nullable();
    t.boolean('is_stock_item').notNullable().defaultTo(true);
    t.boolean('is_active').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamps(true, true);
    tenantReference(t, 'category_id', 'product_categories', 'SET NULL');
    tenantReference(t, 'preferred_vendor_id', 'vendors', 'SET NULL');
  });
  await knex.raw('CREATE UNIQUE INDEX products_sku_unique ON products (tenant_id, lower(sku))');
  await knex.raw('CREATE INDEX products_tenant_name ON products (tenant_id, lower(name), id)');
  await knex.raw('ALTER TABLE products ADD CONSTRAINT products_price CHECK (price >= 0)');

  await knex.schema.createTable('vendor_products', (t) => {
    tenantKeys(knex, t, 'vendor_products');
    t.uuid('vendor_id').notNullable();
    t.uuid('product_id').notNullable();
    t.string('vendor_sku', 64).nullable();
    t.decimal('price', 14, 2).notNullable();
    t.specificType('currency', 'char(3)').notNullable();
    t.decimal('min_qty', 14, 3).notNullable().defaultTo(1);
    t.integer('lead_time_days').notNullable().defaultTo(0);
    t.timestamps(true, true);
    t.unique(['tenant_id', 'vendor_id', 'product_id']);
    tenantReference(t, 'vendor_id', 'vendors', 'CASCADE');
    tenantReference(t, 'product_id', 'products', 'CASCADE');
  });
  await knex.raw(
    `ALTER TABLE vendor_products ADD CONSTRAINT vendor_products_values
       CHECK (price >= 0 AND min_qty > 0 AND lead_time_days BETWEEN 0 AND 365)`,
  );

  await knex.schema.createTable('warehouses', (t) => {
    tenantKeys(knex, t, 'warehouses');
    t.string('code', 32).notNullable();
    t.string('name', 120).notNullable();
    t.text('location').notNullable().defaultTo('');
    t.integer('capacity').nullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX warehouses_code_unique ON warehouses (tenant_id, lower(code))');
  await knex.raw('ALTER TABLE warehouses ADD CONSTRAINT warehouses_capacity CHECK (capacity IS NULL OR capacity >= 0)');

  for (const table of ['product_categories', 'vendors', 'products', 'vendor_products', 'warehouses'])
    await isolateTenantRows(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['warehouses', 'vendor_products', 'products', 'vendors', 'product_categories'])
    await knex.schema.dropTable(table);
}
