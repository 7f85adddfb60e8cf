import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Service, Stack } from '../scripts/lib/stack';
import type { startReceiver } from './peers';

/** The knobs of a run (BENCH_* variables; the defaults are the full run of docs/performance.md). */
export const settings = {
  listSeconds: Number(process.env.BENCH_LIST_SECONDS ?? 15),
  listConcurrency: Number(process.env.BENCH_LIST_CONCURRENCY ?? 16),
  latencyCalls: Number(process.env.BENCH_LATENCY_CALLS ?? 300),
  approvals: Number(process.env.BENCH_APPROVALS ?? 200),
  chains: Number(process.env.BENCH_CHAINS ?? 150),
  chainConcurrency: 50,
  deliveries: Number(process.env.BENCH_DELIVERIES ?? 300),
  soakSeconds: Number(process.env.BENCH_SOAK_SECONDS ?? 600),
};
export type Settings = typeof settings;

/**
 * The api and worker's environment: mail to the sink (production mode needs SMTP), limits out of the
 * way, webhooks to loopback, and access tokens that outlive the run (signed in once at its start; a
 * full run takes longer than the default 15 minutes).
 */
export const stackEnv = (smtpUrl: string): Record<string, string> => ({
  SMTP_URL: smtpUrl,
  ACCESS_TOKEN_TTL: String(3 * 3600),
  RATE_LIMIT_AUTHENTICATED_PER_HOUR: '10000000',
  RATE_LIMIT_BURST_PER_MINUTE: '1000000',
  RATE_LIMIT_ANONYMOUS_PER_HOUR: '10000000',
  RATE_LIMIT_TENANT_PER_HOUR: '100000000',
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  OUTBOX_POLL_SECONDS: '0.5',
});

export type Log = (line: string) => void;
export const log: Log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** The demo users the scenarios act as (db/seeds/demo-data.ts), each with its `Bearer …` header. */
export const benchUsers = ['admin', 'alice', 'bob', 'mallory', 'carol', 'frank'] as const;
export type Auth = Record<(typeof benchUsers)[number], string>;

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** The bare baselines (bench/baseline/): an API and a worker on their own task queue. */
export interface Baselines {
  url: string;
  api: Service;
  worker: Service;
  taskQueue: string;
}

/** What every scenario shares: built once by run.ts after the stack is up, read-only afterwards. */
export interface BenchContext {
  settings: Settings;
  log: Log;
  stack: Stack;
  /** The bench's own connection to the stack's database, as its owner (VACUUM, the baseline's table). */
  knex: Knex;
  /** The runtime role's connection under the demo tenant (decision 0036): bulk data, outbox rows, EXPLAIN. */
  tenantDb: Knex;
  temporal: Client;
  api: Service & { url: string };
  worker: Service;
  baseline: Baselines;
  /** The webhook receiver P4 delivers to. */
  receiver: Receiver;
  auth: Auth;
  /** Id of alice's Marketing team, the team of every request the scenarios create. */
  team: string;
}
