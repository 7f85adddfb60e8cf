import type { Knex } from 'knex';

/**
 * Issue 15, the cost of isolation (decision 0036): every signed-in call looks its person up by the
 * access token's `sub` and `tid`. Under the tenant's scope that lookup took three round trips (BEGIN
 * with the tenant, the query, COMMIT); `auth_user` answers it in one. It is as narrow as the other
 * pre-tenant look-ups: the few columns authentication needs, of one person, only when the person
 * belongs to the tenant the verified token names.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION auth_user(person uuid, tenant uuid)
    RETURNS TABLE (id uuid, tenant_id uuid, username varchar, is_active boolean, is_admin boolean,
                   is_platform_admin boolean, token_version integer, tenant_active boolean,
                   tenant_rate_limit_per_hour integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $fn$ SELECT u.id, u.tenant_id, u.username, u.is_active, u.is_admin, u.is_platform_admin, u.token_version,
                   t.is_active, t.rate_limit_per_hour
              FROM users u JOIN tenants t ON t.id = u.tenant_id
             WHERE u.id = person AND u.tenant_id = tenant $fn$`);
  await knex.raw('REVOKE ALL ON FUNCTION auth_user(uuid, uuid) FROM PUBLIC');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION auth_user(uuid, uuid)');
}
