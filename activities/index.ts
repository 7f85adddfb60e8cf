import { createAccountActivities, type AccountActivityDeps } from './account-notification.activities';
import { createPurchaseRequestActivities, type PurchaseRequestActivityDeps } from './purchase-request.activities';

export type ActivityDeps = AccountActivityDeps & PurchaseRequestActivityDeps;

/** Every activity the worker registers, built from its dependencies (tests pass their own). */
export function createActivities(deps: ActivityDeps) {
  return { ...createAccountActivities(deps), ...createPurchaseRequestActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
