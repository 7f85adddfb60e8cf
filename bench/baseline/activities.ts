import type { Knex } from 'knex';

/** The baseline's activities: one plain database write, nothing, and one HTTP POST. */
export function createBaselineActivities(knex: Knex) {
  return {
    async recordInDatabase(id: string, actor: string): Promise<number> {
      const [row] = await knex.transaction((trx) =>
        trx('benchBaseline')
          .insert({ id, actor, count: 1 })
          .onConflict('id')
          .merge({ actor, count: knex.raw('bench_baseline.count + 1') })
          .returning('count'),
      );
      return Number(row.count);
    },
    async noop(): Promise<void> {
      return undefined;
    },
    async postJson(url: string, body: string): Promise<number> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      if (res.status >= 300) throw new Error(`receiver answered ${res.status}`);
      return res.status;
    },
  };
}

export type BaselineActivities = ReturnType<typeof createBaselineActivities>;

export const BASELINE_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS bench_baseline (id text PRIMARY KEY, actor text NOT NULL, count integer NOT NULL)';
