/** What the bench measured, and the bars of shared/spec/quality.md it is judged against. */
type Latency = { p50: number; p95: number; p99: number; max: number };
type Rss = Record<
  string,
  { samples: number; firstMiB: number; lastMiB: number; peakMiB: number; growth: number; cpuShare: number }
>;

export interface Figures {
  p1: {
    product: number;
    baseline: number;
    runs: { product: number[]; baseline: number[] };
    queriesPerRequest: number;
    /** BEGIN, COMMIT and the tenant setting, counted apart from the statements that read and write. */
    transactionControlPerRequest: number;
  };
  p2: { product: Latency; baseline: Latency };
  p3: {
    product: number;
    baseline: number;
    cpuShare: { product: Record<string, number>; baseline: Record<string, number> };
  };
  p4: { product: { perSecond: number }; baseline: { perSecond: number } };
  p5: { small: Latency; large: Latency };
  p6: { underLoad: Rss; soak: { seconds: number; rounds: number; rss: Rss } };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 100) / 100);

export function bars(f: Figures) {
  const soakGrowth = Object.fromEntries(Object.entries(f.p6.soak.rss).map(([name, value]) => [name, value.growth]));
  return {
    P1: {
      what: 'GET /api/prs/requests/ page of 25 over 100 000 requests, requests/s',
      figure: f.p1.product,
      baseline: f.p1.baseline,
      ratio: ratio(f.p1.product, f.p1.baseline),
      bar: '>= 0.5 and <= 3 SQL queries per request',
      queriesPerRequest: f.p1.queriesPerRequest,
      transactionControlPerRequest: f.p1.transactionControlPerRequest,
      met: ratio(f.p1.product, f.p1.baseline) >= 0.5 && f.p1.queriesPerRequest <= 3,
    },
    P2: {
      what: 'POST /approve latency p95 (ms), against a minimal Update running one database activity',
      figure: f.p2.product.p95,
      baseline: f.p2.baseline.p95,
      p50: { figure: f.p2.product.p50, baseline: f.p2.baseline.p50 },
      ratio: ratio(f.p2.product.p95, f.p2.baseline.p95),
      bar: '<= 1.5',
      met: ratio(f.p2.product.p95, f.p2.baseline.p95) <= 1.5,
    },
    P3: {
      what: '3-step approval chains completed per second, 50 concurrent, against Updates with no-op activities',
      figure: f.p3.product,
      baseline: f.p3.baseline,
      ratio: ratio(f.p3.product, f.p3.baseline),
      bar: '>= 0.5',
      cpuShare: f.p3.cpuShare,
      met: ratio(f.p3.product, f.p3.baseline) >= 0.5,
    },
    P4: {
      what: 'webhook deliveries per second to a local receiver, against a workflow running one HTTP activity',
      figure: f.p4.product.perSecond,
      baseline: f.p4.baseline.perSecond,
      ratio: ratio(f.p4.product.perSecond, f.p4.baseline.perSecond),
      bar: '>= 0.5',
      met: ratio(f.p4.product.perSecond, f.p4.baseline.perSecond) >= 0.5,
    },
    P5: {
      what: 'list p95 (ms) at 100 000 requests against the same list at 1 000',
      figure: f.p5.large.p95,
      baseline: f.p5.small.p95,
      ratio: ratio(f.p5.large.p95, f.p5.small.p95),
      bar: '<= 1.5',
      met: ratio(f.p5.large.p95, f.p5.small.p95) <= 1.5,
    },
    P6: {
      what: 'RSS (MiB) of the api and worker under the P3 load; growth over the soak',
      figure: Object.fromEntries(Object.entries(f.p6.underLoad).map(([name, value]) => [name, value.peakMiB])),
      growth: soakGrowth,
      soakSeconds: f.p6.soak.seconds,
      bar: 'growth <= 0.10 over a 10-minute soak',
      met: Object.values(soakGrowth).every((growth) => growth <= 0.1) && f.p6.soak.seconds >= 600,
    },
  };
}
