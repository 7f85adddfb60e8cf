import type { Knex } from 'knex';
import pg from 'pg';
import { User } from '../../db/models';
import { createKnex } from '../../db/knex';
import { tenantKnex, withTenant } from '../../db/tenant-scope';
import { secondDemoTenant } from '../../db/seeds/demo-data';
import { tenantIdOf } from '../kit/demo-tenant';
import { startHarness, type Harness } from '../support/harness';

/**
 * Issue 15 (tenancy.md §4.5, 3–5; decision 0036): isolation is the database's. Every tenant-owned
 * table has row-level security enabled and forced with the tenant policy; the runtime role sees a
 * tenant's rows only inside a transaction that set it, cannot write rows of another tenant, cannot
 * point at another tenant's rows, and a pooled connection carries nothing from one caller to the next.
 */
const SHARED_TABLES = [
  'knex_migrations',
  'knex_migrations_lock',
  'login_failures',
  'rate_limit_counters',
  'roles',
  'tenants',
];

let h: Harness;
let demo: string;
let northwind: string;
beforeAll(async () => {
  h = await startHarness();
  demo = h.tenantId;
  northwind = await tenantIdOf(h.pool, secondDemoTenant.slug);
});
afterAll(() => h.stop());

interface Finding {
  table: string;
  problem: string;
}

/** Every table of the schema outside the shared ones, and what is wrong with its isolation. */
async function isolationFindings(knex: Knex): Promise<Finding[]> {
  const { rows } = (await knex.raw(
    `SELECT c.relname AS "table", c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
            p.qual, p.with_check AS "check", p.cmd, p.roles::text[] AS roles,
            a.attnotnull AS "tenantNotNull"
       FROM pg_class c
       LEFT JOIN pg_policies p ON p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'tenant_isolation'
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY (?))
      ORDER BY 1`,
    [SHARED_TABLES],
  )) as {
    rows: Array<{
      table: string;
      enabled: boolean;
      forced: boolean;
      qual: string | null;
      check: string | null;
      cmd: string | null;
      roles: string[] | null;
      tenantNotNull: boolean | null;
    }>;
  };
  const expected = "(tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid)";
  return rows.flatMap((row) => {
    const problems = [
      !row.tenantNotNull && 'no NOT NULL tenant_id',
      !row.enabled && 'row-level security is not enabled',
      !row.forced && 'row-level security is not forced',
      row.qual !== expected && `no tenant_isolation policy on reads (${row.qual})`,
      row.check !== expected && `no tenant_isolation check on writes (${row.check})`,
      row.cmd !== null && row.cmd !== 'ALL' && `the policy covers ${row.cmd} only`,
      row.roles !== null && row.roles.join() !== 'public' && `the policy applies to ${row.roles.join()} only`,
    ].filter((problem): problem is string => Boolean(problem));
    return problems.map((problem) => ({ table: row.table, problem }));
  });
}

