import type { Knex } from 'knex';

// The roles the product's rules name (shared/spec/domain.md); admins may add more through the API.
const baseRoles = [
  { code: 'INITIATOR', name: 'Initiator', description: 'Creates and submits purchase requests for a team' },
  { code: 'MANAGER', name: 'Manager', description: 'Approves requests at manager steps' },
  { code: 'DIRECTOR', name: 'Director', description: 'Approves requests at director steps' },
  {
    code: 'FINANCE_REVIEWER',
    name: 'Finance Reviewer',
    description: 'Completes or rejects requests in finance review',
  },
  { code: 'PROCUREMENT_OFFICER', name: 'Procurement Officer', description: 'Manages purchase orders and shipments' },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('roles', (t) => {
    t.string('code', 64).primary();
    t.string('name', 120).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex('roles').insert(baseRoles);

  await knex.schema.createTable('teams', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('name', 120).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.boolean('is_active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name))');

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('username', 150).notNullable();
    t.string('email', 254).notNullable();
    t.string('first_name', 150).notNullable().defaultTo('');
    t.string('last_name', 150).notNullable().defaultTo('');
    t.text('password_hash').notNullable();
    t.boolean('is_active').notNullable().defaultTo(true);
    t.boolean('is_admin').notNullable().defaultTo(false);
    // Bumped on password change or deactivation: access tokens carrying an older version stop working.
    t.integer('token_version').notNullable().defaultTo(0);
    t.timestamp('last_login_at', { useTz: true });
    t.timestamp('password_changed_at', { useTz: true });
    t.timestamps(true, true);
  });
  await knex.raw('CREATE UNIQUE INDEX users_username_unique ON users (lower(username))');
  await knex.raw('CREATE UNIQUE INDEX users_email_unique ON users (lower(email))');

  await knex.schema.createTable('access_scopes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('team_id').references('teams.id').onDelete('RESTRICT'); // null = every team
    t.string('role_code', 64).notNullable().references('roles.code').onDelete('RESTRICT');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['team_id', 'role_code']);
  });
  await knex.raw(
    'ALTER TABLE access_scopes ADD CONSTRAINT access_scopes_unique UNIQUE NULLS NOT DISTINCT (user_id, team_id, role_code)',
  );

  await knex.schema.createTable('refresh_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('family_id').notNullable();
    t.string('token_hash', 64).notNullable().unique(); // sha256 hex of a 256-bit random secret
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.string('revoked_reason', 64);
    t.string('ip_address', 64);
    t.string('user_agent', 512);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['family_id']);
    t.index(['user_id']);
  });

  await knex.schema.createTable('login_failures', (t) => {
    t.bigIncrements('id');
    t.string('username_key', 254).notNullable();
    t.string('ip_address', 64).notNullable();
    t.timestamp('failed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['username_key', 'ip_address', 'failed_at']);
  });

  await knex.schema.createTable('emails', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('message_id', 255).notNullable().unique(); // deterministic: a retried send finds its own row
    t.string('kind', 64).notNullable();
    t.text('to_address').notNullable();
    t.text('subject').notNullable();
    t.string('status', 16).notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.string('related_type', 64);
    t.string('related_id', 64);
    t.timestamp('sent_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['related_type', 'related_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['emails', 'login_failures', 'refresh_tokens', 'access_scopes', 'users', 'teams', 'roles']) {
    await knex.schema.dropTableIfExists(table);
  }
}
