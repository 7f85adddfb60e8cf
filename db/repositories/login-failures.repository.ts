import type { Knex } from 'knex';

export interface FailureWindow {
  count: number;
  oldest: Date | null;
}

/** Failed logins for one username+IP pair inside the window. */
export async function recentFailures(knex: Knex, usernameKey: string, ip: string, windowSeconds: number): Promise<FailureWindow> {
  const row = await knex('loginFailures')
    .where({ usernameKey, ipAddress: ip })
    .where('failedAt', '>', knex.raw(`now() - make_interval(secs => ?)`, [windowSeconds]))
    .select(knex.raw('count(*)::int as count'), knex.raw('min(failed_at) as oldest'))
    .first();
  return { count: row?.count ?? 0, oldest: row?.oldest ?? null };
}

export async function recordFailure(knex: Knex, usernameKey: string, ip: string): Promise<void> {
  await knex('loginFailures').insert({ usernameKey, ipAddress: ip });
}

export async function clearFailures(knex: Knex, usernameKey: string, ip: string): Promise<void> {
  await knex('loginFailures').where({ usernameKey, ipAddress: ip }).delete();
}
