import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/config';
import { createSeededDatabase, databaseUrl, dropDatabase, runtimeDatabaseUrl } from './databases';
import { freePort } from './free-port';
import { stopChild } from './stop-child';
import { startDevServer, type DevServer } from './temporal-dev-server';

/**
 * The real service as separate processes, for the benchmark and the fault suite: a fresh database on
 * the machine's PostgreSQL, an in-memory Temporal dev server, and `api`/`worker` child processes that
 * can be killed and restarted. Nothing here is used by the service itself.
 */
export interface StackOptions {
  /** Prefix of the database name; the database is dropped again by stop(). */
  name: string;
  /** Admin URL of the PostgreSQL server the database is created on. */
  adminDatabaseUrl?: string;
  /** Environment for the api and worker processes: SMTP_URL is required (production mode), then rate limits, … */
  env?: Record<string, string>;
  /** Where process output goes; silent when omitted. */
  log?: (line: string) => void;
  /** Load the second demo tenant too (default); the bench runs with the first only. */
  secondDemoTenant?: boolean;
}

export interface Service {
  readonly child: ChildProcess;
  /** Resolves when the process has exited (any way). */
  readonly exited: Promise<void>;
  /** SIGKILL: no drain, no graceful shutdown. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

export interface Stack {
  /** What the api and worker processes connect with: the runtime role (decision 0034). */
  databaseUrl: string;
  /** The schema owner's URL, for what only the owner may do (VACUUM, DDL). */
  ownerDatabaseUrl: string;
  databaseName: string;
  adminDatabaseUrl: string;
  temporal: DevServer;
  /** The environment every api and worker process of this stack receives. */
  env: Record<string, string>;
  /** Starts an API process on a free port and waits until /ready/ answers 200. */
  startApi(extraEnv?: Record<string, string>): Promise<Service & { url: string }>;
  /** Starts a worker process and waits until it logs that it polls its task queue; nodeArgs e.g. `--cpu-prof`. */
  startWorker(extraEnv?: Record<string, string>, nodeArgs?: string[]): Promise<Service>;
  stop(): Promise<void>;
}

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export async function startStack(options: StackOptions): Promise<Stack> {
  const adminDatabaseUrl = options.adminDatabaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const databaseName = `${options.name}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const ownerUrl = databaseUrl(adminDatabaseUrl, databaseName);
  const url = runtimeDatabaseUrl(adminDatabaseUrl, databaseName);
  const [temporal] = await Promise.all([
    startDevServer({ port: await freePort(), log: undefined }),
    createSeededDatabase(adminDatabaseUrl, databaseName, { secondTenant: options.secondDemoTenant }),
  ]);
  const storageDir = path.join(projectRoot, 'var', 'stack', databaseName);
  mkdirSync(storageDir, { recursive: true });
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `stack-${databaseName}`,
    JWT_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: storageDir,
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: 'http://127.0.0.1',
    ...options.env,
  };
  const services: Service[] = [];
  const spawnService = (name: string, entry: string, extraEnv: Record<string, string>, nodeArgs: string[] = []) => {
    const service = spawnEntry(name, entry, { ...env, ...extraEnv }, options.log, nodeArgs);
    services.push(service);
    return service;
  };

  return {
    databaseUrl: url,
    ownerDatabaseUrl: ownerUrl,
    databaseName,
    adminDatabaseUrl,
    temporal,
    env,
    async startApi(extraEnv = {}) {
      const port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort();
      const url = `http://127.0.0.1:${port}`;
      const service = spawnService('api', 'api/server.ts', { PORT: String(port), PUBLIC_BASE_URL: url, ...extraEnv });
      await waitFor(async () => (await fetch(`${url}/ready/`)).status === 200, service, `api on ${url}`);
      return Object.assign(service, { url });
    },
    async startWorker(extraEnv = {}, nodeArgs = []) {
      const service = spawnService('worker', 'worker/main.ts', extraEnv, nodeArgs);
      await waitForLine(service.child, /worker started/, `worker`);
      return service;
    },
    async stop() {
      await Promise.all(services.map((service) => service.stop(10_000)));
      await temporal.stop();
      await dropDatabase(adminDatabaseUrl, databaseName);
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export function spawnEntry(
  name: string,
  entry: string,
  env: Record<string, string>,
  log?: (line: string) => void,
  nodeArgs: string[] = [],
): Service {
  // LOG_LEVEL info for the worker's start line; everything else the caller set stays.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: projectRoot,
    env: { ...process.env, ...env, LOG_LEVEL: name === 'worker' ? 'info' : env.LOG_LEVEL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `[${name} ${child.pid}] `;
  // The last lines are kept even when nobody logs them: a process that dies on its own says why.
  const lastLines: string[] = [];
  let stopping = false;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        if (log) log(prefix + line);
        lastLines.push(line.slice(0, 500));
        if (lastLines.length > 40) lastLines.shift();
      }
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `${prefix}exited on its own (code ${code}, signal ${signal}); its last lines:\n${lastLines.join('\n')}\n`,
    );
  });
  return {
    child,
    exited,
    async kill() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: (graceMs = 30_000) => {
      stopping = true;
      return stopChild(child, graceMs);
    },
  };
}

export async function waitFor(
  check: () => Promise<boolean>,
  service: Service,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${what} exited with code ${service.child.exitCode}`);
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} not ready within ${timeoutMs} ms`);
}

export function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 180_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096);
      if (pattern.test(seen)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with code ${code} before starting: ${seen}`));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
