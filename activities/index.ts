import { createAccountActivities, type AccountActivityDeps } from './account-notification.activities';
import { createPurchaseOrderActivities, type PurchaseOrderActivityDeps } from './purchase-order.activities';
import { createPurchaseRequestActivities, type PurchaseRequestActivityDeps } from './purchase-request.activities';
import { createWebhookActivities, type WebhookActivityDeps } from './webhook.activities';
import { createTenantActivities } from './tenant.activities';
import { createIntegrationHealthActivities, type IntegrationHealthActivityDeps } from './integration-health.activities';

export type ActivityDeps = AccountActivityDeps &
  PurchaseRequestActivityDeps &
  PurchaseOrderActivityDeps &
  WebhookActivityDeps &
  IntegrationHealthActivityDeps;

/** Every activity the worker registers, built from its dependencies (tests pass their own). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createAccountActivities(deps),
    ...createPurchaseRequestActivities(deps),
    ...createPurchaseOrderActivities(deps),
    ...createWebhookActivities(deps),
    ...createTenantActivities(),
    ...createIntegrationHealthActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
