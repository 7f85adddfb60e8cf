import type { Knex } from 'knex';
import { TENANT_SETTING } from '../tenant-scope';

const COMPACT_LOCK = 727_002; // one compactor per tenant at a time; the others skip the round

/**
 * Folds the appended deltas into the per-(team, requestor, status) totals in one statement (delete
 * and add commit together, so a reader's sum over both tables never double-counts or misses one).
 * Answers how many delta rows it folded.
 */
export async function compactRequestCounts(knex: Knex, batch = 10_000): Promise<number> {
  return knex.transaction(async (trx) => {
    const {
      rows: [lock],
    } = await trx.raw('SELECT pg_try_advisory_xact_lock(?, hashtext(current_setting(?, true))) AS locked', [
      COMPACT_LOCK,
      TENANT_SETTING,
    ]);
    if (!lock?.locked) return 0;
    const { rows } = await trx.raw(
      `WITH moved AS (
         DELETE FROM purchase_request_count_deltas
         WHERE id IN (SELECT id FROM purchase_request_count_deltas ORDER BY id LIMIT ?)
         RETURNING team_id, requestor_id, status, delta
       ), folded AS (
         INSERT INTO purchase_request_counts (team_id, requestor_id, status, n)
         SELECT team_id, requestor_id, status, sum(delta) FROM moved GROUP BY 1, 2, 3
         ON CONFLICT (team_id, requestor_id, status) DO UPDATE SET n = purchase_request_counts.n + EXCLUDED.n
       )
       SELECT count(*)::int AS n FROM moved`,
      [batch],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** The total of requests matching these keys: folded totals plus the deltas not folded yet. */
export function requestCountTotal(
  knex: Knex,
  filters: { status?: string[]; team?: string; requestor?: string },
): Knex.QueryBuilder {
  const narrow = (query: Knex.QueryBuilder) => {
    if (filters.status?.length) query.whereIn('status', filters.status);
    if (filters.team) query.where('teamId', filters.team);
    if (filters.requestor) query.where('requestorId', filters.requestor);
    return query;
  };
  const totals = narrow(knex('purchaseRequestCounts').select(knex.raw('n::bigint as n')));
  const deltas = narrow(knex('purchaseRequestCountDeltas').select(knex.raw('delta::bigint as n')));
  return knex
    .select(knex.raw('coalesce(sum(n), 0)::bigint as n'))
    .from(knex.raw('(? UNION ALL ?) as parts', [totals, deltas]));
}
