import { z } from '../../http/zod';
import { isCalendarDate } from '../../http/query-params';
import { currencyCode, requiredText, text, timestamp, uuid } from '../../http/common.schemas';
import { money } from '../templates/templates.schemas';
import { orderStatuses, type OrderStatus } from '../../../contracts/purchase-orders';
import { compareMoney, lineTotal, sumMoney } from '../../../contracts/money';

const MAX_TOTAL = '99999999999999.99';

const addressSchema = z.strictObject({
  name: text(200).optional(),
  street: requiredText(200),
  city: requiredText(100),
  state: text(100).optional(),
  zip_code: requiredText(20),
  country: requiredText(100),
});

const quantity = z
  .preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z
      .string()
      .trim()
      .regex(/^\d{1,9}(\.\d{1,3})?$/, 'Enter a positive quantity with at most 3 decimal places.'),
  )
  .refine((value) => Number(value) > 0, 'The quantity must be greater than zero.')
  .describe('Decimal string or number, > 0, up to 3 decimals');

export const createOrderBody = z
  .strictObject({
    vendor_name: requiredText(200),
    team: uuid
      .optional()
      .describe(
        'The team the order is for: its procurement officers and finance reviewers see it. Required unless you manage every team’s orders.',
      ),
    currency: currencyCode.optional(),
    items: z
      .array(
        z.strictObject({
          description: requiredText(500),
          quantity,
          unit_price: money.describe('≥ 0, up to 2 decimals'),
        }),
      )
      .min(1, 'An order needs at least one item.')
      .max(200),
    shipping_address: addressSchema,
    billing_address: addressSchema.optional(),
    note: text(2000).optional(),
    total: z.unknown().optional().describe('Ignored: the server computes the total from the items'),
  })
  .superRefine((body, ctx) => {
    // Totals must fit NUMERIC(16,2): checked here so an absurd order is a 400 naming the field.
    // Items that failed their own checks are already reported; only well-formed ones are multiplied.
    const decimal = /^\d+(\.\d+)?$/;
    if (!body.items.every((item) => decimal.test(String(item.quantity)) && decimal.test(String(item.unit_price))))
      return;
    const lines = body.items.map((item) => lineTotal(item.quantity, item.unit_price));
    lines.forEach((line, index) => {
      if (compareMoney(line, MAX_TOTAL) > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['items', index, 'quantity'],
          message: 'This line’s total is too large.',
        });
    });
    if (compareMoney(sumMoney(lines), MAX_TOTAL) > 0)
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'The order total is too large.' });
  });

export const statusChangeBody = z.strictObject({ status: z.enum(orderStatuses), note: text(2000).optional() });
export const noteBody = z.strictObject({ note: requiredText(2000) });

