import type { Knex } from 'knex';

/**
 * Templates (versioned: a new version is a new row in the same family, the old one stays for the
 * requests that pinned it), purchase requests, their approval history, the eligible approvers of each
 * step, attachments, and the outbox of events the webhooks issue publishes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('form_templates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable(); // the id of version 1; every version shares it
    t.string('name', 200).notNullable();
    t.integer('version_number').notNullable();
    t.uuid('team_id').references('teams.id').onDelete('RESTRICT'); // null = any team
    t.boolean('is_current').notNullable().defaultTo(true);
    t.jsonb('required_attachment_categories').notNullable().defaultTo('[]');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['family_id', 'version_number']);
  });
  await knex.raw('CREATE UNIQUE INDEX form_templates_one_current ON form_templates (family_id) WHERE is_current');

  await knex.schema.createTable('form_template_fields', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('form_template_id').notNullable().references('form_templates.id').onDelete('CASCADE');
    t.string('field_id', 64).notNullable();
    t.string('name', 200).notNullable();
    t.string('field_type', 16).notNullable();
    t.boolean('required').notNullable().defaultTo(false);
    t.integer('order').notNullable();
    t.jsonb('options').notNullable().defaultTo('[]'); // SELECT choices
    t.unique(['form_template_id', 'field_id']);
  });

  await knex.schema.createTable('workflow_templates', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('family_id').notNullable();
    t.string('name', 200).notNullable();
    t.integer('version_number').notNullable();
    t.uuid('team_id').references('teams.id').onDelete('RESTRICT');
    t.boolean('is_current').notNullable().defaultTo(true);
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['family_id', 'version_number']);
  });
  await knex.raw(
    'CREATE UNIQUE INDEX workflow_templates_one_current ON workflow_templates (family_id) WHERE is_current',
  );

  await knex.schema.createTable('workflow_template_steps', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('workflow_template_id').notNullable().references('workflow_templates.id').onDelete('CASCADE');
    t.integer('step_order').notNullable();
    t.string('step_name', 200).notNullable();
    t.string('approver_role', 64).notNullable().references('roles.code').onDelete('RESTRICT');
    t.boolean('is_finance_review').notNullable().defaultTo(false);
    t.decimal('min_amount', 14, 2);
    // Fractions of an hour are allowed so that tests (and impatient demos) can use seconds.
    t.decimal('remind_after_hours', 12, 6);
    t.decimal('escalate_after_hours', 12, 6);
    t.unique(['workflow_template_id', 'step_order']);
  });

  await knex.schema.createTable('purchase_requests', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('requestor_id').notNullable().references('users.id').onDelete('RESTRICT');
    t.uuid('team_id').notNullable().references('teams.id').onDelete('RESTRICT');
    t.uuid('form_template_id').notNullable().references('form_templates.id').onDelete('RESTRICT');
    t.uuid('workflow_template_id').references('workflow_templates.id').onDelete('RESTRICT'); // pinned at first submit
    t.string('status', 32).notNullable().defaultTo('DRAFT');
    t.uuid('current_step_id').references('workflow_template_steps.id').onDelete('RESTRICT');
    t.string('vendor_name', 200).notNullable().defaultTo('');
    t.string('vendor_account', 100).notNullable().defaultTo('');
    t.string('subject', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.string('purchase_type', 16).notNullable();
    t.decimal('amount', 14, 2).notNullable();
    t.string('currency', 3).notNullable();
    t.jsonb('field_values').notNullable().defaultTo('{}');
    t.integer('round').notNullable().defaultTo(0);
    t.boolean('escalated').notNullable().defaultTo(false);
    t.text('rejection_comment');
    t.timestamp('submitted_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamps(true, true);
    t.index(['status', 'created_at']);
    t.index(['team_id', 'created_at']);
    t.index(['requestor_id', 'created_at']);
  });
  await knex.raw('ALTER TABLE purchase_requests ADD CONSTRAINT purchase_requests_amount_positive CHECK (amount > 0)');

  // The eligible approvers of a step, resolved when the step starts and kept with it (domain.md).
  await knex.schema.createTable('request_step_approvers', (t) => {
    t.uuid('request_id').notNullable().references('purchase_requests.id').onDelete('CASCADE');
    t.integer('step_sequence').notNullable(); // the workflow's count of steps started, unique per request
    t.integer('round').notNullable();
    t.uuid('step_id').notNullable().references('workflow_template_steps.id').onDelete('RESTRICT');
    t.uuid('user_id').notNullable().references('users.id').onDelete('RESTRICT');
    t.string('reason', 16).notNullable().defaultTo('role'); // role | escalation
    t.boolean('is_current').notNullable().defaultTo(true);
    t.primary(['request_id', 'step_sequence', 'user_id']);
    t.index(['user_id', 'is_current']);
  });

  await knex.schema.createTable('approvals', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('request_id').notNullable().references('purchase_requests.id').onDelete('CASCADE');
    t.integer('round').notNullable();
    t.uuid('step_id').references('workflow_template_steps.id').onDelete('RESTRICT');
    t.uuid('actor_id').references('users.id').onDelete('RESTRICT'); // null for the workflow's own actions
    t.string('action', 16).notNullable();
    t.text('comment').notNullable().defaultTo('');
    // Deterministic key from the workflow: a retried activity finds its own row instead of adding one.
    t.string('operation_key', 255).notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['request_id', 'created_at']);
    t.index(['actor_id']);
  });
  await knex.raw(
    "CREATE UNIQUE INDEX approvals_one_decision ON approvals (request_id, round, step_id, actor_id, action) WHERE action IN ('APPROVE', 'REJECT')",
  );

  // Every operation a workflow activity applied, by its deterministic key: a retry finds it and stops.
  await knex.schema.createTable('request_operations', (t) => {
    t.string('operation_key', 255).primary();
    t.uuid('request_id').notNullable().references('purchase_requests.id').onDelete('CASCADE');
    t.jsonb('result').notNullable().defaultTo('{}');
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('attachments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('request_id').notNullable().references('purchase_requests.id').onDelete('CASCADE');
    t.string('filename', 255).notNullable();
    t.string('category', 100).notNullable().defaultTo('');
    t.string('file_type', 128).notNullable();
    t.bigInteger('file_size').notNullable();
    t.string('sha256', 64).notNullable();
    t.string('storage_key', 255).notNullable().unique();
    t.uuid('uploaded_by').notNullable().references('users.id').onDelete('RESTRICT');
    t.timestamp('upload_date', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['request_id']);
  });

  await knex.schema.createTable('outbox_events', (t) => {
    t.string('id', 40).primary(); // evt_<random>
    t.string('type', 64).notNullable();
    t.string('aggregate_type', 32).notNullable();
    t.string('aggregate_id', 64).notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('published_at', { useTz: true });
    t.index(['aggregate_type', 'aggregate_id', 'occurred_at']);
  });
  await knex.raw('CREATE INDEX outbox_events_unpublished ON outbox_events (occurred_at) WHERE published_at IS NULL');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'outbox_events',
    'attachments',
    'request_operations',
    'approvals',
    'request_step_approvers',
    'purchase_requests',
    'workflow_template_steps',
    'workflow_templates',
    'form_template_fields',
    'form_templates',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
