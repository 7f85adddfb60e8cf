import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { projectRoot } from '../../../config/config';
import { knexConfig } from '../../../db/knex';
import { demoTenantKnex } from '../../kit/demo-tenant';
import { startStack, type Stack } from '../../../scripts/lib/stack';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

export const COMPLETION_TO = 'finance@example.com';

export interface FaultStack {
  stack: Stack;
  smtp: SmtpSink;
  /** The test's own pool on the stack's database, for assertions on rows. */
  knex: Knex;
  /** Where the api/worker output goes (var/faults/<name>.log). */
  logFile: string;
  log(line: string): void;
  teamId(name: string): Promise<string>;
  userId(username: string): Promise<string>;
  stop(): Promise<void>;
}

export interface FaultStackOptions {
  name: string;
  env?: Record<string, string>;
  adminDatabaseUrl?: string;
}

/**
 * One file's service: startStack (fresh migrated + seeded database, in-memory Temporal, api and worker
 * as child processes in production mode) with an in-process SMTP sink and limits raised for load.
 */
export async function startFaultStack(options: FaultStackOptions): Promise<FaultStack> {
  const dir = path.join(projectRoot, 'var', 'faults');
  mkdirSync(dir, { recursive: true });
  const logFile = path.join(dir, `${options.name}.log`);
  writeFileSync(logFile, '');
  const log = (line: string) => appendFileSync(logFile, `${new Date().toISOString()} ${line}\n`);
  const smtp = await startSmtpSink();
  const stack = await startStack({
    name: `faults_${options.name}`,
    adminDatabaseUrl: options.adminDatabaseUrl,
    log,
    env: {
      SMTP_URL: smtp.url,
      COMPLETION_EMAIL_TO: COMPLETION_TO,
      ACCESS_TOKEN_TTL: '4h',
      DATABASE_POOL_MAX: '10',
      // The load here is far above the production defaults; rate limits are not under test.
      RATE_LIMIT_AUTHENTICATED_PER_HOUR: '10000000',
      RATE_LIMIT_ANONYMOUS_PER_HOUR: '10000000',
      RATE_LIMIT_BURST_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  }).catch(async (error: unknown) => {
    await smtp.close();
    throw error;
  });
  // The project's knex settings (snake_case mapping), with pool noise during outages sent to the log file.
  const quiet = (message: unknown) =>
    log(`[test knex] ${typeof message === 'string' ? message : JSON.stringify(message)}`);
  const pool = knexFactory({
    ...knexConfig(stack.databaseUrl, 3),
    log: { warn: quiet, error: quiet, deprecate: quiet, debug: quiet },
  });
  // Checks read what the demo tenant sees, under row-level security as the app does.
  const knex = await demoTenantKnex(pool);
  return {
    stack,
    smtp,
    knex,
    logFile,
    log,
    async teamId(name) {
      return (await knex('teams').where({ name }).first('id')).id as string;
    },
    async userId(username) {
      return (await knex('users').where({ username }).first('id')).id as string;
    },
    async stop() {
      await pool.destroy().catch(() => undefined);
      await stack.stop();
      await smtp.close();
      rmSync(stack.env.STORAGE_DIR!, { recursive: true, force: true }); // the attachment dir startStack made for this database
    },
  };
}

/** `select count(*)` of a query, as a number. */
export async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.count({ n: '*' }).first()) as { n?: number | string } | undefined;
  return Number(row?.n ?? 0);
}
