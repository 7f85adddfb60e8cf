import type { Knex } from 'knex';

/**
 * Issue 15, registration and tenant administration:
 *  - a personal tenant (registration without an organisation, seeds 001/003) has no domain, so the
 *    domain becomes optional (still unique, compared lower-cased, when given);
 *  - usernames and e-mail addresses are unique across tenants (decision 0035), but row-level security
 *    lets a tenant see only its own people: `login_in_use` answers, across tenants, whether anyone
 *    else signs in with that name or address. It answers a boolean, nothing else (decision 0036).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE tenants ALTER COLUMN domain DROP NOT NULL');
  await knex.raw(`
    CREATE FUNCTION login_in_use(login text, except_user uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $fn$ SELECT EXISTS (SELECT 1 FROM users
                            WHERE (lower(username) = lower(btrim(login)) OR lower(email) = lower(btrim(login)))
                              AND id IS DISTINCT FROM except_user) $fn$`);
  await knex.raw('REVOKE ALL ON FUNCTION login_in_use(text, uuid) FROM PUBLIC');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION login_in_use(text, uuid)');
  await knex.raw(`UPDATE tenants SET domain = slug || '.invalid' WHERE domain IS NULL`);
  await knex.raw('ALTER TABLE tenants ALTER COLUMN domain SET NOT NULL');
}
