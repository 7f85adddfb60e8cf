import type { Knex } from 'knex';

/** Purchase orders with their items, notes, status history and shipments; PO numbers per year. */
export async function up(knex: Knex): Promise<void> {
  // One row per year; incrementing it inside the order's transaction makes numbers gap-free and
  // strictly increasing even when orders are created concurrently (the row lock serialises them).
  await knex.schema.createTable('order_number_counters', (t) => {
    t.integer('year').primary();
    t.integer('last_value').notNullable();
  });

  await knex.schema.createTable('purchase_orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('number', 20).notNullable().unique(); // PO-<year>-<6 digits>
    t.uuid('purchase_request_id').unique().references('purchase_requests.id').onDelete('RESTRICT'); // one order per request
    t.string('vendor_name', 200).notNullable();
    t.string('currency', 3).notNullable();
    t.decimal('total', 16, 2).notNullable(); // computed by the server from the items
    t.jsonb('shipping_address');
    t.jsonb('billing_address');
    t.string('status', 16).notNullable().defaultTo('pending');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
    t.index(['status', 'created_at']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('purchase_order_items', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('purchase_orders.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.string('description', 500).notNullable();
    t.decimal('quantity', 14, 3).notNullable();
    t.decimal('unit_price', 14, 2).notNullable();
    t.decimal('line_total', 16, 2).notNullable();
    t.unique(['order_id', 'position']);
  });
  await knex.raw(
    'ALTER TABLE purchase_order_items ADD CONSTRAINT purchase_order_items_quantity_positive CHECK (quantity > 0)',
  );
  await knex.raw(
    'ALTER TABLE purchase_order_items ADD CONSTRAINT purchase_order_items_price_not_negative CHECK (unit_price >= 0)',
  );

  await knex.schema.createTable('order_notes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('purchase_orders.id').onDelete('CASCADE');
    t.uuid('author_id').references('users.id').onDelete('SET NULL'); // null: written by the workflow
    t.text('note').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['order_id', 'created_at']);
  });

  await knex.schema.createTable('order_status_history', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('purchase_orders.id').onDelete('CASCADE');
    t.string('from_status', 16);
    t.string('to_status', 16).notNullable();
    t.uuid('actor_id').references('users.id').onDelete('SET NULL');
    t.text('note').notNullable().defaultTo('');
    t.string('operation_key', 255).notNullable().unique(); // a retried activity finds its own row
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['order_id', 'created_at']);
  });

  await knex.schema.createTable('shipments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('order_id').notNullable().references('purchase_orders.id').onDelete('CASCADE');
    t.string('carrier', 100).notNullable();
    t.string('service_type', 100).notNullable().defaultTo('');
    t.string('tracking_number', 100).notNullable();
    t.decimal('shipping_cost', 14, 2).notNullable().defaultTo(0);
    t.date('estimated_delivery');
    t.timestamp('delivered_at', { useTz: true });
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['order_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'shipments',
    'order_status_history',
    'order_notes',
    'purchase_order_items',
    'purchase_orders',
    'order_number_counters',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
