import type { components } from '../../api/schema';

export type Product = components['schemas']['Product'];
export type ProductCategory = components['schemas']['ProductCategory'];
export type Vendor = components['schemas']['Vendor'];
export type VendorProduct = components['schemas']['VendorProduct'];
export type Warehouse = components['schemas']['Warehouse'];
