import type { Knex } from 'knex';

/** Fixed-window request counters shared by every API process (api.md: limits live in PostgreSQL). */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limit_counters', (t) => {
    t.string('key', 200).notNullable(); // who and which window kind: user:<id>:hour, ip:<addr>:minute, …
    t.timestamp('window_start', { useTz: true }).notNullable();
    t.integer('count').notNullable();
    t.primary(['key', 'window_start']);
    t.index(['window_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('rate_limit_counters');
}
