import type { BenchContext } from '../context';
import { productChains, productList } from '../helpers';
import { runLoad } from '../loader';
import { rssSampler } from '../rss';

/**
 * P6's soak: mixed load (lists and chains) for BENCH_SOAK_SECONDS; RSS of the api and worker sampled
 * every 10 s, growth after the first minute. (P6's figure under load is taken by P3.)
 */
export async function measure(ctx: BenchContext) {
  const seconds = ctx.settings.soakSeconds;
  ctx.log(`P6: soak for ${seconds} s`);
  const listCalls = productList(ctx);
  const sampler = rssSampler({ api: ctx.api.child.pid as number, worker: ctx.worker.child.pid as number }, 10_000);
  const deadline = Date.now() + seconds * 1000;
  let rounds = 0;
  while (Date.now() < deadline) {
    await Promise.all([
      runLoad({ kind: 'calls', concurrency: 4, calls: listCalls, durationSeconds: 10 }),
      runLoad({ kind: 'chains', concurrency: 10, chains: productChains(ctx, 20) }),
    ]);
    rounds += 1;
  }
  return { seconds, rounds, rss: sampler.stop() };
}
