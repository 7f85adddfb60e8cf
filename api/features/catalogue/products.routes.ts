import { z } from '../../http/zod';
import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import {
  categoriesQuery,
  categorySchema,
  exampleCategory,
  exampleProduct,
  newCategoryBody,
  newProductBody,
  productSchema,
  productsQuery,
  updateCategoryBody,
  updateProductBody,
} from './catalogue.schemas';
import { presentCategory, presentProduct } from './catalogue.presenter';
import { createCategory, listCategories, updateCategory } from './categories';
import { createProduct, deactivateProduct, getProduct, listProducts, updateProduct } from './products';
import { authorizeCatalogueChange } from './catalogue-rules';

/**
 * Products and their categories (inventory.md §1.4; seeds 001 and 003). Everyone signed in reads
 * them; procurement officers and administrators change them (decision 0039). Seed 003's
 * `/products/create/`, `/products/{id}/update/` and `/products/{id}/delete/` answer too.
 */
export function productRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Catalogue'];
  const replaceBody = newProductBody.extend({ is_active: z.boolean().optional() });
  const create = (operationId: string, path: string, summary: string) =>
    defineRoute({
      method: 'post',
      path,
      operationId,
      scope: 'catalogue:write',
      summary,
      description:
        'The SKU is unique in the organisation whatever its case (400 on `sku`). `currency` defaults to the deployment’s; a service item (`is_stock_item: false`) never has stock.',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      body: newProductBody,
      bodyExample: { sku: 'LAP001', name: 'Laptop', price: '999.99', unit: 'each' },
      responses: { 201: { description: 'Created', schema: productSchema, example: exampleProduct } },
      handler: async ({ body, db }) => ({
        status: 201,
        body: presentProduct(await createProduct(db, deps.config.defaultCurrency, body)),
      }),
    });
  const deactivate = (operationId: string, path: string) =>
    defineRoute({
      method: 'delete',
      path,
      operationId,
      scope: 'catalogue:write',
      summary: 'Deactivate a product (it stays on the requests and orders that name it)',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      responses: { 204: { description: 'Deactivated' } },
      handler: async ({ params, db }) => {
        await deactivateProduct(db, params.id);
        return { status: 204 };
      },
    });

  return [
    defineRoute({
      method: 'get',
      path: '/products/categories/',
      operationId: 'listProductCategories',
      scope: 'catalogue:read',
      summary: 'List product categories',
      tags,
      auth: 'user',
      query: categoriesQuery,
      responses: {
        200: {
          description: 'A page of categories',
          schema: paginated(categorySchema),
          example: { count: 1, next: null, previous: null, results: [exampleCategory] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, deps.config.publicBaseUrl, await listCategories(db, query), query, presentCategory),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/products/categories/',
      operationId: 'createProductCategory',
      scope: 'catalogue:write',
      summary: 'Create a product category',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      body: newCategoryBody,
      bodyExample: { name: 'Electronics' },
      responses: { 201: { description: 'Created', schema: categorySchema, example: exampleCategory } },
      handler: async ({ body, db }) => ({ status: 201, body: presentCategory(await createCategory(db, body)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/products/categories/{id}/',
      operationId: 'updateProductCategory',
      scope: 'catalogue:write',
      summary: 'Rename, move or (de)activate a product category',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: updateCategoryBody,
      bodyExample: { name: 'Computers' },
      responses: { 200: { description: 'The category', schema: categorySchema, example: exampleCategory } },
      handler: async ({ params, body, db }) => ({ body: presentCategory(await updateCategory(db, params.id, body)) }),
    }),
    create('createProductV1', '/products/create/', 'Create a product (seed 003’s path)'),
    defineRoute({
      method: 'get',
      path: '/products/',
      operationId: 'listProducts',
      scope: 'catalogue:read',
      summary: 'List products',
      description:
        '`search` matches a part of the name or SKU; `category` takes a category’s id or its name; `vendor` is the preferred vendor’s id; prices are inclusive bounds.',
      tags,
      auth: 'user',
      query: productsQuery,
      responses: {
        200: {
          description: 'A page of products',
          schema: paginated(productSchema),
          example: { count: 1, next: null, previous: null, results: [exampleProduct] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, deps.config.publicBaseUrl, await listProducts(db, query), query, presentProduct),
      }),
    }),
    create('createProduct', '/products/', 'Create a product'),
    defineRoute({
      method: 'get',
      path: '/products/{id}/',
      operationId: 'getProduct',
      scope: 'catalogue:read',
      summary: 'A product',
      tags,
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The product', schema: productSchema, example: exampleProduct } },
      handler: async ({ params, db }) => ({ body: presentProduct(await getProduct(db, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/products/{id}/',
      operationId: 'updateProduct',
      scope: 'catalogue:write',
      summary: 'Change a product (what is sent)',
      description: 'Each change counts `version` up. `is_active: true` reactivates a product.',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: updateProductBody,
      bodyExample: { price: '949.00' },
      responses: { 200: { description: 'The product', schema: productSchema, example: exampleProduct } },
      handler: async ({ params, body, db }) => ({ body: presentProduct(await updateProduct(db, params.id, body)) }),
    }),
    defineRoute({
      method: 'put',
      path: '/products/{id}/update/',
      operationId: 'replaceProductV1',
      scope: 'catalogue:write',
      summary: 'Replace a product (seed 003’s path: every field sent)',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: replaceBody,
      bodyExample: { sku: 'LAP001', name: 'Laptop 14"', price: '949.00' },
      responses: { 200: { description: 'The product', schema: productSchema, example: exampleProduct } },
      handler: async ({ params, body, db }) => ({
        body: presentProduct(
          await updateProduct(db, params.id, {
            description: '',
            category: null,
            unit: 'each',
            preferred_vendor: null,
            is_stock_item: true,
            ...body,
          }),
        ),
      }),
    }),
    deactivate('deactivateProduct', '/products/{id}/'),
    deactivate('deactivateProductV1', '/products/{id}/delete/'),
  ];
}
