import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Product } from './product.model';

export class Vendor extends BaseModel {
  static override tableName = 'vendors';
  id!: string;
  name!: string;
  email!: string | null;
  phone!: string | null;
  website!: string | null;
  currency!: string;
  paymentTermsDays!: number;
  notes!: string;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

/** What one vendor charges for one product, its least order quantity and how many days it takes to arrive. */
export class VendorProduct extends BaseModel {
  static override tableName = 'vendor_products';
  id!: string;
  vendorId!: string;
  productId!: string;
  vendorSku!: string | null;
  price!: string;
  currency!: string;
  minQty!: string;
  leadTimeDays!: number;
  createdAt!: Date;
  updatedAt!: Date;
  product?: Product;
  vendor?: Vendor;

  static override relationMappings = (): RelationMappings => ({
    product: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Product,
      join: { from: 'vendor_products.productId', to: 'products.id' },
    },
    vendor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Vendor,
      join: { from: 'vendor_products.vendorId', to: 'vendors.id' },
    },
  });
}
