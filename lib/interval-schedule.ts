import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type Client,
  type ScheduleOptionsStartWorkflowAction,
  type Workflow,
} from '@temporalio/client';

/**
 * A Temporal Schedule that starts `action` every `intervalSeconds`, skipping a start while the last
 * run still runs; its first run starts when it is made. Made again it changes nothing, unless the
 * interval or the task queue changed, which are applied (a deployment's settings win).
 */
export async function ensureIntervalSchedule(
  client: Client,
  options: { scheduleId: string; intervalSeconds: number; action: ScheduleOptionsStartWorkflowAction<Workflow> },
): Promise<void> {
  const spec = { intervals: [{ every: options.intervalSeconds * 1000 }] }; // milliseconds
  try {
    await client.schedule.create({
      scheduleId: options.scheduleId,
      spec,
      action: options.action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      state: { triggerImmediately: true },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    const handle = client.schedule.getHandle(options.scheduleId);
    const current = await handle.describe();
    const sameInterval = current.spec.intervals?.[0]?.every === spec.intervals[0]!.every;
    const sameQueue = current.action.type === 'startWorkflow' && current.action.taskQueue === options.action.taskQueue;
    if (!sameInterval || !sameQueue) await handle.update((previous) => ({ ...previous, spec, action: options.action }));
  }
}

/** Starts a run of the Schedule now; false when there is no such Schedule. */
export async function triggerSchedule(client: Client, scheduleId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    return true;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return false;
    throw error;
  }
}

/** Removes the Schedule; one that does not exist is fine. */
export async function deleteSchedule(client: Client, scheduleId: string): Promise<void> {
  try {
    await client.schedule.getHandle(scheduleId).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}
