import type { Knex } from 'knex';
import type { AuthUser } from './users.repository';

/**
 * The only questions the service asks before it knows the tenant (tenancy.md §4.2 pitfall 5, decision
 * 0036). Each is a SECURITY DEFINER function of migration 17 answering tenant ids and nothing else;
 * the caller then reads and writes under that tenant like any other code. They run on the pool's
 * knex: no tenant is set, so no table could be read directly.
 */

async function one(knex: Knex, sql: string, bindings: string[]): Promise<string | undefined> {
  const { rows } = (await knex.raw(sql, bindings)) as { rows: Array<{ tenant: string | null }> };
  return rows[0]?.tenant ?? undefined;
}

async function many(knex: Knex, fn: string): Promise<string[]> {
  const { rows } = (await knex.raw(`SELECT t AS tenant FROM ${fn}() AS t`)) as { rows: Array<{ tenant: string }> };
  return rows.map((row) => row.tenant);
}

/** The tenant of the account a username or e-mail address names (login). */
export const tenantOfLogin = (knex: Knex, login: string) => one(knex, 'SELECT tenant_of_login(?) AS tenant', [login]);

/** The tenant of a refresh token, by the token's hash (refresh and sign-out of a browser session). */
export const tenantOfRefreshToken = (knex: Knex, tokenHash: string) =>
  one(knex, 'SELECT tenant_of_refresh_token(?) AS tenant', [tokenHash]);

/** The tenant of an API token, by its public prefix (the secret is checked under the tenant). */
export const tenantOfApiToken = (knex: Knex, prefix: string) =>
  one(knex, 'SELECT tenant_of_api_token(?) AS tenant', [prefix]);

/** Active providers of that name in active tenants (at most 20): the webhook's signature picks one. */
export async function inboundProviderCandidates(
  knex: Knex,
  name: string,
): Promise<Array<{ tenantId: string; providerId: string }>> {
  const { rows } = (await knex.raw(
    'SELECT tenant_id AS "tenantId", provider_id AS "providerId" FROM inbound_provider_candidates(?)',
    [name],
  )) as {
    rows: Array<{ tenantId: string; providerId: string }>;
  };
  return rows;
}

/**
 * The person a verified access token names (`sub`), with what authentication needs, when they belong
 * to the tenant it names (`tid`); one round trip on the pool (migration 19).
 */
export async function authUser(knex: Knex, userId: string, tenantId: string): Promise<AuthUser | undefined> {
  const { rows } = (await knex.raw(
    `SELECT id, tenant_id AS "tenantId", username, is_active AS "isActive", is_admin AS "isAdmin",
            is_platform_admin AS "isPlatformAdmin", token_version AS "tokenVersion", tenant_active AS "tenantActive",
            tenant_rate_limit_per_hour AS "tenantRateLimitPerHour"
       FROM auth_user(?::uuid, ?::uuid)`,
    [userId, tenantId],
  )) as { rows: AuthUser[] };
  return rows[0];
}

/**
 * Whether anyone but `exceptUserId` signs in with this username or e-mail address, in any tenant:
 * both are unique across the deployment (decision 0035), and a tenant sees only its own people.
 */
export async function loginInUse(knex: Knex, login: string, exceptUserId?: string): Promise<boolean> {
  const { rows } = (await knex.raw('SELECT login_in_use(?, ?::uuid) AS used', [login, exceptUserId ?? null])) as {
    rows: Array<{ used: boolean }>;
  };
  return rows[0]?.used === true;
}

/** Tenants whose work waits for the worker's background rounds and the outbox relay. */
export const tenantsWithUnchainedAudit = (knex: Knex) => many(knex, 'tenants_with_unchained_audit');
export const tenantsWithCountDeltas = (knex: Knex) => many(knex, 'tenants_with_count_deltas');
export const tenantsWithPendingOutbox = (knex: Knex) => many(knex, 'tenants_with_pending_outbox');

/** Active tenants with an active provider that has a health URL: the worker makes sure each has its Schedule. */
export const tenantsWithHealthChecks = (knex: Knex) => many(knex, 'tenants_with_health_checks');
