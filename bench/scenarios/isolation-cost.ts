import type { Knex } from 'knex';
import type { BenchContext } from '../context';
import { checked, productChains, productList } from '../helpers';
import { runLoad } from '../loader';

/**
 * Issue 15: what row-level security costs. P1 (the request list) and P3 (approval chains) of the
 * product, measured in the same run with the tenant policies enforced and with row-level security
 * switched off on every tenant table (by the owner; the code still sets the tenant per transaction,
 * so the difference is the policies' own cost). Interleaved, the better of each pair counts; RLS is
 * switched back on whatever happens.
 */
export async function measure(ctx: BenchContext) {
  ctx.log('isolation cost: P1 and P3 with and without row-level security');
  const list = () =>
    runLoad({
      kind: 'calls',
      concurrency: ctx.settings.listConcurrency,
      calls: productList(ctx),
      durationSeconds: ctx.settings.listSeconds,
    });
  const chains = () =>
    runLoad({
      kind: 'chains',
      concurrency: ctx.settings.chainConcurrency,
      chains: productChains(ctx, ctx.settings.chains),
    });
  const p1 = { withRls: [] as number[], withoutRls: [] as number[] };
  const p3 = { withRls: [] as number[], withoutRls: [] as number[], failedCalls: { withRls: 0, withoutRls: 0 } };
  const tables = await tenantTables(ctx.knex);
  try {
    for (let round = 0; round < 2; round += 1) {
      await setRowLevelSecurity(ctx.knex, tables, true);
      p1.withRls.push(checked(await list(), 'P1 with RLS').perSecond);
      await setRowLevelSecurity(ctx.knex, tables, false);
      p1.withoutRls.push(checked(await list(), 'P1 without RLS').perSecond);
    }
    // A chain whose call failed (the dev server's worker, starved on two cores, has failed an
    // Update's workflow task: 503, "try again") is counted as failed and reported, not fatal here;
    // P3 itself still refuses any failure.
    await setRowLevelSecurity(ctx.knex, tables, true);
    const withRls = await chains();
    p3.withRls.push(withRls.chainsPerSecond ?? 0);
    p3.failedCalls.withRls += withRls.errors;
    await setRowLevelSecurity(ctx.knex, tables, false);
    const withoutRls = await chains();
    p3.withoutRls.push(withoutRls.chainsPerSecond ?? 0);
    p3.failedCalls.withoutRls += withoutRls.errors;
  } finally {
    await setRowLevelSecurity(ctx.knex, tables, true);
  }
  const figure = (runs: { withRls: number[]; withoutRls: number[] }) => {
    const withRls = Math.max(...runs.withRls);
    const withoutRls = Math.max(...runs.withoutRls);
    return { withRls, withoutRls, ratio: withoutRls === 0 ? 0 : Math.round((withRls / withoutRls) * 100) / 100, runs };
  };
  return { p1: figure(p1), p3: { ...figure(p3), failedCalls: p3.failedCalls } };
}

async function tenantTables(owner: Knex): Promise<string[]> {
  const { rows } = (await owner.raw(
    `SELECT tablename AS name FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' ORDER BY 1`,
  )) as { rows: Array<{ name: string }> };
  if (rows.length === 0) throw new Error('no tenant policies: is the database migrated?');
  return rows.map((row) => row.name);
}

async function setRowLevelSecurity(owner: Knex, tables: string[], enabled: boolean): Promise<void> {
  for (const table of tables) {
    await owner.raw(`ALTER TABLE ?? ${enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, [table]);
  }
}
