import type { BenchContext } from '../context';
import { productChains, productList } from '../helpers';
import { runLoad } from '../loader';
import { rssSampler } from '../rss';

const SAMPLE_MS = 5_000;

/**
 * P6's soak: mixed load (lists and chains) for BENCH_SOAK_SECONDS, after a warm-up minute of the same
 * load that is not measured (the mix differs from the scenarios before it, and the heap first grows to
 * it). RSS of the api and worker is sampled every 5 s; the growth compares the median of the first two
 * minutes with the median of the last two. Under this load the api's V8 heap swings between about 110
 * and 190 MiB between major collections (docs/performance.md), so three samples at each end, as
 * before, measured where in a swing the soak began and ended rather than any growth.
 * (P6's figure under load is taken by P3.)
 */
export async function measure(ctx: BenchContext) {
  const seconds = ctx.settings.soakSeconds;
  const warmUpSeconds = Math.min(60, seconds);
  ctx.log(`P6: warm-up ${warmUpSeconds} s, then soak for ${seconds} s`);
  const listCalls = productList(ctx);
  const round = () =>
    Promise.all([
      runLoad({ kind: 'calls', concurrency: 4, calls: listCalls, durationSeconds: 10 }),
      runLoad({ kind: 'chains', concurrency: 10, chains: productChains(ctx, 20) }),
    ]);
  const warmUpUntil = Date.now() + warmUpSeconds * 1000;
  while (Date.now() < warmUpUntil) await round();
  const edge = Math.max(1, Math.min(24, Math.floor((seconds * 1000) / SAMPLE_MS / 4)));
  const sampler = rssSampler(
    { api: ctx.api.child.pid as number, worker: ctx.worker.child.pid as number },
    SAMPLE_MS,
    edge,
  );
  const deadline = Date.now() + seconds * 1000;
  let rounds = 0;
  while (Date.now() < deadline) {
    await round();
    rounds += 1;
  }
  return { seconds, warmUpSeconds, edgeSeconds: (edge * SAMPLE_MS) / 1000, rounds, rss: sampler.stop() };
}
