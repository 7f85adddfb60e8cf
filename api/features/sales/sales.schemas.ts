import { z } from '../../http/zod';
import { currencyCode, quantity, requiredText, text, timestamp, uuid } from '../../http/common.schemas';
import { listQuery } from '../../http/pagination';
import { money } from '../templates/templates.schemas';

// Seed 003's sales: stock issued from a warehouse to a customer (inventory.md §1.5, decision 0042).

export const MAX_SALE_LINES = 100;

export const saleSchema = z
  .object({
    id: uuid,
    number: z.string().describe('SALE-<year>-<6 digits>, per organisation'),
    status: z.enum(['completed', 'cancelled']),
    customer_name: z.string(),
    customer_email: z.string().nullable(),
    warehouse: z.object({ id: uuid, code: z.string(), name: z.string() }),
    currency: z.string(),
    total: z.string(),
    notes: z.string(),
    lines: z.array(
      z.object({
        line_no: z.number().int(),
        product: z.object({ id: uuid, sku: z.string(), name: z.string(), unit: z.string() }),
        quantity: z.string(),
        unit_price: z.string(),
        line_total: z.string(),
      }),
    ),
    sold_by: uuid.nullable(),
    sold_at: timestamp,
    cancelled_at: timestamp.nullable(),
    cancel_reason: z.string().nullable(),
  })
  .openapi('Sale');

export const newSaleBody = z.strictObject({
  customer_name: requiredText(200),
  customer_email: z.string().trim().email('Enter an e-mail address.').max(254).nullable().optional(),
  warehouse_id: uuid,
  currency: currencyCode.optional().describe('Defaults to the deployment’s; every line is priced in it'),
  notes: text(2000).optional(),
  lines: z
    .array(
      z.strictObject({
        product_id: uuid,
        quantity,
        unit_price: money.optional().describe('Defaults to the product’s catalogue price'),
      }),
    )
    .min(1, 'A sale has at least one line.')
    .max(MAX_SALE_LINES),
});

export const cancelSaleBody = z.strictObject({ reason: requiredText(500) });

export const salesQuery = listQuery(['sold_at', 'total', 'number'], {
  search: z.string().trim().min(1).max(200).optional().describe('Part of the number or the customer’s name, any case'),
  status: z.enum(['completed', 'cancelled']).optional(),
  warehouse_id: uuid.optional(),
  product_id: uuid.optional().describe('Sales with a line of this product'),
  date_from: z.string().date('Use YYYY-MM-DD.').optional().describe('Sold on or after this day (UTC)'),
  date_to: z.string().date('Use YYYY-MM-DD.').optional().describe('Sold on or before this day (UTC)'),
});

export const exampleSale = {
  id: '6f5e4d3c-0000-4b2a-8c1d-0e9f8a7b6c5d',
  number: 'SALE-2026-000001',
  status: 'completed' as const,
  customer_name: 'Initech',
  customer_email: 'purchasing@initech.example',
  warehouse: { id: '9c8b7a6d-0000-4c5b-8a4d-3e2f1a0b9c8d', code: 'MAIN', name: 'Main Warehouse' },
  currency: 'USD',
  total: '1999.98',
  notes: '',
  lines: [
    {
      line_no: 1,
      product: { id: '5e4d3c2b-0000-4a1b-8c2d-3e4f5a6b7c8d', sku: 'LAP001', name: 'Laptop', unit: 'each' },
      quantity: '2.000',
      unit_price: '999.99',
      line_total: '1999.98',
    },
  ],
  sold_by: '0f1e2d3c-0000-4b5a-8c9d-0e1f2a3b4c5d',
  sold_at: '2026-01-15T10:30:00.000Z',
  cancelled_at: null,
  cancel_reason: null,
};
