import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Product } from './product.model';
import { Warehouse } from './warehouse.model';

/** A sale (seed 003): stock issued from a warehouse to a customer, through `sale` movements. */
export class Sale extends BaseModel {
  static override tableName = 'sales';
  id!: string;
  number!: string;
  customerName!: string;
  customerEmail!: string | null;
  warehouseId!: string;
  currency!: string;
  total!: string;
  status!: 'completed' | 'cancelled';
  notes!: string;
  soldBy!: string | null;
  soldAt!: Date;
  cancelledBy!: string | null;
  cancelledAt!: Date | null;
  cancelReason!: string | null;
  warehouse?: Warehouse;
  lines?: SaleLine[];

  static override relationMappings = (): RelationMappings => ({
    warehouse: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Warehouse,
      join: { from: 'sales.warehouseId', to: 'warehouses.id' },
    },
    lines: {
      relation: BaseModel.HasManyRelation,
      modelClass: SaleLine,
      join: { from: 'sales.id', to: 'sale_lines.saleId' },
    },
  });
}

export class SaleLine extends BaseModel {
  static override tableName = 'sale_lines';
  id!: string;
  saleId!: string;
  lineNo!: number;
  productId!: string;
  quantity!: string;
  unitPrice!: string;
  lineTotal!: string;
  product?: Product;

  static override relationMappings = (): RelationMappings => ({
    product: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Product,
      join: { from: 'sale_lines.productId', to: 'products.id' },
    },
  });
}
