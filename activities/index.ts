import { createAccountActivities, type AccountActivityDeps } from './account-notification.activities';

export type ActivityDeps = AccountActivityDeps;

/** Every activity the worker registers, built from its dependencies (tests pass their own). */
export function createActivities(deps: ActivityDeps) {
  return { ...createAccountActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
