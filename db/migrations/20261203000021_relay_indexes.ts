import type { Knex } from 'knex';

/**
 * The outbox relay asks every poll (OUTBOX_POLL_SECONDS) which tenants have waiting work
 * (`tenants_with_pending_outbox()`), then reads each tenant's oldest waiting rows under its scope.
 * Both questions are about the few rows still waiting, grouped or filtered by tenant: partial
 * indexes on exactly those rows, led by the tenant, keep them from reading the whole history of
 * deliveries (which only grows) or every tenant's unpublished events.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `CREATE INDEX webhook_deliveries_undispatched ON webhook_deliveries (tenant_id, created_at)
       WHERE dispatched_at IS NULL AND status = 'pending'`,
  );
  await knex.raw('DROP INDEX outbox_events_unpublished');
  await knex.raw(
    'CREATE INDEX outbox_events_unpublished ON outbox_events (tenant_id, occurred_at) WHERE published_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX outbox_events_unpublished');
  await knex.raw('CREATE INDEX outbox_events_unpublished ON outbox_events (occurred_at) WHERE published_at IS NULL');
  await knex.raw('DROP INDEX webhook_deliveries_undispatched');
}
