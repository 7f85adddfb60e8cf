import type { Knex } from 'knex';

export interface AttemptWindow {
  /** Attempts counted in the window before this one (failures, and attempts still being checked). */
  count: number;
  oldest: Date | null;
}

/**
 * Reserves a login attempt for `key` (the resolved user, or the name typed when no user matches) from
 * one IP: under a transaction-scoped advisory lock on the pair, counts the window and, below the
 * limit, records the attempt as a failure at once. Check and record are one step, so parallel tries
 * cannot all pass a check that none of them has recorded yet. Answers the reservation's id, or null
 * with the window when the limit is reached.
 */
export async function reserveAttempt(
  knex: Knex,
  key: string,
  ip: string,
  max: number,
  windowSeconds: number,
): Promise<{ id: string | null; window: AttemptWindow }> {
  return knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 727002))', [`${key} ${ip}`]);
    const row = await trx('loginFailures')
      .where({ usernameKey: key, ipAddress: ip })
      .where('failedAt', '>', trx.raw(`now() - make_interval(secs => ?)`, [windowSeconds]))
      .select(trx.raw('count(*)::int as count'), trx.raw('min(failed_at) as oldest'))
      .first();
    const window = { count: row?.count ?? 0, oldest: row?.oldest ?? null };
    if (window.count >= max) return { id: null, window };
    const [inserted] = await trx('loginFailures').insert({ usernameKey: key, ipAddress: ip }).returning('id');
    return { id: String(inserted.id), window };
  });
}

/** The attempt succeeded: its reservation and the pair's earlier failures are forgotten. */
export async function clearFailures(knex: Knex, key: string, ip: string): Promise<void> {
  await knex('loginFailures').where({ usernameKey: key, ipAddress: ip }).delete();
}
