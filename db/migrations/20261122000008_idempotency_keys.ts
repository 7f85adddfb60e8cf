import type { Knex } from 'knex';

/** Idempotency-Key records: the first answer to an acting POST, replayed for 24 hours. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('principal_key', 80).notNullable(); // user:<id> or token:<id>: keys are per caller
    t.string('key', 200).notNullable();
    t.string('request_hash', 64).notNullable(); // method, path and body: the same key with another body is refused
    t.string('state', 16).notNullable(); // in_progress | done
    t.integer('response_status');
    t.jsonb('response_body');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['principal_key', 'key']);
    t.index(['created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_keys');
}
