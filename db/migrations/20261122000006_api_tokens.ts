import type { Knex } from 'knex';

/** Scoped API tokens for integrators: only a sha256 of the secret is kept. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE'); // whose rights the token narrows
    t.string('name', 120).notNullable();
    t.string('prefix', 8).notNullable().unique(); // the visible part: prs_<prefix>_<secret>
    t.string('secret_hash', 64).notNullable(); // sha256 hex of the 256-bit secret
    t.jsonb('scopes').notNullable();
    t.timestamp('expires_at', { useTz: true });
    t.integer('rate_limit_per_hour');
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('api_tokens');
}
