import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Product } from './product.model';
import { Warehouse } from './warehouse.model';

export type ReorderTrigger = 'auto' | 'manual' | 'off';

/** Seed 001's inventory item: what one warehouse holds of one product, and its reorder rule. */
export class StockLevel extends BaseModel {
  static override tableName = 'stock_levels';
  id!: string;
  productId!: string;
  warehouseId!: string;
  onHand!: string;
  reserved!: string;
  minStockLevel!: string | null;
  maxStockLevel!: string | null;
  reorderQty!: string | null;
  qtyMultiple!: string | null;
  reorderTrigger!: ReorderTrigger;
  replenishTeamId!: string | null;
  lastMovementId!: string | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  product?: Product;
  warehouse?: Warehouse;

  static override relationMappings = (): RelationMappings => ({
    product: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Product,
      join: { from: 'stock_levels.productId', to: 'products.id' },
    },
    warehouse: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Warehouse,
      join: { from: 'stock_levels.warehouseId', to: 'warehouses.id' },
    },
  });
}

export const MOVEMENT_TYPES = [
  'opening',
  'receipt',
  'issue',
  'sale',
  'sale_reversal',
  'transfer_out',
  'transfer_in',
  'adjustment',
  'return_to_vendor',
  'receipt_reversal',
] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/** One line of the append-only ledger (bigint ids come back as strings). */
export class StockMovement extends BaseModel {
  static override tableName = 'stock_movements';
  id!: string;
  productId!: string;
  warehouseId!: string;
  qtyDelta!: string;
  qtyAfter!: string;
  movementType!: MovementType;
  reason!: string;
  sourceType!: string | null;
  sourceId!: string | null;
  sourceLineId!: string | null;
  transferId!: string | null;
  unitCost!: string | null;
  actorId!: string | null;
  operationKey!: string | null;
  createdAt!: Date;
  product?: Product;
  warehouse?: Warehouse;

  static override relationMappings = (): RelationMappings => ({
    product: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Product,
      join: { from: 'stock_movements.productId', to: 'products.id' },
    },
    warehouse: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Warehouse,
      join: { from: 'stock_movements.warehouseId', to: 'warehouses.id' },
    },
  });
}

/** An immediate move between two warehouses: its two movements share its id. */
export class StockTransfer extends BaseModel {
  static override tableName = 'stock_transfers';
  id!: string;
  productId!: string;
  fromWarehouseId!: string;
  toWarehouseId!: string;
  quantity!: string;
  reason!: string;
  status!: 'completed';
  actorId!: string | null;
  createdAt!: Date;
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/** A level below its minimum: opened on the crossing, resolved when the level is back (by the ledger). */
export class LowStockAlert extends BaseModel {
  static override tableName = 'low_stock_alerts';
  id!: string;
  productId!: string;
  warehouseId!: string;
  status!: AlertStatus;
  threshold!: string;
  qtyAtOpen!: string;
  openedAt!: Date;
  acknowledgedBy!: string | null;
  acknowledgedAt!: Date | null;
  resolvedAt!: Date | null;
  replenishmentRequestId!: string | null;
  product?: Product;
  warehouse?: Warehouse;
  level?: StockLevel;

  static override relationMappings = (): RelationMappings => ({
    product: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Product,
      join: { from: 'low_stock_alerts.productId', to: 'products.id' },
    },
    warehouse: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Warehouse,
      join: { from: 'low_stock_alerts.warehouseId', to: 'warehouses.id' },
    },
    level: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: StockLevel,
      join: {
        from: ['low_stock_alerts.productId', 'low_stock_alerts.warehouseId'],
        to: ['stock_levels.productId', 'stock_levels.warehouseId'],
      },
    },
  });
}
