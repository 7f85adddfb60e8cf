import { freePort } from '../scripts/lib/free-port';
import { spawnEntry, waitForLine, type Service, type Stack } from '../scripts/lib/stack';
import type { Baselines, Log } from './context';

/**
 * The environment of the baseline processes: the stack's, on a task queue of their own; the bare
 * api reads as the owner (no row-level security), its worker as the runtime role like the product's.
 */
export const baselineEnv = (stack: Stack) => ({
  ...stack.env,
  BASELINE_DATABASE_URL: stack.ownerDatabaseUrl,
  BASELINE_TASK_QUEUE: `baseline-${stack.databaseName}`,
});

/** Each service is added to `services` as soon as it is spawned, so the caller stops it even if it never starts. */
export async function startBaselineWorker(stack: Stack, services: Service[], log: Log): Promise<Service> {
  const worker = spawnEntry('baseline-worker', 'bench/baseline/worker.ts', baselineEnv(stack), log);
  services.push(worker);
  await waitForLine(worker.child, /worker started/, 'baseline worker');
  return worker;
}

export async function startBaselineApi(
  stack: Stack,
  worker: Service,
  services: Service[],
  log: Log,
): Promise<Baselines> {
  const env = baselineEnv(stack);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const api = spawnEntry(
    'baseline-api',
    'bench/baseline/api.ts',
    { ...env, PORT: String(port), PUBLIC_BASE_URL: url },
    log,
  );
  services.push(api);
  await waitForLine(api.child, /baseline api listening/, 'baseline api');
  return { url, api, worker, taskQueue: env.BASELINE_TASK_QUEUE };
}
