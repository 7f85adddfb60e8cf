import type { Knex } from 'knex';

/** Inbound webhooks: registered providers (signing secrets encrypted) and every event they sent. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('integration_providers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('name', 64).notNullable();
    t.text('secret_encrypted').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX integration_providers_name_unique ON integration_providers (lower(name))');

  await knex.schema.createTable('inbound_events', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('provider_id').notNullable().references('integration_providers.id').onDelete('CASCADE');
    t.string('event_id', 200).notNullable(); // the provider's webhook-id: a repeat is recognised by it
    t.string('type', 100).notNullable();
    t.jsonb('payload').notNullable();
    t.string('status', 16).notNullable(); // pending | applied | ignored | rejected
    t.text('result').notNullable().defaultTo('');
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['provider_id', 'event_id']);
    t.index(['received_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('inbound_events');
  await knex.schema.dropTableIfExists('integration_providers');
}
