import { z } from '../../http/zod';
import { booleanQuery, currencyCode, quantity, requiredText, text, timestamp, uuid } from '../../http/common.schemas';
import { listQuery } from '../../http/pagination';
import { money } from '../templates/templates.schemas';

// The catalogue's shapes (inventory.md §1.2 and §1.4; seeds 001 and 003): categories, products,
// vendors with what they charge, warehouses. Ids are UUIDs; money is a decimal string.

const sku = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/,
    'Use letters, digits and . _ / - (at most 64), starting with a letter or digit.',
  );
const unit = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9 ]{0,15}$/, 'Use a short unit such as each, box, kg or m (at most 16 characters).');
const days = z.number().int('Use whole days.').min(0).max(365);

// --- categories -----------------------------------------------------------------------------------

export const categorySchema = z
  .object({ id: uuid, name: z.string(), parent: uuid.nullable(), is_active: z.boolean(), created_at: timestamp })
  .openapi('ProductCategory');
export const newCategoryBody = z.strictObject({ name: requiredText(120), parent: uuid.nullable().optional() });
export const updateCategoryBody = z.strictObject({
  name: requiredText(120).optional(),
  parent: uuid.nullable().optional(),
  is_active: z.boolean().optional(),
});
export const categoriesQuery = listQuery(['name', 'created_at'], {
  search: z.string().trim().min(1).max(120).optional().describe('Part of the name, any case'),
  is_active: booleanQuery,
});
export const exampleCategory = {
  id: '3f1c2b4a-0000-4d5e-8f9a-0b1c2d3e4f5a',
  name: 'Electronics',
  parent: null,
  is_active: true,
  created_at: '2026-01-10T09:00:00.000Z',
};

// --- vendors --------------------------------------------------------------------------------------

