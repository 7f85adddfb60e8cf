import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export interface UntilOptions {
  /** What is awaited, for the error past the deadline. */
  what?: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls `probe` until it answers something truthy, and answers that. A probe that throws counts as
 * "not yet"; past the deadline the error names `what` and the probe's last error. Tests wait with
 * this instead of sleeping a fixed time (and never assert timings).
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  { what = 'condition', timeoutMs = 20_000, intervalMs = 100 }: UntilOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not reached within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await sleep(intervalMs);
  }
}
