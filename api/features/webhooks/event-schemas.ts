import { z } from '../../http/zod';
import { uuid, timestamp } from '../../http/common.schemas';
import { statusCodes } from '../purchase-requests/requests.schemas';
import { orderStatuses } from '../../../contracts/purchase-orders';
import { webhookEventTypes } from '../../../contracts/webhooks';

/**
 * What a receiver gets in the body of every delivery, per event type: the OpenAPI document's `webhooks`
 * section is generated from these, and a test holds the catalogue's examples and real deliveries to them.
 */
type EventType = (typeof webhookEventTypes)[number];

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('Decimal as a string');

const requestSnapshot = z
  .object({
    id: uuid,
    status: z.enum(statusCodes),
    round: z.number().int(),
    team_id: uuid,
    requestor_id: uuid,
    subject: z.string(),
    vendor_name: z.string(),
    amount: decimal,
    currency: z.string().length(3),
    current_step_id: uuid.nullable(),
  })
  .describe('The request as it stood when the event happened.');

const orderSnapshot = z
  .object({
    id: uuid,
    number: z.string(),
    status: z.enum(orderStatuses),
    purchase_request_id: uuid.nullable(),
    vendor_name: z.string(),
    total: decimal,
    currency: z.string().length(3),
  })
  .describe('The order as it stood when the event happened.');

const requestData = (extra: z.ZodRawShape) => z.object({ purchase_request: requestSnapshot, ...extra });
const orderData = (extra: z.ZodRawShape) => z.object({ purchase_order: orderSnapshot, ...extra });
const actor = uuid.nullable().describe('The user who acted; null when the system did.');

const dataByType: Record<EventType, z.ZodTypeAny> = {
  'purchase_request.submitted': requestData({ round: z.number().int(), actor_id: actor }),
  'purchase_request.approved': requestData({ step_id: uuid, step_name: z.string() }),
  'purchase_request.fully_approved': requestData({}),
  'purchase_request.rejected': requestData({ actor_id: actor, comment: z.string(), step_id: uuid.nullable() }),
  'purchase_request.completed': requestData({
    actor_id: actor,
    comment: z.string().optional().describe('Absent when none was given.'),
  }),
  'purchase_request.cancelled': requestData({
    actor_id: actor,
    comment: z.string().optional().describe('Absent when none was given.'),
  }),
  'purchase_request.escalated': requestData({ reason: z.string(), step_id: uuid }),
  'order.created': orderData({}),
  'order.updated': orderData({
    from_status: z.enum(orderStatuses),
    note: z.string(),
    actor_id: actor,
    shipment_id: uuid.optional().describe('Present when the change recorded a shipment.'),
  }),
  'shipment.delivered': orderData({ shipment_ids: z.array(uuid) }),
  'inventory.low_stock': z.object({
    alert_id: uuid,
    stock_level: z
      .object({
        id: uuid,
        product: z.object({ id: uuid, sku: z.string(), name: z.string() }),
        warehouse: z.object({ id: uuid, code: z.string(), name: z.string() }),
        quantity: decimal,
        min_stock_level: decimal,
      })
      .describe('The level as it stood when it went below its minimum.'),
  }),
};

/** The envelope of `type`'s payload: the same five keys on every event, `data` per type. */
export function eventPayloadSchema(type: EventType) {
  return z.object({
    id: z
      .string()
      .regex(/^evt_[0-9a-f]{32}$/)
      .describe('Stable across retries and redeliveries: deduplicate on it.'),
    type: z.literal(type),
    timestamp,
    sequence: z
      .number()
      .int()
      .min(1)
      .describe(
        '1, 2, 3, … per resource in the order the changes committed. Delivery is at-least-once and unordered: apply an event only if its sequence is above the last one you applied for the resource.',
      ),
    resource: z.object({ type: z.enum(['purchase_request', 'purchase_order', 'stock_level']), id: uuid }),
    data: dataByType[type],
  });
}
