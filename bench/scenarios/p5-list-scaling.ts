import { loadRequests } from '../data';
import type { BenchContext } from '../context';
import { latencyOf, productList } from '../helpers';

/**
 * P5: the list's latency at 1 000 requests, then at 100 000. It loads the rows P1 then measures on,
 * so it runs first.
 */
export async function measure(ctx: BenchContext) {
  ctx.log('P5: list latency at 1 000 requests');
  await loadRequests(ctx, 1000);
  const small = await latencyOf(ctx, productList(ctx));

  ctx.log('P1: loading 100 000 requests');
  await loadRequests(ctx, 99_000);
  const large = await latencyOf(ctx, productList(ctx));
  return { small: small.latencyMs, large: large.latencyMs };
}