describe('the catalog', () => {
  it('gives every table outside the shared ones a NOT NULL tenant_id and the forced tenant policy', async () => {
    const tables = (await h.knex.raw(
      `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    )) as { rows: Array<{ n: number }> };
    expect(tables.rows[0]!.n).toBeGreaterThan(30); // the check below looked at the real schema
    expect(await isolationFindings(h.knex)).toEqual([]);
  });

  it('notices a table whose policy was dropped, or that is not forced, or a new table without either', async () => {
    await h.withOwner(async (owner) => {
      await owner
        .transaction(async (trx) => {
          await trx.raw('DROP POLICY tenant_isolation ON purchase_orders');
          await trx.raw('ALTER TABLE shipments NO FORCE ROW LEVEL SECURITY');
          await trx.raw('CREATE TABLE stock_items (id uuid PRIMARY KEY, sku text)');
          expect(await isolationFindings(trx)).toEqual(
            expect.arrayContaining([
              { table: 'purchase_orders', problem: expect.stringContaining('no tenant_isolation policy on reads') },
              { table: 'shipments', problem: 'row-level security is not forced' },
              { table: 'stock_items', problem: 'no NOT NULL tenant_id' },
              { table: 'stock_items', problem: 'row-level security is not enabled' },
            ]),
          );
          throw new Error('roll back');
        })
        .catch((error: Error) => {
          if (error.message !== 'roll back') throw error;
        });
    });
    expect(await isolationFindings(h.knex)).toEqual([]);
  });

  it('lets the pre-tenant look-ups answer tenant ids only, and only to the runtime role', async () => {
    const { rows } = (await h.withOwner((owner) =>
      owner.raw(
        `SELECT p.proname AS name, p.prosecdef AS definer, pg_get_function_result(p.oid) AS result,
                has_function_privilege('public', p.oid, 'EXECUTE') AS public
           FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef ORDER BY 1`,
      ),
    )) as { rows: Array<{ name: string; definer: boolean; result: string; public: boolean }> };
    expect(rows).toEqual([
      {
        name: 'auth_user',
        definer: true,
        result:
          'TABLE(id uuid, tenant_id uuid, username character varying, is_active boolean, is_admin boolean, is_platform_admin boolean, token_version integer, tenant_active boolean, tenant_rate_limit_per_hour integer)',
        public: false,
      },
      {
        name: 'inbound_provider_candidates',
        definer: true,
        result: 'TABLE(tenant_id uuid, provider_id uuid)',
        public: false,
      },
      { name: 'login_in_use', definer: true, result: 'boolean', public: false },
      { name: 'tenant_of_api_token', definer: true, result: 'uuid', public: false },
      { name: 'tenant_of_login', definer: true, result: 'uuid', public: false },
      { name: 'tenant_of_refresh_token', definer: true, result: 'uuid', public: false },
      { name: 'tenants_with_count_deltas', definer: true, result: 'SETOF uuid', public: false },
      { name: 'tenants_with_health_checks', definer: true, result: 'SETOF uuid', public: false },
      { name: 'tenants_with_pending_outbox', definer: true, result: 'SETOF uuid', public: false },
      { name: 'tenants_with_unchained_audit', definer: true, result: 'SETOF uuid', public: false },
    ]);
  });
});

const count = async (knex: Knex, table: string, where: Record<string, unknown> = {}) =>
  Number(((await knex(table).where(where).count({ n: '*' }).first()) as { n: number }).n);

describe('the runtime role under row-level security', () => {
  it('sees nothing without a tenant (no error either), and each tenant only its own rows', async () => {
    const northwindDb = tenantKnex(h.pool, northwind);
    expect(await count(h.knex, 'users')).toBeGreaterThan(0);
    expect(await count(northwindDb, 'users')).toBeGreaterThan(0);
    for (const table of ['users', 'teams', 'accessScopes', 'formTemplates', 'workflowTemplates']) {
      expect(await count(h.pool, table)).toBe(0);
      expect(await count(h.knex, table, { tenantId: northwind })).toBe(0);
      expect(await count(northwindDb, table, { tenantId: demo })).toBe(0);
    }
    // The same team names in both: each tenant finds its own.
    const marketing = async (db: Knex) =>
      (await db('teams').where({ name: 'Marketing' }).first('id', 'tenantId')) as object;
    expect(await marketing(h.knex)).toEqual({ id: expect.any(String), tenantId: demo });
    expect(await marketing(northwindDb)).toEqual({ id: expect.any(String), tenantId: northwind });
  });

  it('refuses to write a row of another tenant, or to move one there, and changes nothing', async () => {
    const before = await count(tenantKnex(h.pool, northwind), 'teams');
    await expect(h.knex('teams').insert({ name: 'Smuggled', tenantId: northwind })).rejects.toMatchObject({
      code: '42501', // new row violates row-level security policy
    });
    await expect(h.knex('teams').where({ name: 'Marketing' }).update({ tenantId: northwind })).rejects.toMatchObject({
      code: '42501',
    });
    // Without a tenant the row's tenant_id is NULL, which no policy admits.
    await expect(h.pool('teams').insert({ name: 'Nobody’s' })).rejects.toMatchObject({ code: '42501' });
    expect(await count(tenantKnex(h.pool, northwind), 'teams')).toBe(before);
    expect(await count(h.knex, 'teams', { name: 'Smuggled' })).toBe(0);
  });

  it("cannot point a row at another tenant's row, even knowing its id", async () => {
    const theirTeam = (await tenantKnex(h.pool, northwind)('teams').where({ name: 'Engineering' }).first('id')) as {
      id: string;
    };
    const ourAlice = (await h.knex('users').where({ username: 'alice' }).first('id')) as { id: string };
    await expect(
      h.knex('accessScopes').insert({ userId: ourAlice.id, teamId: theirTeam.id, roleCode: 'INITIATOR' }),
    ).rejects.toMatchObject({ code: '23503' }); // (tenant_id, team_id) → teams(tenant_id, id) has no such row
    expect(await count(h.knex, 'accessScopes', { userId: ourAlice.id, teamId: theirTeam.id })).toBe(0);
  });

  it("writes knex's own batch inserts (a transaction knex opens itself) into the scope's tenant", async () => {
    const northwindDb = tenantKnex(h.pool, northwind);
    await northwindDb.batchInsert('teams', [{ name: 'Batch one' }, { name: 'Batch two' }], 1);
    const rows = await northwindDb('teams').whereIn('name', ['Batch one', 'Batch two']).select('tenantId');
    expect(rows).toEqual([{ tenantId: northwind }, { tenantId: northwind }]);
    expect(await count(h.knex, 'teams', { name: 'Batch one' })).toBe(0);
  });

  it('sets the tenant in transactions that begin with an isolation level or read-only, too', async () => {
    const northwindDb = tenantKnex(h.pool, northwind);
    const seen = async (config: Knex.TransactionConfig) =>
      northwindDb.transaction(async (trx) => {
        const { rows } = (await trx.raw(
          `SELECT current_setting('transaction_isolation') AS isolation, current_setting('transaction_read_only') AS "readOnly"`,
        )) as { rows: Array<{ isolation: string; readOnly: string }> };
        const tenants = await trx('teams').distinct('tenantId');
        return { ...rows[0], tenants: tenants.map((row: { tenantId: string }) => row.tenantId) };
      }, config);
    expect(await seen({})).toEqual({ isolation: 'read committed', readOnly: 'off', tenants: [northwind] });
    expect(await seen({ isolationLevel: 'serializable' })).toEqual({
      isolation: 'serializable',
      readOnly: 'off',
      tenants: [northwind],
    });
    expect(await seen({ readOnly: true })).toEqual({
      isolation: 'read committed',
      readOnly: 'on',
      tenants: [northwind],
    });
  });

  it('sends the statements a unit of work makes at once one after the other, never onto a busy connection', async () => {
    // pg queues a statement sent while its connection is busy (deprecated; pg 9 refuses it). Count those.
    type PgClient = { _getActiveQuery(): unknown; _queryQueue: unknown[] };
    const prototype = pg.Client.prototype as unknown as PgClient & { query: (...args: unknown[]) => unknown };
    const query = prototype.query;
    let ontoBusy = 0;
    prototype.query = function (this: PgClient, ...args: unknown[]) {
      if (this._getActiveQuery() || this._queryQueue.length > 0) ontoBusy += 1;
      return query.apply(this, args);
    };
    try {
      const numbers = await withTenant(h.pool, demo, (trx) =>
        Promise.all(
          [1, 2, 3, 4].map(async (n) => {
            const { rows } = (await trx.raw('SELECT pg_sleep(0.01), ?::int AS n', [n])) as {
              rows: Array<{ n: number }>;
            };
            return rows[0]!.n;
          }),
        ),
      );
      expect(numbers).toEqual([1, 2, 3, 4]);
      // Objection fetching two relations of a graph at once, on one transaction.
      const users = await tenantKnex(h.pool, demo).transaction(
        async (trx) => await User.query(trx).where({ username: 'alice' }).withGraphFetched('[accessScopes, tenant]'),
      );
      expect(users).toHaveLength(1);
    } finally {
      prototype.query = query;
    }
    expect(ontoBusy).toBe(0);
  });

  it('keeps the tenant to its transaction: the next statement on the same connection sees nothing', async () => {
    const single = createKnex(h.config.database.url, 1);
    try {
      expect(await withTenant(single, demo, async (trx) => count(trx, 'users'))).toBeGreaterThan(0);
      expect(await count(single, 'users')).toBe(0); // same (only) connection, after the transaction
      const { rows } = (await single.raw(`SELECT current_setting('app.tenant_id', true) AS value`)) as {
        rows: Array<{ value: string | null }>;
      };
      expect(rows[0]!.value ?? '').toBe('');
    } finally {
      await single.destroy();
    }
  });
});

describe('pool hygiene', () => {
  it('keeps 200 interleaved units of work of two tenants apart over 2 connections, failures included', async () => {
    const tiny = createKnex(h.config.database.url, 2);
    const tenants = [demo, northwind];
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 200 }, async (_, i) => {
          const tenantId = tenants[i % 2] as string;
          const db = tenantKnex(tiny, tenantId);
          switch (i % 5) {
            case 0: // fails mid-transaction, after reading
              return withTenant(tiny, tenantId, async (trx) => {
                await trx('teams').select('id');
                await trx.raw('SELECT 1 / 0');
              }).then(
                () => 'should have failed',
                (error: { code?: string }) => (error.code === '22012' ? tenantId : `unexpected ${error.code}`),
              );
            case 1: // a failing single statement
              return db
                .raw('SELECT 1 / 0')
                .then(() => 'should have failed')
                .catch(() => tenantId);
            case 2: // no tenant at all
              return (await count(tiny, 'users')) === 0 ? tenantId : 'saw rows without a tenant';
            default: {
              const seen = (await db('users').distinct('tenantId')) as Array<{ tenantId: string }>;
              const inTrx = await withTenant(tiny, tenantId, (trx) => trx('teams').distinct('tenantId'));
              const all = [...seen, ...(inTrx as Array<{ tenantId: string }>)].map((row) => row.tenantId);
              return all.length > 0 && all.every((id) => id === tenantId) ? tenantId : `saw ${all.join()}`;
            }
          }
        }),
      );
      expect(outcomes).toEqual(Array.from({ length: 200 }, (_, i) => tenants[i % 2]));
    } finally {
      await tiny.destroy();
    }
  });
});
