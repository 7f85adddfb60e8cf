import { DEFAULT_RUNTIME_ROLE, grantRuntimeRole } from '../../db/runtime-role';
import { startHarness, type Harness } from '../support/harness';

/**
 * Decision 0034 (issue 15, tenancy.md §4.2 pitfall 1): the API and the worker connect as a role that is
 * not a superuser, may not bypass row-level security, owns nothing, and can change rows but not the
 * schema. A superuser or an owner would pass every isolation test vacuously.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const one = async <T>(sql: string, bindings: unknown[] = []): Promise<T> =>
  ((await h.knex.raw(sql, bindings as never)) as { rows: T[] }).rows[0] as T;

it('is the runtime role: not a superuser, no BYPASSRLS, cannot create roles or databases', async () => {
  const role = await one<Record<string, unknown>>(
    `SELECT current_user AS name, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, rolreplication
       FROM pg_roles WHERE rolname = current_user`,
  );
  expect(role).toEqual({
    name: DEFAULT_RUNTIME_ROLE,
    rolsuper: false,
    rolbypassrls: false,
    rolcreaterole: false,
    rolcreatedb: false,
    rolreplication: false,
  });
});

it('owns no table, view, sequence or function, and belongs to no role that does', async () => {
  const owned = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND pg_has_role(current_user, c.relowner, 'USAGE')`,
  );
  expect(owned.n).toBe(0);
  const functions = await one<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_proc p
       WHERE p.pronamespace = 'public'::regnamespace AND pg_has_role(current_user, p.proowner, 'USAGE')`,
  );
  expect(functions.n).toBe(0);
});

it('may read and write the rows of every application table, and not the migrations bookkeeping', async () => {
  const tables = (
    (await h.knex.raw(
      `SELECT tablename,
              has_table_privilege(current_user, format('public.%I', tablename), 'SELECT, INSERT, UPDATE, DELETE') AS dml
         FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    )) as { rows: Array<{ tablename: string; dml: boolean }> }
  ).rows;
  expect(tables.length).toBeGreaterThan(20);
  const expected = tables.map(({ tablename }) => ({ tablename, dml: !tablename.startsWith('knex_migrations') }));
  expect(tables).toEqual(expected);
  await expect(h.knex('knex_migrations').count()).rejects.toMatchObject({ code: '42501' });
});

it('is refused every change to the schema, and a table a later migration adds is granted by default', async () => {
  for (const ddl of [
    'CREATE TABLE intruder (id int)',
    'ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update',
    'DROP TABLE purchase_requests',
    'TRUNCATE audit_logs',
    'CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$',
  ]) {
    await expect(h.knex.raw(ddl)).rejects.toMatchObject({ code: '42501' });
  }
  // The owner adds a table, as a migration would: the runtime role may use it without a new grant.
  await h.withOwner((owner) => owner.raw('CREATE TABLE later_migration_table (id int PRIMARY KEY)'));
  await h.knex('laterMigrationTable').insert({ id: 1 });
  expect(await h.knex('laterMigrationTable').count({ n: '*' })).toEqual([{ n: 1 }]);
});

it('says why a runtime role could not be created without repeating its password', async () => {
  // The runtime role itself may not create roles: the statement fails, and its text holds the password.
  const url = 'postgres://procurement_other:pw-that-must-not-leak@127.0.0.1:5432/none';
  const failure = await grantRuntimeRole(h.knex, url).then(
    () => new Error('created'),
    (error: Error) => error,
  );
  expect(failure.message).toBe('could not create the runtime role "procurement_other" (PostgreSQL error 42501)');
  expect(await h.knex('pg_roles').where({ rolname: 'procurement_other' })).toEqual([]);
});
