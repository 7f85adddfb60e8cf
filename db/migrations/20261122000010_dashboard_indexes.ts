import type { Knex } from 'knex';

/** Indexes the dashboard's period queries use (completion times, delivery outcomes). */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX purchase_requests_completed_at ON purchase_requests (completed_at) WHERE completed_at IS NOT NULL',
  );
  await knex.raw(
    "CREATE INDEX purchase_requests_current_step ON purchase_requests (current_step_id) WHERE status IN ('PENDING_APPROVAL', 'RESUBMITTED', 'IN_REVIEW', 'FINANCE_REVIEW')",
  );
  await knex.raw(
    'CREATE INDEX webhook_deliveries_completed_at ON webhook_deliveries (completed_at) WHERE completed_at IS NOT NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  for (const index of [
    'purchase_requests_completed_at',
    'purchase_requests_current_step',
    'webhook_deliveries_completed_at',
  ]) {
    await knex.raw(`DROP INDEX IF EXISTS ${index}`);
  }
}
