import type { Knex } from 'knex';

/**
 * What the outside review asked of the schema:
 *  - approvals.api_token_id: a decision made with an API token names the token in the history;
 *  - outbox_events.sequence: webhook deliveries are unordered, so each event carries its place among
 *    the events of its resource (unique per resource; the resource's row lock serialises writers);
 *  - users.is_service_account: integrations' own identities, which never log in and never hold a
 *    role that approves, reviews finance or manages orders (only INITIATOR);
 *  - email_changes: a new e-mail address takes effect once confirmed from that address (the token
 *    is stored hashed for checking and sealed for the e-mail that carries it);
 *  - purchase_orders.team_id: orders are seen and managed by the procurement and finance scopes of
 *    their team, as requests are (the request's team; a manual order names its own).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('email_changes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.string('new_email', 254).notNullable();
    t.string('token_hash', 64).notNullable().unique();
    t.text('token_sealed').notNullable();
    /** False when the address belonged to someone else when asked: no confirmation is ever sent. */
    t.boolean('usable').notNullable();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('confirmed_at', { useTz: true });
    t.string('previous_email', 254);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['user_id', 'created_at']);
  });
  await knex.schema.alterTable('users', (t) => {
    t.boolean('is_service_account').notNullable().defaultTo(false);
  });
  await knex.raw(
    'ALTER TABLE users ADD CONSTRAINT users_service_account_not_admin CHECK (NOT (is_service_account AND is_admin))',
  );
  await knex.schema.alterTable('purchase_orders', (t) => {
    t.uuid('team_id').nullable().references('teams.id');
    t.index(['team_id', 'created_at']);
  });
  await knex.raw(
    'UPDATE purchase_orders o SET team_id = r.team_id FROM purchase_requests r WHERE r.id = o.purchase_request_id',
  );
  await knex.schema.alterTable('approvals', (t) => {
    t.uuid('api_token_id').nullable().references('api_tokens.id').onDelete('SET NULL');
  });
  await knex.schema.alterTable('outbox_events', (t) => {
    t.integer('sequence').nullable();
  });
  // Events written before: numbered in the order they occurred, per resource.
  await knex.raw(`
    UPDATE outbox_events e SET sequence = numbered.n
    FROM (SELECT id, row_number() OVER (PARTITION BY aggregate_type, aggregate_id ORDER BY occurred_at, id) AS n FROM outbox_events) numbered
    WHERE numbered.id = e.id`);
  await knex.raw(
    `UPDATE outbox_events SET payload = payload || jsonb_build_object('sequence', sequence, 'resource', jsonb_build_object('type', aggregate_type, 'id', aggregate_id))`,
  );
  await knex.raw('ALTER TABLE outbox_events ALTER COLUMN sequence SET NOT NULL');
  await knex.raw(
    'CREATE UNIQUE INDEX outbox_events_resource_sequence ON outbox_events (aggregate_type, aggregate_id, sequence)',
  );
  // Tokens an admin minted for someone else (the old `user` field) act in that person's name: revoked.
  // Their rows stay (the history and audit rows that name them keep their reference).
  await knex.raw(
    'UPDATE api_tokens SET revoked_at = now() WHERE revoked_at IS NULL AND created_by IS DISTINCT FROM user_id',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('email_changes');
  await knex.raw('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_service_account_not_admin');
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('is_service_account');
  });
  await knex.raw('DROP INDEX IF EXISTS outbox_events_resource_sequence');
  await knex.raw(`UPDATE outbox_events SET payload = payload - 'sequence' - 'resource'`);
  await knex.schema.alterTable('outbox_events', (t) => {
    t.dropColumn('sequence');
  });
  await knex.schema.alterTable('approvals', (t) => {
    t.dropColumn('api_token_id');
  });
  await knex.schema.alterTable('purchase_orders', (t) => {
    t.dropIndex(['team_id', 'created_at']);
    t.dropColumn('team_id');
  });
}
