// The worker's workflow bundle entry: every workflow type the task queue serves.
export { accountNotificationWorkflow } from './account-notification.workflow';
export { purchaseRequestWorkflow } from './purchase-request.workflow';
export { purchaseOrderWorkflow } from './purchase-order.workflow';
export { outboxRelayWorkflow } from './outbox-relay.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
export { tenantOffboardWorkflow } from './tenant-offboard.workflow';
export { integrationHealthWorkflow } from './integration-health.workflow';
