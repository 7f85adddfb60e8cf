import type { BenchContext } from '../context';
import { checked, productChains } from '../helpers';
import { runLoad, type Call } from '../loader';
import { rssSampler } from '../rss';

type Usage = ReturnType<ReturnType<typeof rssSampler>['stop']>;

/**
 * P3: 3-step approval chains completed per second, 50 at a time, against Updates with no-op
 * activities. The RSS and CPU of both sides are sampled meanwhile: `underLoad` is P6's first figure.
 */
export async function measure(ctx: BenchContext) {
  const { chains: count, chainConcurrency: concurrency } = ctx.settings;
  ctx.log('P3: approval chains, 50 at a time (and P6 memory under that load)');
  const baseUsage = rssSampler({
    api: ctx.baseline.api.child.pid as number,
    worker: ctx.baseline.worker.child.pid as number,
  });
  const baseline = checked(
    await runLoad({ kind: 'chains', concurrency, chains: baselineChains(ctx.baseline.url, count) }),
    'P3 baseline',
  );
  const baselineUnderLoad = baseUsage.stop();
  const rss = rssSampler({ api: ctx.api.child.pid as number, worker: ctx.worker.child.pid as number });
  const product = checked(
    await runLoad({ kind: 'chains', concurrency, chains: productChains(ctx, count) }),
    'P3 product',
  );
  const underLoad = rss.stop();
  return {
    figures: {
      product: product.chainsPerSecond ?? 0,
      baseline: baseline.chainsPerSecond ?? 0,
      cpuShare: { product: cpuOf(underLoad), baseline: cpuOf(baselineUnderLoad) },
    },
    underLoad,
  };
}

function baselineChains(baseUrl: string, count: number): Call[][] {
  const step = (kind: 'start' | 'step'): Call => ({
    method: 'POST',
    url: `${baseUrl}/baseline/chains/{id}/${kind}/`,
    body: {},
  });
  return Array.from({ length: count }, () => [
    { method: 'POST', url: `${baseUrl}/baseline/chains/`, body: {}, expect: 201 },
    step('start'),
    step('step'),
    step('step'),
    step('step'),
    step('step'),
  ]);
}

const cpuOf = (usage: Usage) =>
  Object.fromEntries(Object.entries(usage).map(([name, value]) => [name, value.cpuShare]));
