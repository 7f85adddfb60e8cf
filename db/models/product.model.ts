import type { Modifiers, RelationMappings } from 'objection';
import { BaseModel } from './base.model';
import { Vendor } from './vendor.model';

export class ProductCategory extends BaseModel {
  static override tableName = 'product_categories';
  id!: string;
  name!: string;
  parentId!: string | null;
  isActive!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
  parent?: ProductCategory | null;

  static override relationMappings = (): RelationMappings => ({
    parent: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ProductCategory,
      join: { from: 'product_categories.parentId', to: 'product_categories.id' },
    },
  });
}

/** A catalogue item: a stock item gets stock levels and movements, a service item (`isStockItem` false) never does. */
export class Product extends BaseModel {
  static override tableName = 'products';
  id!: string;
  sku!: string;
  name!: string;
  description!: string;
  categoryId!: string | null;
  unit!: string;
  price!: string;
  currency!: string;
  preferredVendorId!: string | null;
  isStockItem!: boolean;
  isActive!: boolean;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  category?: ProductCategory | null;
  preferredVendor?: Vendor | null;

  static override relationMappings = (): RelationMappings => ({
    category: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: ProductCategory,
      join: { from: 'products.categoryId', to: 'product_categories.id' },
    },
    preferredVendor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: Vendor,
      join: { from: 'products.preferredVendorId', to: 'vendors.id' },
    },
  });

  static override modifiers: Modifiers = {
    active(query) {
      query.where('products.isActive', true);
    },
  };
}
