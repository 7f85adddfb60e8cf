import type { Product, ProductCategory, Vendor, VendorProduct, Warehouse } from '../../../db/models';
import { isoTime as iso } from '../../http/iso';

// What the catalogue looks like to callers (snake_case, ISO times, money and quantities as strings).

export const presentCategory = (category: ProductCategory) => ({
  id: category.id,
  name: category.name,
  parent: category.parentId,
  is_active: category.isActive,
  created_at: iso(category.createdAt),
});

export const presentVendor = (vendor: Vendor) => ({
  id: vendor.id,
  name: vendor.name,
  email: vendor.email,
  phone: vendor.phone,
  website: vendor.website,
  currency: vendor.currency,
  payment_terms_days: vendor.paymentTermsDays,
  notes: vendor.notes,
  is_active: vendor.isActive,
  created_at: iso(vendor.createdAt),
  updated_at: iso(vendor.updatedAt),
});

/** A product with its category's name and its preferred vendor (both fetched with it). */
export const presentProduct = (product: Product) => ({
  id: product.id,
  sku: product.sku,
  name: product.name,
  description: product.description,
  category: product.category?.name ?? null,
  category_id: product.categoryId,
  unit: product.unit,
  price: product.price,
  currency: product.currency,
  preferred_vendor: product.preferredVendor
    ? { id: product.preferredVendor.id, name: product.preferredVendor.name }
    : null,
  is_stock_item: product.isStockItem,
  is_active: product.isActive,
  version: product.version,
  created_at: iso(product.createdAt),
  updated_at: iso(product.updatedAt),
});

/** A vendor's offer for a product (`vendor` and `product` fetched with it). */
export const presentVendorProduct = (offer: VendorProduct) => ({
  id: offer.id,
  vendor: { id: offer.vendorId, name: offer.vendor?.name ?? '' },
  product: { id: offer.productId, sku: offer.product?.sku ?? '', name: offer.product?.name ?? '' },
  vendor_sku: offer.vendorSku,
  price: offer.price,
  currency: offer.currency,
  min_qty: offer.minQty,
  lead_time_days: offer.leadTimeDays,
  updated_at: iso(offer.updatedAt),
});

export const presentWarehouse = (warehouse: Warehouse) => ({
  id: warehouse.id,
  code: warehouse.code,
  name: warehouse.name,
  location: warehouse.location,
  capacity: warehouse.capacity,
  is_active: warehouse.isActive,
  created_at: iso(warehouse.createdAt),
  updated_at: iso(warehouse.updatedAt),
});
