import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

/**
 * The minimal workflows the benchmark compares the product against (same Temporal server, same run).
 * They hold no business rules: each is the least a Temporal design of the same feature must do.
 */
const { recordInDatabase, noop, postJson } = proxyActivities<BaselineActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '200 milliseconds' },
});

export const baselineStep = defineUpdate<number, [string]>('step');

/** P2: each Update runs one database activity and answers its result. */
export async function updateWithDatabaseActivity(id: string, updates: number): Promise<void> {
  let done = 0;
  setHandler(baselineStep, async (actor) => {
    const result = await recordInDatabase(id, actor);
    done += 1;
    return result;
  });
  await condition(() => done >= updates);
}

/** P3: waits for the same number of Updates as a 3-step approval chain, each running a no-op activity. */
export async function chainWithNoopActivities(updates: number): Promise<void> {
  let done = 0;
  setHandler(baselineStep, async () => {
    await noop();
    done += 1;
    return done;
  });
  await condition(() => done >= updates);
}

/** P4: one HTTP activity, as a webhook delivery without retries, signatures or bookkeeping. */
export async function oneHttpActivity(url: string, body: string): Promise<number> {
  return postJson(url, body);
}
