import type { Knex } from 'knex';
import { Product, Vendor, VendorProduct } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { definedOnly } from '../../../lib/defined-only';
import { NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { assertActive, assertFree } from './catalogue-rules';

const TAKEN = 'A vendor with this name exists.';

export interface VendorFields {
  name?: string;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  currency?: string;
  payment_terms_days?: number;
  notes?: string;
  is_active?: boolean;
}

export interface OfferFields {
  vendor_sku?: string | null;
  price?: string;
  currency?: string;
  min_qty?: string;
  lead_time_days?: number;
}

export async function listVendors(
  knex: Knex,
  query: { page: number; page_size: number; ordering?: string; search?: string; is_active?: boolean },
): Promise<Page<Vendor>> {
  const builder = Vendor.query(knex);
  if (query.is_active !== undefined) builder.where('vendors.isActive', query.is_active);
  if (query.search) {
    const pattern = containsPattern(query.search);
    builder.where((where) => {
      where.whereILike('vendors.name', pattern).orWhereILike('vendors.email', pattern);
    });
  }
  applyOrdering(
    builder,
    query.ordering,
    { name: 'vendors.name', created_at: 'vendors.createdAt' },
    'name',
    'vendors.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

export async function getVendor(knex: Knex, id: string): Promise<Vendor> {
  const vendor = await Vendor.query(knex).findById(id);
  if (!vendor) throw new NotFoundError();
  return vendor;
}

export async function createVendor(
  knex: Knex,
  defaultCurrency: string,
  body: VendorFields & { name: string },
): Promise<Vendor> {
  await assertFree(knex, Vendor, 'name', body.name, 'name', TAKEN);
  return Vendor.query(knex).insertAndFetch({
    name: body.name,
    email: body.email ?? null,
    phone: body.phone ?? null,
    website: body.website ?? null,
    currency: body.currency ?? defaultCurrency,
    paymentTermsDays: body.payment_terms_days ?? 30,
    notes: body.notes ?? '',
  });
}

export async function updateVendor(knex: Knex, id: string, body: VendorFields): Promise<Vendor> {
  await getVendor(knex, id);
  await assertFree(knex, Vendor, 'name', body.name, 'name', TAKEN, id);
  return Vendor.query(knex).patchAndFetchById(id, {
    ...definedOnly({
      name: body.name,
      email: body.email,
      phone: body.phone,
      website: body.website,
      currency: body.currency,
      paymentTermsDays: body.payment_terms_days,
      notes: body.notes,
      isActive: body.is_active,
    }),
    updatedAt: new Date(),
  });
}

/** DELETE deactivates: orders, bills and products keep naming the vendor. */
export async function deactivateVendor(knex: Knex, id: string): Promise<void> {
  const changed = await Vendor.query(knex).findById(id).patch({ isActive: false, updatedAt: new Date() });
  if (!changed) throw new NotFoundError();
}

const offers = (knex: Knex) => VendorProduct.query(knex).withGraphJoined('[vendor, product]');

/** What a vendor offers: its products with its price, least quantity and lead time, by SKU. */
export async function listOffers(
  knex: Knex,
  vendorId: string,
  query: { page: number; page_size: number; ordering?: string },
): Promise<Page<VendorProduct>> {
  await getVendor(knex, vendorId);
  const direction = query.ordering === '-sku' ? 'desc' : 'asc';
  const builder = offers(knex).where('vendorProducts.vendorId', vendorId);
  builder.orderBy('product.sku', direction).orderBy('vendorProducts.id', direction);
  return fetchPage(builder, query.page, query.page_size);
}

export async function addOffer(
  knex: Knex,
  vendorId: string,
  body: OfferFields & { product: string; price: string },
): Promise<VendorProduct> {
  const vendor = await getVendor(knex, vendorId);
  await assertActive(knex, Product, body.product, 'product', 'product');
  if (await VendorProduct.query(knex).findOne({ vendorId, productId: body.product }))
    throw ValidationError.field('product', 'This vendor already offers this product: change that offer instead.');
  const { id } = await VendorProduct.query(knex).insert({
    vendorId,
    productId: body.product,
    vendorSku: body.vendor_sku ?? null,
    price: body.price,
    currency: body.currency ?? vendor.currency,
    minQty: body.min_qty ?? '1.000',
    leadTimeDays: body.lead_time_days ?? 0,
  });
  return (await offers(knex).findById(id)) as VendorProduct;
}

export async function updateOffer(
  knex: Knex,
  vendorId: string,
  productId: string,
  body: OfferFields,
): Promise<VendorProduct> {
  const offer = await VendorProduct.query(knex).findOne({ vendorId, productId });
  if (!offer) throw new NotFoundError();
  await VendorProduct.query(knex)
    .findById(offer.id)
    .patch({
      ...definedOnly({
        vendorSku: body.vendor_sku,
        price: body.price,
        currency: body.currency,
        minQty: body.min_qty,
        leadTimeDays: body.lead_time_days,
      }),
      updatedAt: new Date(),
    });
  return (await offers(knex).findById(offer.id)) as VendorProduct;
}

export async function removeOffer(knex: Knex, vendorId: string, productId: string): Promise<void> {
  const removed = await VendorProduct.query(knex).delete().where({ vendorId, productId });
  if (!removed) throw new NotFoundError();
}
