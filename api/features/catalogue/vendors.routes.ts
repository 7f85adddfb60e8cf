import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import {
  exampleVendor,
  exampleVendorProduct,
  newVendorBody,
  newVendorProductBody,
  updateVendorBody,
  updateVendorProductBody,
  vendorProductParams,
  vendorProductSchema,
  vendorSchema,
  vendorsQuery,
} from './catalogue.schemas';
import { presentVendor, presentVendorProduct } from './catalogue.presenter';
import {
  addOffer,
  createVendor,
  deactivateVendor,
  getVendor,
  listOffers,
  listVendors,
  removeOffer,
  updateOffer,
  updateVendor,
} from './vendors';
import { authorizeCatalogueChange } from './catalogue-rules';

/** Vendors and what each offers (inventory.md §1.2, §1.4); read by everyone, changed by procurement (decision 0039). */
export function vendorRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Catalogue'];
  return [
    defineRoute({
      method: 'get',
      path: '/vendors/',
      operationId: 'listVendors',
      scope: 'catalogue:read',
      summary: 'List vendors',
      tags,
      auth: 'user',
      query: vendorsQuery,
      responses: {
        200: {
          description: 'A page of vendors',
          schema: paginated(vendorSchema),
          example: { count: 1, next: null, previous: null, results: [exampleVendor] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, deps.config.publicBaseUrl, await listVendors(db, query), query, presentVendor),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/vendors/',
      operationId: 'createVendor',
      scope: 'catalogue:write',
      summary: 'Create a vendor',
      description: 'Names are unique in the organisation whatever their case (400 on `name`).',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      body: newVendorBody,
      bodyExample: { name: 'Acme Supplies', email: 'orders@acme-supplies.example', payment_terms_days: 30 },
      responses: { 201: { description: 'Created', schema: vendorSchema, example: exampleVendor } },
      handler: async ({ body, db }) => ({
        status: 201,
        body: presentVendor(await createVendor(db, deps.config.defaultCurrency, body)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/vendors/{id}/',
      operationId: 'getVendor',
      scope: 'catalogue:read',
      summary: 'A vendor',
      tags,
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The vendor', schema: vendorSchema, example: exampleVendor } },
      handler: async ({ params, db }) => ({ body: presentVendor(await getVendor(db, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/vendors/{id}/',
      operationId: 'updateVendor',
      scope: 'catalogue:write',
      summary: 'Change a vendor (what is sent; `is_active: true` reactivates it)',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: updateVendorBody,
      bodyExample: { payment_terms_days: 45 },
      responses: { 200: { description: 'The vendor', schema: vendorSchema, example: exampleVendor } },
      handler: async ({ params, body, db }) => ({ body: presentVendor(await updateVendor(db, params.id, body)) }),
    }),
    defineRoute({
      method: 'delete',
      path: '/vendors/{id}/',
      operationId: 'deactivateVendor',
      scope: 'catalogue:write',
      summary: 'Deactivate a vendor (orders and products keep naming it)',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      responses: { 204: { description: 'Deactivated' } },
      handler: async ({ params, db }) => {
        await deactivateVendor(db, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/vendors/{id}/products/',
      operationId: 'listVendorProducts',
      scope: 'catalogue:read',
      summary: 'What a vendor offers: price, least quantity and lead time per product',
      tags,
      auth: 'user',
      params: idParams,
      query: listQuery(['sku'], {}),
      responses: {
        200: {
          description: 'A page of offers, by SKU',
          schema: paginated(vendorProductSchema),
          example: { count: 1, next: null, previous: null, results: [exampleVendorProduct] },
        },
      },
      handler: async ({ params, query, ctx, db }) => ({
        body: presentPage(
          ctx,
          deps.config.publicBaseUrl,
          await listOffers(db, params.id, query),
          query,
          presentVendorProduct,
        ),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/vendors/{id}/products/',
      operationId: 'addVendorProduct',
      scope: 'catalogue:write',
      summary: 'Record what a vendor charges for a product',
      description:
        'One offer per vendor and product (400 on `product` for a second); `currency` defaults to the vendor’s.',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: newVendorProductBody,
      bodyExample: {
        product: '5e4d3c2b-0000-4a1b-8c2d-3e4f5a6b7c8d',
        price: '949.00',
        min_qty: '1',
        lead_time_days: 5,
      },
      responses: { 201: { description: 'Recorded', schema: vendorProductSchema, example: exampleVendorProduct } },
      handler: async ({ params, body, db }) => ({
        status: 201,
        body: presentVendorProduct(await addOffer(db, params.id, body)),
      }),
    }),
    defineRoute({
      method: 'patch',
      path: '/vendors/{id}/products/{product_id}/',
      operationId: 'updateVendorProduct',
      scope: 'catalogue:write',
      summary: 'Change a vendor’s price, least quantity or lead time for a product',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: vendorProductParams,
      body: updateVendorProductBody,
      bodyExample: { price: '939.00', lead_time_days: 4 },
      responses: { 200: { description: 'The offer', schema: vendorProductSchema, example: exampleVendorProduct } },
      handler: async ({ params, body, db }) => ({
        body: presentVendorProduct(await updateOffer(db, params.id, params.product_id, body)),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/vendors/{id}/products/{product_id}/',
      operationId: 'removeVendorProduct',
      scope: 'catalogue:write',
      summary: 'Forget a vendor’s offer for a product',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: vendorProductParams,
      responses: { 204: { description: 'Removed' } },
      handler: async ({ params, db }) => {
        await removeOffer(db, params.id, params.product_id);
        return { status: 204 };
      },
    }),
  ];
}