export const vendorSchema = z
  .object({
    id: uuid,
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    currency: z.string(),
    payment_terms_days: z.number().int(),
    notes: z.string(),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Vendor');
const vendorFields = {
  name: requiredText(200),
  email: z.string().trim().max(254).email('Enter a valid e-mail address.').nullable().optional(),
  phone: text(40).nullable().optional(),
  website: z
    .string()
    .trim()
    .max(2048)
    .url('Enter an absolute URL.')
    .refine((value) => /^https?:\/\//i.test(value), 'Use an http or https address.')
    .nullable()
    .optional(),
  currency: currencyCode.optional(),
  payment_terms_days: days.optional(),
  notes: text(4000).optional(),
};
export const newVendorBody = z.strictObject(vendorFields);
export const updateVendorBody = z.strictObject({
  ...vendorFields,
  name: vendorFields.name.optional(),
  is_active: z.boolean().optional(),
});
export const vendorsQuery = listQuery(['name', 'created_at'], {
  search: z.string().trim().min(1).max(200).optional().describe('Part of the name or e-mail address, any case'),
  is_active: booleanQuery,
});
export const exampleVendor = {
  id: '7a6b5c4d-0000-4e3f-8a2b-1c0d9e8f7a6b',
  name: 'Acme Supplies',
  email: 'orders@acme-supplies.example',
  phone: '+1 555 0100',
  website: 'https://acme-supplies.example',
  currency: 'USD',
  payment_terms_days: 30,
  notes: '',
  is_active: true,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};

export const vendorProductSchema = z
  .object({
    id: uuid,
    vendor: z.object({ id: uuid, name: z.string() }),
    product: z.object({ id: uuid, sku: z.string(), name: z.string() }),
    vendor_sku: z.string().nullable(),
    price: z.string(),
    currency: z.string(),
    min_qty: z.string(),
    lead_time_days: z.number().int(),
    updated_at: timestamp,
  })
  .openapi('VendorProduct');
export const newVendorProductBody = z.strictObject({
  product: uuid,
  vendor_sku: text(64).nullable().optional(),
  price: money,
  currency: currencyCode.optional(),
  min_qty: quantity.optional(),
  lead_time_days: days.optional(),
});
export const updateVendorProductBody = z.strictObject({
  vendor_sku: text(64).nullable().optional(),
  price: money.optional(),
  currency: currencyCode.optional(),
  min_qty: quantity.optional(),
  lead_time_days: days.optional(),
});
export const vendorProductParams = z.strictObject({ id: uuid, product_id: uuid });

// --- products -------------------------------------------------------------------------------------

export const productSchema = z
  .object({
    id: uuid,
    sku: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string().nullable().describe('The category’s name (seeds 001 and 003)'),
    category_id: uuid.nullable(),
    unit: z.string(),
    price: z.string(),
    currency: z.string(),
    preferred_vendor: z.object({ id: uuid, name: z.string() }).nullable(),
    is_stock_item: z.boolean(),
    is_active: z.boolean(),
    version: z.number().int(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Product');
const productFields = {
  sku,
  name: requiredText(200),
  description: text(4000).optional(),
  category: uuid.nullable().optional().describe('The category’s id'),
  unit: unit.optional(),
  price: money,
  currency: currencyCode.optional(),
  preferred_vendor: uuid.nullable().optional(),
  is_stock_item: z.boolean().optional(),
};
export const newProductBody = z.strictObject(productFields);
export const updateProductBody = z.strictObject({
  ...productFields,
  sku: sku.optional(),
  name: productFields.name.optional(),
  price: money.optional(),
  is_active: z.boolean().optional(),
});
export const productsQuery = listQuery(['name', 'sku', 'price', 'created_at'], {
  search: z.string().trim().min(1).max(200).optional().describe('Part of the name or SKU, any case'),
  sku: z.string().trim().min(1).max(64).optional().describe('The exact SKU, any case'),
  category: z.string().trim().min(1).max(120).optional().describe('A category’s id or its name (any case)'),
  vendor: uuid.optional().describe('The preferred vendor’s id'),
  is_active: booleanQuery,
  is_stock_item: booleanQuery,
  min_price: money.optional(),
  max_price: money.optional(),
});
export const exampleProduct = {
  id: '5e4d3c2b-0000-4a1b-8c2d-3e4f5a6b7c8d',
  sku: 'LAP001',
  name: 'Laptop',
  description: '14-inch, 16 GB',
  category: 'Electronics',
  category_id: exampleCategory.id,
  unit: 'each',
  price: '999.99',
  currency: 'USD',
  preferred_vendor: { id: exampleVendor.id, name: exampleVendor.name },
  is_stock_item: true,
  is_active: true,
  version: 1,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};
export const exampleVendorProduct = {
  id: '1b2c3d4e-0000-4f5a-8b6c-7d8e9f0a1b2c',
  vendor: { id: exampleVendor.id, name: exampleVendor.name },
  product: { id: exampleProduct.id, sku: exampleProduct.sku, name: exampleProduct.name },
  vendor_sku: 'AC-LAP-14',
  price: '949.00',
  currency: 'USD',
  min_qty: '1.000',
  lead_time_days: 5,
  updated_at: '2026-01-10T09:00:00.000Z',
};

// --- warehouses -----------------------------------------------------------------------------------

export const warehouseSchema = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    location: z.string(),
    capacity: z.number().int().nullable(),
    is_active: z.boolean(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('Warehouse');
const warehouseFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'Use letters, digits, - and _ (at most 32).')
    .optional()
    .describe('Made from the name when left out'),
  name: requiredText(120),
  location: text(500).optional(),
  capacity: z.number().int('Use a whole number.').min(0).max(1_000_000_000).nullable().optional(),
  is_active: z.boolean().optional(),
};
export const newWarehouseBody = z.strictObject(warehouseFields);
export const updateWarehouseBody = z.strictObject({ ...warehouseFields, name: warehouseFields.name.optional() });
export const warehousesQuery = listQuery(['name', 'code', 'created_at'], {
  search: z.string().trim().min(1).max(120).optional().describe('Part of the name, code or location, any case'),
  is_active: booleanQuery,
});
export const exampleWarehouse = {
  id: '9c8b7a6d-0000-4c5b-8a4d-3e2f1a0b9c8d',
  code: 'EAST',
  name: 'East Coast Warehouse',
  location: '456 Industrial Blvd, Boston, MA 02101',
  capacity: 5000,
  is_active: true,
  created_at: '2026-01-10T09:00:00.000Z',
  updated_at: '2026-01-10T09:00:00.000Z',
};
