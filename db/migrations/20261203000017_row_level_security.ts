import type { Knex } from 'knex';

/**
 * Issue 15, isolation by the database (tenancy.md §4.2, decision 0036): every table holding a
 * tenant's rows has row-level security enabled and forced, with one policy that admits a row only
 * to a transaction whose `app.tenant_id` is the row's tenant, for reading and for writing. A
 * statement with no tenant set sees nothing and may write nothing. `NULLIF(…, '')` because a
 * connection that once held the setting answers '' afterwards, and ''::uuid would be an error.
 *
 * The few questions asked before the tenant is known get one narrow SECURITY DEFINER function each:
 * it answers tenant ids (and, for inbound webhooks, provider ids) and nothing else. The caller then
 * works under that tenant like everyone else. These functions run as their owner, the schema's
 * owner, who must bypass RLS (a superuser or a BYPASSRLS role; docs/operations.md).
 */
const SHARED_TABLES = [
  'tenants',
  'roles',
  'rate_limit_counters',
  'login_failures',
  'knex_migrations',
  'knex_migrations_lock',
];

const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;

const LOOKUPS = [
  {
    name: 'tenant_of_login(login text)',
    returns: 'uuid',
    // The account a login names, as findUserByLogin picks it: the username wins over an e-mail address.
    body: `SELECT tenant_id FROM users WHERE lower(username) = lower(btrim(login)) OR lower(email) = lower(btrim(login))
           ORDER BY lower(username) = lower(btrim(login)) DESC LIMIT 1`,
  },
  {
    name: 'tenant_of_refresh_token(hash text)',
    returns: 'uuid',
    body: 'SELECT tenant_id FROM refresh_tokens WHERE token_hash = hash',
  },
  {
    name: 'tenant_of_api_token(token_prefix text)',
    returns: 'uuid',
    body: 'SELECT tenant_id FROM api_tokens WHERE prefix = token_prefix',
  },
  {
    // Provider names are unique per tenant: the signature tells the candidates apart.
    name: 'inbound_provider_candidates(provider_name text)',
    returns: 'TABLE (tenant_id uuid, provider_id uuid)',
    body: `SELECT p.tenant_id, p.id FROM integration_providers p JOIN tenants t ON t.id = p.tenant_id
           WHERE lower(p.name) = lower(provider_name) AND p.is_active AND t.is_active ORDER BY p.created_at LIMIT 20`,
  },
  {
    // The worker's background rounds go tenant by tenant, oldest backlog first.
    name: 'tenants_with_unchained_audit()',
    returns: 'SETOF uuid',
    body: 'SELECT tenant_id FROM audit_logs WHERE chain_seq IS NULL GROUP BY tenant_id ORDER BY min(id)',
  },
  {
    name: 'tenants_with_count_deltas()',
    returns: 'SETOF uuid',
    body: 'SELECT tenant_id FROM purchase_request_count_deltas GROUP BY tenant_id ORDER BY min(id)',
  },
  {
    name: 'tenants_with_pending_outbox()',
    returns: 'SETOF uuid',
    // Unpublished events, and deliveries whose workflow has not started (a redelivery asked for in the API).
    body: `SELECT tenant_id FROM (
             SELECT tenant_id, min(occurred_at) AS since FROM outbox_events WHERE published_at IS NULL GROUP BY tenant_id
             UNION ALL
             SELECT tenant_id, min(created_at) FROM webhook_deliveries WHERE dispatched_at IS NULL AND status = 'pending' GROUP BY tenant_id
           ) AS waiting GROUP BY tenant_id ORDER BY min(since)`,
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const table of await tenantTables(knex)) {
    await knex.raw('ALTER TABLE ?? ENABLE ROW LEVEL SECURITY', [table]);
    await knex.raw('ALTER TABLE ?? FORCE ROW LEVEL SECURITY', [table]);
    await knex.raw(
      `CREATE POLICY tenant_isolation ON ?? USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
      [table],
    );
  }
  for (const lookup of LOOKUPS) {
    await knex.raw(`
      CREATE FUNCTION ${lookup.name} RETURNS ${lookup.returns}
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $fn$ ${lookup.body} $fn$`);
    // Only the roles the owner grants it to (the runtime role, after every migration) may ask.
    await knex.raw(`REVOKE ALL ON FUNCTION ${lookup.name} FROM PUBLIC`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const lookup of LOOKUPS) await knex.raw(`DROP FUNCTION ${lookup.name.replace(/\(.*\)/, '')}`);
  for (const table of await tenantTables(knex)) {
    await knex.raw('DROP POLICY tenant_isolation ON ??', [table]);
    await knex.raw('ALTER TABLE ?? NO FORCE ROW LEVEL SECURITY', [table]);
    await knex.raw('ALTER TABLE ?? DISABLE ROW LEVEL SECURITY', [table]);
  }
}

/** Every table of the schema except the shared ones: each has tenant_id (migration 16). */
async function tenantTables(knex: Knex): Promise<string[]> {
  const { rows } = (await knex.raw(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND NOT (c.relname = ANY (?))
      ORDER BY 1`,
    [SHARED_TABLES],
  )) as { rows: Array<{ name: string }> };
  return rows.map((row) => row.name);
}
