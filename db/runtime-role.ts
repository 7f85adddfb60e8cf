import type { Knex } from 'knex';

/**
 * The API and the worker connect as a role of their own: it can read and write the rows of the
 * application's tables and nothing else, it owns nothing, and it is neither a superuser nor allowed
 * to bypass row-level security (tenancy.md §4.2: a superuser, a BYPASSRLS role or a table's owner
 * would pass every isolation test vacuously). The schema's owner, who runs the migrations, creates
 * it and grants it its rights after every migration (decision 0034).
 */
export const DEFAULT_RUNTIME_ROLE = 'procurement_app';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Tables the runtime never touches: the migrations' own bookkeeping (they exist after a migration). */
const OWNER_ONLY_TABLES = ['knex_migrations', 'knex_migrations_lock'];

/** The role a database URL connects as, and its password when the URL carries one. */
export function roleOf(url: string): { role: string; password: string | undefined } {
  const parsed = new URL(url);
  return {
    role: decodeURIComponent(parsed.username),
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

/** `url` with another role (and password) in it: the runtime's URL derived from the owner's. */
export function withRole(url: string, role: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(role);
  parsed.password = password ? encodeURIComponent(password) : '';
  return parsed.toString();
}

/**
 * Run as the owner, after migrating: creates the runtime role named in `runtimeUrl` when it does not
 * exist (with that URL's password, if any), and grants it DML on every table and sequence of the
 * `public` schema (and on those later migrations create). Answers the role, or null when the runtime
 * URL names the owner itself (a one-role installation: nothing to grant).
 */
export async function grantRuntimeRole(owner: Knex, runtimeUrl: string): Promise<string | null> {
  const { role, password } = roleOf(runtimeUrl);
  const ownerRole = ((await owner.raw('SELECT current_user AS name')) as { rows: Array<{ name: string }> }).rows[0]
    ?.name;
  if (!role || role === ownerRole) return null;
  if (!ROLE_NAME.test(role)) throw new Error(`the runtime role "${role}" must be a lower-case SQL identifier`);
  const exists = await owner.raw('SELECT 1 FROM pg_roles WHERE rolname = ?', [role]);
  if ((exists as { rows: unknown[] }).rows.length === 0) {
    // CREATE ROLE takes no bind parameters: PostgreSQL's format() quotes the password literal. The
    // password is set only here, when the role is created; changing it later is the operator's ALTER ROLE.
    const create = (await owner.raw(
      `SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD %L', ?::text, ?::text) AS sql`,
      [role, password ?? null],
    )) as { rows: Array<{ sql: string }> };
    await owner.raw(create.rows[0]?.sql as string).catch((error: { code?: string }) => {
      if (error.code === '42710') return; // created meanwhile by another database's set-up
      // knex puts the statement in the message, and the statement holds the password: say only why.
      throw new Error(`could not create the runtime role "${role}" (PostgreSQL error ${error.code ?? 'unknown'})`);
    });
  }
  await owner.raw(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await owner.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await owner.raw(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  // The narrow pre-tenant look-ups (migration 17) are revoked from PUBLIC and granted here.
  await owner.raw(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${role}`);
  await owner.raw(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
  );
  await owner.raw(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`);
  await owner.raw(`REVOKE ALL ON TABLE ${OWNER_ONLY_TABLES.join(', ')} FROM ${role}`);
  return role;
}

/** Migrates as the owner, then (re)grants the runtime role its rights. Answers the migrations run. */
export async function migrateAsOwner(owner: Knex, runtimeUrl: string): Promise<string[]> {
  const [, migrations] = (await owner.migrate.latest()) as [number, string[]];
  await grantRuntimeRole(owner, runtimeUrl);
  return migrations;
}
