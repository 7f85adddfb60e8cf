// Workflow-safe: the retry policies every workflow uses for its activities, defined once.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * Persistence retries quickly and for long; a task lost with a vanished worker is retried after
 * startToCloseTimeout, so it stays short. Missing rows and moved-on states fail for good (the
 * activities throw non-retryable failures for those).
 */
export function persistenceActivities() {
  return proxyActivities<Activities>({
    startToCloseTimeout: '15 seconds',
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });
}

/** SMTP outages retry for a day; e-mails never hold up the state change that caused them. */
export function mailActivities() {
  return proxyActivities<Activities>({
    startToCloseTimeout: '20 seconds',
    scheduleToCloseTimeout: '1 day',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });
}
