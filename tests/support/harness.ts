import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { AppDeps } from '../../api/app-deps';
import { createTemporalGateway } from '../../api/temporal/temporal-gateway';
import { loadConfig, type Config } from '../../config/config';
import { createKnex } from '../../db/knex';
import { createMailer } from '../../activities/mail/mailer';
import { activityDepsFrom, createWorker } from '../../worker/create-worker';
import { ensureOutboxRelay } from '../../worker/outbox-relay';
import { databaseUrl, readTestRun, type TestRun } from '../setup/test-run';
import { runtimeDatabaseUrl } from '../../scripts/lib/databases';
import { tenantKnex } from '../../db/tenant-scope';
import { tenantIdOf } from '../kit/demo-tenant';

export interface Harness {
  run: TestRun;
  config: Config;
  /** The database as the demo tenant sees it (row-level security applies, as in the app). */
  knex: Knex;
  /** The runtime role's pool: no tenant, so no rows; for scoping other tenants (`tenantKnex`). */
  pool: Knex;
  /** The demo tenant's id. */
  tenantId: string;
  deps: AppDeps;
  app: ReturnType<typeof createApp>['app'];
  server: ReturnType<ReturnType<typeof createApp>['app']['callback']>;
  worker?: Worker;
  /** Starts a (new) worker on this file's task queue: a restart, as far as Temporal can tell. */
  startWorker(): Promise<void>;
  /** Shuts the worker down gracefully; workflows wait on the server until a worker returns. */
  stopWorker(): Promise<void>;
  /** Runs `work` with a connection as the schema's owner: what the runtime role may not (DDL, tampering). */
  withOwner<T>(work: (owner: Knex) => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Runs a real worker on this file's own task queue. */
  worker?: boolean;
  env?: Record<string, string>;
}

/**
 * Per test file: a database cloned from the migrated, seeded template, the real app, and optionally a
 * real worker on a task queue of its own, against the run's Temporal and SMTP servers.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const run = readTestRun();
  const suffix = randomBytes(4).toString('hex');
  const database = `${run.databasePrefix}_${suffix}`;
  await cloneTemplate(run, database);
  const config = loadConfig({
    NODE_ENV: 'test',
    // The app connects as the runtime role, as in production (decision 0034); `withOwner` for DDL.
    DATABASE_URL: runtimeDatabaseUrl(run.adminDatabaseUrl, database),
    DATABASE_POOL_MAX: '5',
    TEMPORAL_ADDRESS: run.temporalAddress,
    TEMPORAL_TASK_QUEUE: `test-${suffix}`,
    SMTP_URL: `smtp://127.0.0.1:${run.smtpPort}`,
    JWT_SECRET: `test-secret-${suffix}-${'x'.repeat(32)}`,
    PUBLIC_BASE_URL: 'http://api.test',
    LOG_LEVEL: 'silent',
    STORAGE_DIR: path.join(run.dir, 'attachments', suffix),
    // Tests make many calls a minute; the rate-limit tests set their own small limits.
    RATE_LIMIT_AUTHENTICATED_PER_HOUR: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_HOUR: '1000000',
    RATE_LIMIT_BURST_PER_MINUTE: '1000000',
    REGISTRATIONS_PER_HOUR: '100000',
    RATE_LIMIT_TENANT_PER_HOUR: '100000000',
    ...options.env,
  });
  const pool = createKnex(config.database.url, config.database.poolMax);
  const tenantId = await tenantIdOf(pool);
  const knex = tenantKnex(pool, tenantId);
  const temporal = createTemporalGateway(config.temporal);
  const deps: AppDeps = {
    config,
    knex: pool,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    temporal,
  };
  const { app } = createApp(deps);

  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let connection: NativeConnection | undefined;
  const mailer = createMailer(config.mail);
  const startWorker = async () => {
    installQuietRuntime();
    connection ??= await NativeConnection.connect({ address: config.temporal.address });
    worker = await createWorker({
      config,
      connection,
      activityDeps: activityDepsFrom(config, pool, mailer),
      workflowBundle: { codePath: run.workflowBundlePath },
    });
    workerRun = worker.run();
    await ensureOutboxRelay(temporal.client, config.temporal.taskQueue, config.webhooks.outboxPollSeconds);
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    await workerRun;
  };
  if (options.worker) await startWorker();

  return {
    run,
    config,
    knex,
    pool,
    tenantId,
    deps,
    app,
    server: app.callback(),
    get worker() {
      return worker;
    },
    startWorker,
    stopWorker,
    async withOwner(work) {
      const owner = createKnex(databaseUrl(run.adminDatabaseUrl, database), 1);
      try {
        return await work(owner);
      } finally {
        await owner.destroy();
      }
    },
    async stop() {
      await stopWorker();
      await connection?.close();
      await temporal.close();
      mailer.close();
      await pool.destroy();
    },
  };
}

let runtimeInstalled = false;
function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

async function cloneTemplate(run: TestRun, database: string): Promise<void> {
  const admin = createKnex(run.adminDatabaseUrl, 1);
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await admin.raw(`CREATE DATABASE ${database} TEMPLATE ${run.templateDatabase}`);
        return;
      } catch (error) {
        // Two files cloning at the same instant: PostgreSQL refuses the second while the first copies.
        if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await admin.destroy();
  }
}