export const shipmentBody = z.strictObject({
  order_id: uuid,
  carrier: requiredText(100),
  service_type: text(100).optional(),
  tracking_number: requiredText(100),
  shipping_cost: money.optional(),
  estimated_delivery: z
    .string()
    .regex(/^(19|2\d)\d{2}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD between 1900 and 2999.')
    .refine(isCalendarDate, 'Not a calendar date.')
    .optional(),
  note: text(2000).optional(),
});

const userRef = z.object({ id: uuid, username: z.string() }).nullable();

export const shipmentSchema = z
  .object({
    id: uuid,
    order: z.object({ id: uuid, number: z.string() }),
    carrier: z.string(),
    service_type: z.string(),
    tracking_number: z.string(),
    shipping_cost: z.string(),
    estimated_delivery: z.string().nullable(),
    delivered_at: timestamp.nullable(),
    created_at: timestamp,
  })
  .openapi('Shipment');

export const orderSummarySchema = z
  .object({
    id: uuid,
    number: z.string(),
    purchase_request: z.object({ id: uuid, subject: z.string() }).nullable(),
    vendor_name: z.string(),
    total: z.string(),
    currency: z.string(),
    status: z.enum(orderStatuses),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('PurchaseOrderSummary');

export const orderDetailSchema = orderSummarySchema
  .extend({
    items: z.array(
      z.object({
        id: uuid,
        description: z.string(),
        quantity: z.string(),
        unit_price: z.string(),
        line_total: z.string(),
      }),
    ),
    shipping_address: z.record(z.string(), z.unknown()).nullable(),
    billing_address: z.record(z.string(), z.unknown()).nullable(),
    notes: z.array(z.object({ id: uuid, author: userRef, note: z.string(), created_at: timestamp })),
    shipments: z.array(shipmentSchema.omit({ order: true })),
    status_history: z.array(
      z.object({
        from_status: z.string().nullable(),
        to_status: z.string(),
        actor: userRef,
        note: z.string(),
        at: timestamp,
      }),
    ),
    confirm_by: timestamp
      .nullable()
      .describe(
        'A pending order not confirmed by then is cancelled (null once confirmed, or when the workflow cannot answer)',
      ),
    allowed_transitions: z
      .array(z.enum(orderStatuses))
      .describe(
        'The statuses the caller may move this order to now: empty when the caller may not manage it. `shipped` is reached by recording a shipment (POST /api/shipping/), every other one through PATCH /api/orders/{id}/status/.',
      ),
  })
  .openapi('PurchaseOrder');

const address = { street: '1 Market St', city: 'San Francisco', state: 'CA', zip_code: '94105', country: 'USA' };
export const exampleCreateOrder = {
  vendor_name: 'Office Depot',
  currency: 'USD',
  items: [
    { description: 'Ergonomic chair', quantity: '4', unit_price: '249.50' },
    { description: 'Desk lamp', quantity: '2', unit_price: '35.00' },
  ],
  shipping_address: address,
  billing_address: address,
};
export const exampleOrderSummary = {
  id: '4e1f6a2b-0000-4c3d-8e9f-0a1b2c3d4e5f',
  number: 'PO-2026-000042',
  purchase_request: null,
  vendor_name: 'Office Depot',
  total: '1068.00',
  currency: 'USD',
  status: 'pending' as const,
  created_at: '2026-01-16T09:00:00.000Z',
  updated_at: '2026-01-16T09:00:00.000Z',
};
export const exampleShipment = {
  id: '7a8b9c0d-0000-4e1f-8a2b-3c4d5e6f7a8b',
  order: { id: exampleOrderSummary.id, number: exampleOrderSummary.number },
  carrier: 'UPS',
  service_type: 'Ground',
  tracking_number: '1Z999AA1234567890',
  shipping_cost: '15.99',
  estimated_delivery: '2026-01-20',
  delivered_at: null,
  created_at: '2026-01-17T09:00:00.000Z',
};
export const exampleOrderDetail = {
  ...exampleOrderSummary,
  items: [
    {
      id: '1a2b3c4d-0001-4e5f-8a9b-0c1d2e3f4a5b',
      description: 'Ergonomic chair',
      quantity: '4.000',
      unit_price: '249.50',
      line_total: '998.00',
    },
    {
      id: '1a2b3c4d-0002-4e5f-8a9b-0c1d2e3f4a5b',
      description: 'Desk lamp',
      quantity: '2.000',
      unit_price: '35.00',
      line_total: '70.00',
    },
  ],
  shipping_address: address,
  billing_address: address,
  notes: [],
  shipments: [],
  status_history: [
    {
      from_status: null,
      to_status: 'pending',
      actor: { id: '5b6c7d8e-0000-4f0a-8b1c-2d3e4f5a6b7c', username: 'paula' },
      note: '',
      at: '2026-01-16T09:00:00.000Z',
    },
  ],
  confirm_by: '2026-01-23T09:00:00.000Z',
  allowed_transitions: ['confirmed', 'cancelled'] as OrderStatus[],
};
