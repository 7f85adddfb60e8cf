import type { Knex } from 'knex';

/** The append-only audit log: each row carries the hash of the previous one, so edits and deletions show. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_logs', (t) => {
    t.bigIncrements('id');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.uuid('actor_user_id'); // the user, or the owner on whose behalf a token acted; null for the system
    t.uuid('actor_token_id');
    t.string('action', 100).notNullable();
    t.string('resource_type', 50).notNullable();
    t.string('resource_id', 100);
    t.jsonb('old_values');
    t.jsonb('new_values');
    t.string('ip_address', 64);
    t.string('user_agent', 512);
    t.string('request_id', 64);
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.index(['resource_type', 'resource_id']);
    t.index(['actor_user_id']);
    t.index(['occurred_at']);
    t.index(['action']);
  });
  // Append-only for the application: updates and deletes are refused by the database itself.
  await knex.raw(`
    CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_logs is append-only'; END $$;
    CREATE TRIGGER audit_logs_no_update BEFORE UPDATE OR DELETE ON audit_logs FOR EACH ROW EXECUTE FUNCTION audit_logs_append_only();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_logs');
  await knex.raw('DROP FUNCTION IF EXISTS audit_logs_append_only()');
}
