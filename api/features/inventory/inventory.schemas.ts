import { z } from '../../http/zod';
import { quantity, quantityOrZero, requiredText, text, timestamp, uuid } from '../../http/common.schemas';
import { listQuery } from '../../http/pagination';
import { MOVEMENT_TYPES } from '../../../db/models';

// Stock levels (seed 001's inventory items), movements, transfers (inventory.md §1.4). Quantities
// are decimal strings with three places; a JSON number is read as one.

export const STOCK_STATUSES = ['out', 'low', 'normal'] as const;
const reorderTrigger = z.enum(['auto', 'manual', 'off']);
const reason = requiredText(500);

export const stockLevelSchema = z
  .object({
    id: uuid,
    product: z.object({
      id: uuid,
      sku: z.string(),
      name: z.string(),
      unit: z.string(),
      price: z.string(),
      currency: z.string(),
      category: z.string().nullable(),
    }),
    warehouse: z.object({ id: uuid, code: z.string(), name: z.string(), location: z.string() }),
    quantity: z.string().describe('On hand'),
    reserved: z.string(),
    available: z.string().describe('On hand less reserved'),
    min_stock_level: z.string().nullable(),
    max_stock_level: z.string().nullable(),
    reorder_qty: z.string().nullable(),
    qty_multiple: z.string().nullable(),
    reorder_trigger: reorderTrigger,
    replenish_team: uuid.nullable(),
    stock_status: z.enum(STOCK_STATUSES),
    version: z.number().int().describe('Also the ETag: send it back as If-Match to change the level'),
    last_updated: timestamp,
  })
  .openapi('StockLevel');

export const stockLevelsQuery = listQuery(
  ['quantity', 'last_updated', 'product__name', 'product__sku', 'warehouse__code'],
  {
    search: z.string().trim().min(1).max(200).optional().describe('Part of the product’s name or SKU, any case'),
    product_name: z.string().trim().min(1).max(200).optional().describe('Part of the product’s name, any case'),
    product_id: uuid.optional(),
    category: z.string().trim().min(1).max(120).optional().describe('A category’s id or its name (any case)'),
    warehouse_id: uuid.optional(),
    stock_status: z
      .enum(STOCK_STATUSES)
      .optional()
      .describe('`out`: nothing on hand; `low`: below the minimum; `normal`: the rest'),
    min_stock: quantityOrZero.optional().describe('At least this much on hand'),
    max_stock: quantityOrZero.optional().describe('At most this much on hand'),
  },
);

const ruleFields = {
  min_stock_level: quantityOrZero.nullable().optional(),
  max_stock_level: quantityOrZero.nullable().optional(),
  reorder_qty: quantity.nullable().optional(),
  qty_multiple: quantity.nullable().optional(),
  reorder_trigger: reorderTrigger.optional(),
  replenish_team: uuid.nullable().optional().describe('The team replenishment requests are raised for'),
};

export const newStockLevelBody = z.strictObject({
  product_id: uuid,
  warehouse_id: uuid,
  quantity: quantityOrZero.optional().describe('The opening balance, written as an `opening` movement'),
  reason: text(500).optional(),
  ...ruleFields,
});

const stockChange = {
  quantity: quantityOrZero.optional().describe('The new count: an `adjustment` movement of the difference'),
  reason: text(500).optional().describe('Why the count changed; required with `quantity`'),
  expected_quantity: quantityOrZero
    .optional()
    .describe('What the caller saw on hand: a different count now answers 412 and changes nothing'),
  ...ruleFields,
};
export const updateStockLevelBody = z.strictObject(stockChange);

export const MAX_BULK_UPDATES = 100;
export const bulkUpdateBody = z.strictObject({
  updates: z
    .array(z.strictObject({ id: uuid, data: z.strictObject(stockChange) }))
    .min(1)
    .max(MAX_BULK_UPDATES),
  reason: text(500).optional().describe('The reason of every row that gives none'),
});

export const transferBody = z.strictObject({
  product_id: uuid,
  from_warehouse_id: uuid,
  to_warehouse_id: uuid,
  quantity,
  reason,
});

export const movementSchema = z
  .object({
    id: z.string().describe('The ledger’s sequence number'),
    product: z.object({ id: uuid, sku: z.string(), name: z.string() }),
    warehouse: z.object({ id: uuid, code: z.string(), name: z.string() }),
    movement_type: z.enum(MOVEMENT_TYPES),
    qty_delta: z.string(),
    qty_after: z.string(),
    reason: z.string(),
    source_type: z.string().nullable(),
    source_id: z.string().nullable(),
    transfer_id: uuid.nullable(),
    actor: uuid.nullable(),
    created_at: timestamp,
  })
  .openapi('StockMovement');

