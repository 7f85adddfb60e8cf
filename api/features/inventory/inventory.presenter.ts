import type { LowStockAlert, StockLevel, StockMovement, StockTransfer } from '../../../db/models';
import type { PostedMovement } from '../../../db/repositories/stock-ledger.repository';
import { compareQuantities, subtractQuantities } from '../../../contracts/quantities';
import { iso as isoOrNull, isoTime as iso } from '../../http/iso';

// What stock looks like to callers: seed 001's inventory item, with quantities as decimal strings.

/** `out`: nothing on hand; `low`: below the minimum; `normal`: the rest (the list's `stock_status`). */
export function stockStatus(onHand: string, minimum: string | null): 'out' | 'low' | 'normal' {
  if (compareQuantities(onHand, '0') <= 0) return 'out';
  if (minimum !== null && compareQuantities(onHand, minimum) < 0) return 'low';
  return 'normal';
}

/** A level with its product (and the product's category) and warehouse fetched with it. */
export const presentStockLevel = (level: StockLevel) => ({
  id: level.id,
  product: {
    id: level.productId,
    sku: level.product?.sku ?? '',
    name: level.product?.name ?? '',
    unit: level.product?.unit ?? '',
    price: level.product?.price ?? '0.00',
    currency: level.product?.currency ?? '',
    category: level.product?.category?.name ?? null,
  },
  warehouse: {
    id: level.warehouseId,
    code: level.warehouse?.code ?? '',
    name: level.warehouse?.name ?? '',
    location: level.warehouse?.location ?? '',
  },
  quantity: level.onHand,
  reserved: level.reserved,
  available: subtractQuantities(level.onHand, level.reserved),
  min_stock_level: level.minStockLevel,
  max_stock_level: level.maxStockLevel,
  reorder_qty: level.reorderQty,
  qty_multiple: level.qtyMultiple,
  reorder_trigger: level.reorderTrigger,
  replenish_team: level.replenishTeamId,
  stock_status: stockStatus(level.onHand, level.minStockLevel),
  version: level.version,
  last_updated: iso(level.updatedAt),
});

/** A movement with its product and warehouse fetched with it. */
export const presentMovement = (movement: StockMovement) => ({
  id: String(movement.id),
  product: { id: movement.productId, sku: movement.product?.sku ?? '', name: movement.product?.name ?? '' },
  warehouse: { id: movement.warehouseId, code: movement.warehouse?.code ?? '', name: movement.warehouse?.name ?? '' },
  movement_type: movement.movementType,
  qty_delta: movement.qtyDelta,
  qty_after: movement.qtyAfter,
  reason: movement.reason,
  source_type: movement.sourceType,
  source_id: movement.sourceId,
  transfer_id: movement.transferId,
  actor: movement.actorId,
  created_at: iso(movement.createdAt),
});

export const presentTransfer = (transfer: StockTransfer, out: PostedMovement, into: PostedMovement) => ({
  id: transfer.id,
  product_id: transfer.productId,
  from_warehouse_id: transfer.fromWarehouseId,
  to_warehouse_id: transfer.toWarehouseId,
  quantity: transfer.quantity,
  reason: transfer.reason,
  status: transfer.status,
  movements: { out: out.id, in: into.id },
  created_at: iso(transfer.createdAt),
});

/** A level's version as its ETag (a strong one: the level's every change bumps it). */
export const stockLevelEtag = (level: StockLevel) => `"${level.version}"`;

/** An alert with its product, warehouse and level fetched with it. */
export const presentAlert = (alert: LowStockAlert) => ({
  id: alert.id,
  status: alert.status,
  stock_level: alert.level?.id ?? null,
  product: { id: alert.productId, sku: alert.product?.sku ?? '', name: alert.product?.name ?? '' },
  warehouse: { id: alert.warehouseId, code: alert.warehouse?.code ?? '', name: alert.warehouse?.name ?? '' },
  threshold: alert.threshold,
  quantity_at_open: alert.qtyAtOpen,
  quantity: alert.level?.onHand ?? null,
  opened_at: iso(alert.openedAt),
  acknowledged_by: alert.acknowledgedBy,
  acknowledged_at: isoOrNull(alert.acknowledgedAt),
  resolved_at: isoOrNull(alert.resolvedAt),
  replenishment_request: alert.replenishmentRequestId,
});
