import type { BenchContext } from '../context';
import { baselineList, checked, latencyOf, productList } from '../helpers';
import { countQueriesPerList, explainList } from '../list-queries';
import { runLoad, type Call } from '../loader';

/**
 * P1: requests/s of the list over the 100 000 requests P5 loaded, against the baseline's list; the
 * SQL statements one list call sends, and the plan of its list query.
 */
export async function measure(ctx: BenchContext) {
  await sameAnswer(ctx);
  await latencyOf(ctx, baselineList(ctx)); // warms the baseline as P5 warmed the product
  const throughput = async (calls: Call[]) =>
    runLoad({
      kind: 'calls',
      concurrency: ctx.settings.listConcurrency,
      calls,
      durationSeconds: ctx.settings.listSeconds,
    });
  // Interleaved twice, so a noisy neighbour hurts both sides alike; the better of each pair counts.
  const runs = { product: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < 2; round += 1) {
    runs.baseline.push(checked(await throughput(baselineList(ctx)), 'P1 baseline').perSecond);
    runs.product.push(checked(await throughput(productList(ctx)), 'P1 product').perSecond);
  }
  ctx.log(`P1 requests/s: ${JSON.stringify(runs)}`);
  const queries = await countQueriesPerList(ctx.stack, ctx.auth.admin);
  const plan = await explainList(ctx.tenantDb, queries.sql);
  return {
    figures: {
      product: Math.max(...runs.product),
      baseline: Math.max(...runs.baseline),
      runs,
      queriesPerRequest: queries.perRequest,
      transactionControlPerRequest: queries.controlPerRequest,
    },
    queryLog: queries.log,
    plan,
  };
}

/** Both sides must list the same rows, or the ratio compares different work (an empty page is fast). */
async function sameAnswer(ctx: BenchContext): Promise<void> {
  const count = async ({ url, headers }: Call) => {
    const response = await fetch(url, { headers });
    const body = (await response.json()) as { count?: number; results?: unknown[] };
    return `${body.count} rows, ${body.results?.length} on the page`;
  };
  const [product, baseline] = await Promise.all([count(productList(ctx)[0]!), count(baselineList(ctx)[0]!)]);
  if (product !== baseline) throw new Error(`P1: the product lists ${product}, the baseline ${baseline}`);
}