export const movementsQuery = listQuery(['created_at'], {
  product_id: uuid.optional(),
  warehouse_id: uuid.optional(),
  movement_type: z.enum(MOVEMENT_TYPES).optional(),
  source_type: z.string().trim().min(1).max(32).optional(),
  transfer_id: uuid.optional(),
  date_from: z.string().date('Use YYYY-MM-DD.').optional().describe('From this day (UTC), inclusive'),
  date_to: z.string().date('Use YYYY-MM-DD.').optional().describe('Up to this day (UTC), inclusive'),
});

export const transferSchema = z
  .object({
    id: uuid,
    product_id: uuid,
    from_warehouse_id: uuid,
    to_warehouse_id: uuid,
    quantity: z.string(),
    reason: z.string(),
    status: z.literal('completed'),
    movements: z.object({ out: z.string(), in: z.string() }),
    created_at: timestamp,
  })
  .openapi('StockTransfer');

export const verifySchema = z
  .object({
    consistent: z.boolean(),
    levels: z.number().int(),
    movements: z.number().int(),
    disagreements: z.array(
      z.object({ id: uuid, product_id: uuid, warehouse_id: uuid, quantity: z.string(), ledger: z.string() }),
    ),
  })
  .openapi('StockVerification');

export const exampleStockLevel = {
  id: '3a2b1c0d-0000-4e5f-8a7b-6c5d4e3f2a1b',
  product: {
    id: '5e4d3c2b-0000-4a1b-8c2d-3e4f5a6b7c8d',
    sku: 'LAP001',
    name: 'Laptop',
    unit: 'each',
    price: '999.99',
    currency: 'USD',
    category: 'Electronics',
  },
  warehouse: {
    id: '9c8b7a6d-0000-4c5b-8a4d-3e2f1a0b9c8d',
    code: 'MAIN',
    name: 'Main Warehouse',
    location: '123 Main St',
  },
  quantity: '50.000',
  reserved: '0.000',
  available: '50.000',
  min_stock_level: '5.000',
  max_stock_level: '100.000',
  reorder_qty: null,
  qty_multiple: null,
  reorder_trigger: 'manual' as const,
  replenish_team: null,
  stock_status: 'normal' as const,
  version: 3,
  last_updated: '2026-01-15T10:30:00.000Z',
};

export const exampleMovement = {
  id: '42',
  product: { id: exampleStockLevel.product.id, sku: 'LAP001', name: 'Laptop' },
  warehouse: { id: exampleStockLevel.warehouse.id, code: 'MAIN', name: 'Main Warehouse' },
  movement_type: 'adjustment' as const,
  qty_delta: '-2.000',
  qty_after: '48.000',
  reason: 'Cycle count',
  source_type: null,
  source_id: null,
  transfer_id: null,
  actor: '0f1e2d3c-0000-4b5a-8c9d-0e1f2a3b4c5d',
  created_at: '2026-01-15T10:30:00.000Z',
};

export const exampleTransfer = {
  id: '7d6c5b4a-0000-4f3e-8d2c-1b0a9f8e7d6c',
  product_id: exampleStockLevel.product.id,
  from_warehouse_id: exampleStockLevel.warehouse.id,
  to_warehouse_id: '1f2e3d4c-0000-4b6a-8f9e-0d1c2b3a4f5e',
  quantity: '25.000',
  reason: 'Rebalancing stock',
  status: 'completed' as const,
  movements: { out: '43', in: '44' },
  created_at: '2026-01-15T11:00:00.000Z',
};

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const alertSchema = z
  .object({
    id: uuid,
    status: z.enum(ALERT_STATUSES),
    stock_level: uuid.nullable(),
    product: z.object({ id: uuid, sku: z.string(), name: z.string() }),
    warehouse: z.object({ id: uuid, code: z.string(), name: z.string() }),
    threshold: z.string().describe('The minimum the level went below'),
    quantity_at_open: z.string(),
    quantity: z.string().nullable().describe('On hand now'),
    opened_at: timestamp,
    acknowledged_by: uuid.nullable(),
    acknowledged_at: timestamp.nullable(),
    resolved_at: timestamp.nullable(),
    replenishment_request: uuid.nullable(),
  })
  .openapi('LowStockAlert');

export const alertsQuery = listQuery(['opened_at'], {
  status: z
    .enum([...ALERT_STATUSES, 'active', 'all'])
    .default('active')
    .describe('`active` (the default): open and acknowledged; `all`: resolved ones too'),
  warehouse_id: uuid.optional(),
  product_id: uuid.optional(),
});

export const exampleAlert = {
  id: '2c3d4e5f-0000-4a6b-8c7d-9e0f1a2b3c4d',
  status: 'open' as const,
  stock_level: exampleStockLevel.id,
  product: { id: exampleStockLevel.product.id, sku: 'LAP001', name: 'Laptop' },
  warehouse: { id: exampleStockLevel.warehouse.id, code: 'EAST', name: 'East Coast Warehouse' },
  threshold: '5.000',
  quantity_at_open: '3.000',
  quantity: '3.000',
  opened_at: '2026-01-15T10:30:00.000Z',
  acknowledged_by: null,
  acknowledged_at: null,
  resolved_at: null,
  replenishment_request: null,
};
