import type { Knex } from 'knex';
import { isUuid } from '../lib/is-uuid';

/**
 * Row-level security decides which rows a statement sees by the transaction's `app.tenant_id`
 * (tenancy.md §4.2, decision 0036). Everything the API and the worker read or write goes through a
 * tenant scope made here; the setting is always transaction-local (`set_config(…, true)`), never a
 * session's, so a pooled connection carries nothing from one caller to the next.
 *
 *  - `withTenant(knex, tenantId, fn)` runs `fn` in one transaction under the tenant: the unit of work.
 *  - `tenantKnex(knex, tenantId)` is a knex whose every statement runs under the tenant: a statement
 *    sent outside a transaction becomes its own one (BEGIN and the setting in one round trip, then the
 *    statement, then COMMIT), and `transaction(fn)` sets the tenant with its BEGIN. Use cases take it where
 *    they took the pool's knex, so they stay unaware of tenants.
 *
 * A statement sent on the bare pool has no tenant and sees no rows: a forgotten scope fails closed.
 */
export const TENANT_SETTING = 'app.tenant_id';

/** Scoped knexes are built once per tenant and kept; a deployment's tenants fit in memory many times over. */
const MAX_CACHED_SCOPES = 10_000;

interface PgConnection {
  query(sql: string): Promise<unknown>;
}

type ClientQuery = (connection: PgConnection, query: unknown) => Promise<unknown>;

/** The parts of knex's (3.x) Transaction the scope reaches into: how it begins, its raw query, its client. */
interface KnexTransaction {
  begin(connection: PgConnection): Promise<unknown>;
  query(connection: PgConnection, sql: string): Promise<unknown>;
  /** The client its statements go through, made just before `begin`. */
  trxClient?: { _query: ClientQuery };
  isolationLevel?: string;
  readOnly?: boolean;
}

const scopes = new WeakMap<Knex, Map<string, Knex>>();
/** A scoped knex's pool: scoping a scope again starts from the pool. */
const poolOfScope = new WeakMap<Knex, Knex>();

/** Sets the tenant for the rest of `trx` (the first statement of a unit of work). */
export async function setTenant(trx: Knex.Transaction, tenantId: string): Promise<void> {
  await trx.raw('SELECT set_config(?, ?, true)', [TENANT_SETTING, checkedTenantId(tenantId)]);
}

/** Runs `fn` in one transaction whose statements all see only `tenantId`'s rows. */
export function withTenant<T>(knex: Knex, tenantId: string, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return tenantKnex(knex, tenantId).transaction(fn);
}

/** A knex that runs every statement under `tenantId` (see above); the same object for the same tenant. */
export function tenantKnex(pool: Knex, tenant: string): Knex {
  const tenantId = checkedTenantId(tenant);
  const knex = poolOfScope.get(pool) ?? pool;
  if (knex.isTransaction)
    throw new Error('tenantKnex takes the pool, not a transaction: set the tenant with setTenant');
  let byTenant = scopes.get(knex);
  if (!byTenant) scopes.set(knex, (byTenant = new Map()));
  const cached = byTenant.get(tenantId);
  if (cached) return cached;
  if (byTenant.size >= MAX_CACHED_SCOPES) byTenant.clear();
  const scoped = buildScope(knex, tenantId);
  byTenant.set(tenantId, scoped);
  poolOfScope.set(scoped, knex);
  return scoped;
}

function buildScope(knex: Knex, tenantId: string): Knex {
  // withUserParams clones the client around the same pool; the clone's statements are wrapped below.
  const scoped = knex.withUserParams({ ...knex.userParams, tenantId });
  const client = scoped.client as { _query: ClientQuery };
  const runStatement = client._query.bind(client);
  // The id is a checked UUID, so it can sit in the SQL text: BEGIN and the setting go in one round trip.
  const setting = `SELECT set_config('${TENANT_SETTING}', '${tenantId}', true)`;
  const begin = `BEGIN; ${setting}`;
  client._query = async (connection, query) => {
    await connection.query(begin);
    let result: unknown;
    try {
      result = await runStatement(connection, query);
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await connection.query('COMMIT');
    return result;
  };
  // Transactions start on the pool's own client (no statement wrapping). Their BEGIN carries the
  // setting too, so a unit of work pays one round trip for it, not two (npm run bench, P1); a
  // transaction with an isolation level or read-only mode begins as knex says, then sets the tenant.
  const poolClient = knex.client as unknown as {
    transaction(container: unknown, config: object): KnexTransaction;
  };
  const transaction = <T>(container: (trx: Knex.Transaction) => Promise<T>, config?: Knex.TransactionConfig) => {
    if (typeof container !== 'function') {
      throw new Error('A tenant-scoped transaction takes a function: knex.transaction(async (trx) => …)');
    }
    const trx = poolClient.transaction(container, {
      ...config,
      userParams: knex.userParams ?? {},
      doNotRejectOnRollback: config?.doNotRejectOnRollback ?? true,
    });
    const beginAsKnexDoes = trx.begin.bind(trx);
    trx.begin = (connection) => {
      oneStatementAtATime(trx);
      return trx.isolationLevel || trx.readOnly
        ? beginAsKnexDoes(connection).then(() => trx.query(connection, setting))
        : trx.query(connection, begin);
    };
    return trx as unknown as Promise<T>;
  };
  Object.defineProperty(scoped, 'transaction', { configurable: true, value: transaction });
  // knex's own helpers (batchInsert) open transactions on the client: those go the same way.
  (scoped.client as { transaction: unknown }).transaction = transaction;
  return scoped;
}

/**
 * A transaction has one connection: statements a unit of work sends at once (a `Promise.all`,
 * Objection fetching two relations of a graph) are sent one after the other, as PostgreSQL runs them
 * anyway, instead of being queued on the busy client (which pg deprecates, and pg 9 refuses).
 */
function oneStatementAtATime(trx: KnexTransaction): void {
  const client = trx.trxClient;
  if (!client) return;
  // Below knex's own checks (a statement after COMMIT was sent is refused when it is made, not sent).
  const send = client._query.bind(client);
  let previous: Promise<unknown> = Promise.resolve();
  client._query = (connection, query) => {
    const result = previous.then(() => send(connection, query));
    previous = result.catch(() => undefined);
    return result;
  };
}

function checkedTenantId(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error('A tenant id must be a UUID');
  return tenantId.toLowerCase();
}
