// Workflow-safe: the retry policies every workflow uses for its activities, defined once.
import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

/** Marks executions that run their persistence steps as local activities (see persistenceActivities). */
export const LOCAL_PERSISTENCE_PATCH = 'persistence-as-local-activities';

const persistenceRetry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/**
 * Persistence steps are short, idempotent database transactions (operation keys make a repeat a
 * no-op), so they run as local activities: in the worker that holds the workflow task, without a
 * round trip through the server for scheduling and another for the result. `npm run bench` showed
 * those round trips, not SQL, were most of an approval's time (docs/performance.md).
 *
 * Executions recorded before the change replay with the remote activities they scheduled: the patch
 * is asked at every call, so an old execution that is still running switches at its next step and
 * the marker it records keeps later replays deterministic.
 *
 * Retries: quick at first and for as long as it takes (a database outage); a retry after more than
 * localRetryThreshold waits on a durable timer instead of holding the workflow task. Missing rows and
 * moved-on states fail for good (the activities throw non-retryable failures for those).
 */
export function persistenceActivities(tenantId: string | undefined) {
  const remote = proxyActivities<Activities>({ startToCloseTimeout: '15 seconds', retry: persistenceRetry });
  const local = proxyLocalActivities<Activities>({
    startToCloseTimeout: '15 seconds',
    retry: persistenceRetry,
    localRetryThreshold: '10 seconds',
  });
  return forTenant(
    new Proxy(remote, {
      get: (_target, name: string) => (patched(LOCAL_PERSISTENCE_PATCH) ? local : remote)[name as keyof Activities],
    }),
    tenantId,
  );
}

/** SMTP outages retry for a day; e-mails never hold up the state change that caused them. */
export function mailActivities(tenantId: string | undefined) {
  return forTenant(
    proxyActivities<Activities>({
      startToCloseTimeout: '20 seconds',
      scheduleToCloseTimeout: '1 day',
      retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
    }),
    tenantId,
  );
}

/**
 * Every activity a workflow calls works for the workflow's tenant (tenancy.md §4.3): its command
 * carries `tenantId`, and the activity opens its transaction under it. Executions started before
 * tenants existed have none; their activities use the installation's first tenant (decision 0036).
 * Adding a field to an activity's input schedules the same commands, so histories replay unchanged.
 */
export function forTenant(activities: Activities, tenantId: string | undefined): Activities {
  return new Proxy(activities, {
    get: (target, name: string) => {
      const activity = target[name as keyof Activities] as (...args: unknown[]) => Promise<unknown>;
      return (command?: object, ...rest: unknown[]) =>
        activity(tenantId === undefined ? command : { ...command, tenantId }, ...rest);
    },
  });
}
