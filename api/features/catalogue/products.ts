import type { Knex } from 'knex';
import { Product, ProductCategory, Vendor } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import { isUuid } from '../../../lib/is-uuid';
import { NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { assertActive, assertFree } from './catalogue-rules';

const TAKEN = 'A product with this SKU exists.';

export interface ProductFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  sku?: string;
  category?: string;
  vendor?: string;
  is_active?: boolean;
  is_stock_item?: boolean;
  min_price?: string;
  max_price?: string;
}

export interface ProductFields {
  sku?: string;
  name?: string;
  description?: string;
  category?: string | null;
  unit?: string;
  price?: string;
  currency?: string;
  preferred_vendor?: string | null;
  is_stock_item?: boolean;
  is_active?: boolean;
}

const withNames = (knex: Knex) => Product.query(knex).withGraphJoined('[category, preferredVendor]');

/** Seed 001/003's filters; `category` is an id or a name, `search` a part of the name or SKU. */
export async function listProducts(knex: Knex, query: ProductFilters): Promise<Page<Product>> {
  const builder = withNames(knex);
  if (query.is_active !== undefined) builder.where('products.isActive', query.is_active);
  if (query.is_stock_item !== undefined) builder.where('products.isStockItem', query.is_stock_item);
  if (query.sku) builder.whereRaw('lower(products.sku) = lower(?)', [query.sku]);
  if (query.vendor) builder.where('products.preferredVendorId', query.vendor);
  if (query.min_price) builder.where('products.price', '>=', query.min_price);
  if (query.max_price) builder.where('products.price', '<=', query.max_price);
  if (query.category) {
    // By id or by name; a subquery, not the joined alias, so the page's count query can use it too.
    const category = query.category;
    if (isUuid(category)) builder.where('products.categoryId', category);
    else
      builder.whereIn(
        'products.categoryId',
        ProductCategory.query(knex).select('id').whereRaw('lower(name) = lower(?)', [category]),
      );
  }
  if (query.search) {
    const pattern = containsPattern(query.search);
    builder.where((where) => {
      where.whereILike('products.name', pattern).orWhereILike('products.sku', pattern);
    });
  }
  applyOrdering(
    builder,
    query.ordering,
    { name: 'products.name', sku: 'products.sku', price: 'products.price', created_at: 'products.createdAt' },
    'name',
    'products.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function getProduct(knex: Knex, id: string): Promise<Product> {
  const product = await withNames(knex).findById(id);
  if (!product) throw new NotFoundError();
  return product;
}

export async function createProduct(
  knex: Knex,
  defaultCurrency: string,
  body: ProductFields & { sku: string; name: string; price: string },
): Promise<Product> {
  await assertFree(knex, Product, 'sku', body.sku, 'sku', TAKEN);
  await assertReferences(knex, body);
  const { id } = await Product.query(knex).insert({
    sku: body.sku,
    name: body.name,
    description: body.description ?? '',
    categoryId: body.category ?? null,
    unit: body.unit ?? 'each',
    price: body.price,
    currency: body.currency ?? defaultCurrency,
    preferredVendorId: body.preferred_vendor ?? null,
    isStockItem: body.is_stock_item ?? true,
  });
  return getProduct(knex, id);
}

/** Changes what was sent; every change counts the version up (a later stale-read guard compares it). */
export async function updateProduct(knex: Knex, id: string, body: ProductFields): Promise<Product> {
  await getProduct(knex, id);
  await assertFree(knex, Product, 'sku', body.sku, 'sku', TAKEN, id);
  await assertReferences(knex, body);
  await Product.query(knex)
    .findById(id)
    .patch({
      ...definedOnly({
        sku: body.sku,
        name: body.name,
        description: body.description,
        categoryId: body.category,
        unit: body.unit,
        price: body.price,
        currency: body.currency,
        preferredVendorId: body.preferred_vendor,
        isStockItem: body.is_stock_item,
        isActive: body.is_active,
      }),
      version: Product.raw('version + 1'),
      updatedAt: new Date(),
    });
  return getProduct(knex, id);
}

/** DELETE deactivates: requests, orders and (later) stock movements keep pointing at the product. */
export async function deactivateProduct(knex: Knex, id: string): Promise<void> {
  const changed = await Product.query(knex)
    .findById(id)
    .patch({ isActive: false, version: Product.raw('version + 1'), updatedAt: new Date() });
  if (!changed) throw new NotFoundError();
}

async function assertReferences(knex: Knex, body: ProductFields): Promise<void> {
  await assertActive(knex, ProductCategory, body.category, 'category', 'category');
  await assertActive(knex, Vendor, body.preferred_vendor, 'preferred_vendor', 'vendor');
}
