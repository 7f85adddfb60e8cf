// Workflow-safe: names and shapes of the outbox relay and webhook delivery workflows.
import type { TenantScoped } from './tenants';
export const OUTBOX_RELAY_WORKFLOW = 'outboxRelayWorkflow';
export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDeliveryWorkflow';

export function outboxRelayWorkflowId(taskQueue: string): string {
  return `outbox-relay-${taskQueue}`;
}

/** workflows.md: `webhook-<event id>-<endpoint id>`; a redelivery adds its own delivery id. */
export function webhookDeliveryWorkflowId(dispatch: PendingDispatch): string {
  const base = `webhook-${dispatch.eventId}-${dispatch.endpointId}`;
  return dispatch.redelivery ? `${base}-redelivery-${dispatch.deliveryId}` : base;
}

export interface PendingDispatch {
  deliveryId: string;
  /** The delivery's tenant: its workflow and activities work for it (absent in pre-tenant histories). */
  tenantId?: string;
  eventId: string;
  endpointId: string;
  redelivery: boolean;
}

export interface WebhookDeliveryInput extends TenantScoped {
  deliveryId: string;
}

export interface DeliveryPolicy {
  initialSeconds: number;
  maxDelaySeconds: number;
  maxAttempts: number;
  /** The HTTP limit of one attempt; the activity's own timeout is sized from it. */
  attemptTimeoutSeconds: number;
}

export type AttemptOutcome = 'succeeded' | 'failed' | 'gone' | 'endpoint_disabled';

export const webhookEventTypes = [
  'purchase_request.submitted',
  'purchase_request.approved',
  'purchase_request.fully_approved',
  'purchase_request.rejected',
  'purchase_request.completed',
  'purchase_request.cancelled',
  'purchase_request.escalated',
  'order.created',
  'order.updated',
  'shipment.delivered',
  'inventory.low_stock',
] as const;

/** Backoff before attempt `next` (2, 3, …): doubling from the initial delay, capped, with ±20 % jitter. */
export function retryDelaySeconds(policy: DeliveryPolicy, next: number, random: number): number {
  const base = Math.min(policy.initialSeconds * 2 ** (next - 2), policy.maxDelaySeconds);
  return base * (0.8 + 0.4 * random);
}
