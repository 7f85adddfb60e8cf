import type { Knex } from 'knex';
import { writeOutboxEvent } from './outbox.repository';

// Low-stock alerts (inventory.md §1.3, decision 0041): brought in line with their levels in the same
// transaction as every change of a level's quantity or minimum, by the ledger itself.

interface OpenedRow {
  id: string;
  levelId: string;
  productId: string;
  sku: string;
  productName: string;
  warehouseId: string;
  code: string;
  warehouseName: string;
  onHand: string;
  threshold: string;
}

/**
 * For each level: opens an alert when it is below its minimum and has none (the edge: one alert per
 * crossing, however many movements follow below the minimum), resolves the active one when it is at
 * or above its minimum again (or has none any more). Each alert opened writes one
 * `inventory.low_stock` event to the outbox. The caller holds the levels' row locks.
 */
export async function syncLowStockAlerts(trx: Knex.Transaction, levelIds: string[]): Promise<void> {
  if (levelIds.length === 0) return;
  const { rows } = (await trx.raw(
    `WITH level AS (
       SELECT l.id, l.product_id, l.warehouse_id, l.on_hand, l.min_stock_level
         FROM stock_levels l WHERE l.id = ANY(?::uuid[])),
     resolved AS (
       UPDATE low_stock_alerts a SET status = 'resolved', resolved_at = now()
         FROM level
        WHERE a.product_id = level.product_id AND a.warehouse_id = level.warehouse_id AND a.status <> 'resolved'
          AND (level.min_stock_level IS NULL OR level.on_hand >= level.min_stock_level)
        RETURNING a.id),
     opened AS (
       INSERT INTO low_stock_alerts (product_id, warehouse_id, threshold, qty_at_open)
       SELECT product_id, warehouse_id, min_stock_level, on_hand FROM level
        WHERE min_stock_level IS NOT NULL AND on_hand < min_stock_level
       ON CONFLICT (tenant_id, product_id, warehouse_id) WHERE status <> 'resolved' DO NOTHING
       RETURNING id, product_id, warehouse_id, threshold)
     SELECT opened.id, level.id AS "levelId", p.id AS "productId", p.sku, p.name AS "productName",
            w.id AS "warehouseId", w.code, w.name AS "warehouseName", level.on_hand AS "onHand", opened.threshold
       FROM opened
       JOIN level USING (product_id, warehouse_id)
       JOIN products p ON p.id = opened.product_id
       JOIN warehouses w ON w.id = opened.warehouse_id`,
    [levelIds],
  )) as { rows: OpenedRow[] };
  const at = new Date().toISOString();
  for (const alert of rows)
    await writeOutboxEvent(trx, {
      operationKey: `low-stock-alert/${alert.id}`,
      type: 'inventory.low_stock',
      aggregateType: 'stock_level',
      aggregateId: alert.levelId,
      at,
      data: {
        alert_id: alert.id,
        stock_level: {
          id: alert.levelId,
          product: { id: alert.productId, sku: alert.sku, name: alert.productName },
          warehouse: { id: alert.warehouseId, code: alert.code, name: alert.warehouseName },
          quantity: alert.onHand,
          min_stock_level: alert.threshold,
        },
      },
    });
}
