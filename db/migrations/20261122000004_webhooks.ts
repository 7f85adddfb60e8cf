import type { Knex } from 'knex';

/** Outgoing webhooks: endpoints (secrets encrypted at rest), deliveries and every attempt. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('url', 2048).notNullable();
    t.string('description', 500).notNullable().defaultTo('');
    t.jsonb('event_types').notNullable(); // ["*"] or a list of types
    t.boolean('is_active').notNullable().defaultTo(true);
    t.text('secret_encrypted').notNullable(); // AES-256-GCM; signing needs the secret itself, so no hash
    t.text('previous_secret_encrypted'); // still signs (second signature) until previous_secret_expires_at
    t.timestamp('previous_secret_expires_at', { useTz: true });
    t.string('disabled_reason', 200);
    t.uuid('disabled_by_delivery_id'); // the delivery whose failure disabled it (its admin e-mail is keyed by it)
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('event_id', 40).notNullable().references('outbox_events.id').onDelete('CASCADE');
    t.uuid('endpoint_id').notNullable().references('webhook_endpoints.id').onDelete('CASCADE');
    t.string('event_type', 64).notNullable();
    t.string('status', 16).notNullable().defaultTo('pending'); // pending | succeeded | failed
    t.integer('attempt_count').notNullable().defaultTo(0);
    t.integer('last_status_code');
    t.uuid('redelivery_of').references('webhook_deliveries.id').onDelete('SET NULL');
    t.timestamp('dispatched_at', { useTz: true }); // its delivery workflow was started
    t.timestamp('completed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['endpoint_id', 'created_at']);
    t.index(['status', 'created_at']);
  });
  // The first delivery of an event to an endpoint is unique; redeliveries are new rows.
  await knex.raw(
    'CREATE UNIQUE INDEX webhook_deliveries_first ON webhook_deliveries (event_id, endpoint_id) WHERE redelivery_of IS NULL',
  );

  await knex.schema.createTable('webhook_delivery_attempts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('delivery_id').notNullable().references('webhook_deliveries.id').onDelete('CASCADE');
    t.integer('attempt_number').notNullable();
    t.integer('status_code');
    t.string('response_excerpt', 1024).notNullable().defaultTo('');
    t.integer('latency_ms').notNullable();
    t.text('error');
    t.timestamp('attempted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['delivery_id', 'attempt_number']); // a retried activity records its attempt once
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['webhook_delivery_attempts', 'webhook_deliveries', 'webhook_endpoints'])
    await knex.schema.dropTableIfExists(table);
}
