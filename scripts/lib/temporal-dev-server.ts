import { searchAttributeFlags } from '../../contracts/search-attributes';
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { stopChild } from './stop-child';
import { findTemporalCli } from './temporal-cli';

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file for durable state; in memory when omitted (tests). */
  dbFilename?: string;
  namespace?: string;
  log?: (line: string) => void;
}

export interface DevServer {
  address: string;
  /** The CLI process (absent for the SDK's fallback server): the bench samples its CPU. */
  pid?: number;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** Flags the project needs from every dev server: Updates, async Updates and Update-with-Start. */
export const dynamicConfigFlags = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  'frontend.enableExecuteMultiOperation=true',
].flatMap((value) => ['--dynamic-config-value', value]);

/**
 * Starts `temporal server start-dev` from the CLI binary. Without a binary (no Go on the machine)
 * it falls back to the SDK's ephemeral server, which downloads the CLI where the internet is reachable.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = findTemporalCli();
  if (!cli) return startSdkServer(options);
  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    'warn',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFilename ? ['--db-filename', options.dbFilename] : []),
    ...dynamicConfigFlags,
    ...searchAttributeFlags,
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  child.stdout?.on('data', (chunk: Buffer) => options.log?.(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(chunk.toString()));
  await waitUntilServing(address, child);
  return {
    address,
    pid: child.pid,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () => stopChild(child, 10_000),
  };
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`temporal dev server did not answer on ${address} within ${timeoutMs} ms`);
}

async function startSdkServer(options: DevServerOptions): Promise<DevServer> {
  // Loaded only here: @temporalio/testing is a dev dependency and downloads the CLI on first use.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      uiPort: options.uiPort,
      ui: Boolean(options.uiPort),
      dbFilename: options.dbFilename,
      namespace: options.namespace,
      extraArgs: [...dynamicConfigFlags, ...searchAttributeFlags],
    },
  });
  return { address: `127.0.0.1:${options.port}`, stop: () => env.teardown() };
}
