import { readFileSync } from 'node:fs';

/**
 * The load generator: a separate process on loopback, so the server under test never shares its
 * event loop with the client. It reads one job (JSON file named on the command line) and prints
 * one JSON result. Latencies are measured per HTTP call, from send to the end of the body.
 */
export interface Call {
  method: string;
  /** Absolute URL; `{id}` is replaced by the id the chain's first call answered. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Status the call must answer; anything else counts as an error. */
  expect?: number;
}

export type Job =
  | { kind: 'calls'; concurrency: number; calls: Call[]; durationSeconds?: number }
  | { kind: 'chains'; concurrency: number; chains: Call[][] };

export interface LoadResult {
  calls: number;
  errors: number;
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  chains?: number;
  chainsPerSecond?: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  firstError?: string;
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as Job;
  const result = job.kind === 'calls' ? await runCalls(job) : await runChains(job);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

class Recorder {
  latencies: number[] = [];
  statuses: Record<string, number> = {};
  errors = 0;
  firstError?: string;

  async call(call: Call, id?: string): Promise<{ id?: string } | undefined> {
    const started = performance.now();
    let status = 'network';
    try {
      const res = await fetch(id ? call.url.replace('{id}', id) : call.url, {
        method: call.method,
        headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      const text = await res.text();
      status = String(res.status);
      if (res.status !== (call.expect ?? 200))
        throw new Error(`${call.method} ${call.url} → ${res.status} ${text.slice(0, 300)}`);
      return text ? (JSON.parse(text) as { id?: string }) : {};
    } catch (error) {
      this.errors += 1;
      this.firstError ??= String(error);
      return undefined;
    } finally {
      this.latencies.push(performance.now() - started);
      this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    }
  }

  result(seconds: number, extra: Partial<LoadResult> = {}): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
    return {
      calls: sorted.length,
      errors: this.errors,
      statuses: this.statuses,
      seconds: round(seconds),
      perSecond: round(sorted.length / seconds),
      ...extra,
      latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1) ?? 0) },
      ...(this.firstError ? { firstError: this.firstError } : {}),
    };
  }
}

/** Every call once (or round-robin for durationSeconds), `concurrency` in flight at a time. */
async function runCalls(job: Extract<Job, { kind: 'calls' }>): Promise<LoadResult> {
  const recorder = new Recorder();
  const started = performance.now();
  const deadline = job.durationSeconds ? started + job.durationSeconds * 1000 : Infinity;
  let next = 0;
  const lane = async () => {
    for (;;) {
      if (job.durationSeconds ? performance.now() >= deadline : next >= job.calls.length) return;
      const call = job.calls[next % job.calls.length] as Call;
      next += 1;
      await recorder.call(call);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  return recorder.result((performance.now() - started) / 1000);
}

/** Chains of dependent calls (create, then act on the id it answered), `concurrency` chains at a time. */
async function runChains(job: Extract<Job, { kind: 'chains' }>): Promise<LoadResult> {
  const recorder = new Recorder();
  const started = performance.now();
  let next = 0;
  let completed = 0;
  const lane = async () => {
    while (next < job.chains.length) {
      const [first, ...rest] = job.chains[next++] as Call[];
      const created = await recorder.call(first as Call);
      const id = created?.id;
      if (!id) continue;
      let ok = true;
      for (const call of rest) ok = ok && (await recorder.call(call, id)) !== undefined;
      if (ok) completed += 1;
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, lane));
  const seconds = (performance.now() - started) / 1000;
  return recorder.result(seconds, { chains: completed, chainsPerSecond: round(completed / seconds) });
}

const round = (value: number) => Math.round(value * 100) / 100;

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
