import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import {
  exampleWarehouse,
  newWarehouseBody,
  updateWarehouseBody,
  warehouseSchema,
  warehousesQuery,
} from './catalogue.schemas';
import { presentWarehouse } from './catalogue.presenter';
import { createWarehouse, getWarehouse, listWarehouses, updateWarehouse } from './warehouses';
import { authorizeCatalogueChange } from './catalogue-rules';

/** Seed 001's warehouses; read by everyone, changed by procurement and administrators (decision 0039). */
export function warehouseRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Catalogue'];
  return [
    defineRoute({
      method: 'get',
      path: '/warehouses/',
      operationId: 'listWarehouses',
      scope: 'catalogue:read',
      summary: 'List warehouses',
      tags,
      auth: 'user',
      query: warehousesQuery,
      responses: {
        200: {
          description: 'A page of warehouses',
          schema: paginated(warehouseSchema),
          example: { count: 1, next: null, previous: null, results: [exampleWarehouse] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, deps.config.publicBaseUrl, await listWarehouses(db, query), query, presentWarehouse),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/warehouses/',
      operationId: 'createWarehouse',
      scope: 'catalogue:write',
      summary: 'Create a warehouse',
      description:
        'Codes are unique in the organisation whatever their case; without one, a code is made from the name.',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      body: newWarehouseBody,
      bodyExample: {
        name: 'East Coast Warehouse',
        location: '456 Industrial Blvd, Boston, MA 02101',
        capacity: 5000,
        is_active: true,
      },
      responses: { 201: { description: 'Created', schema: warehouseSchema, example: exampleWarehouse } },
      handler: async ({ body, db }) => ({ status: 201, body: presentWarehouse(await createWarehouse(db, body)) }),
    }),
    defineRoute({
      method: 'get',
      path: '/warehouses/{id}/',
      operationId: 'getWarehouse',
      scope: 'catalogue:read',
      summary: 'A warehouse',
      tags,
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The warehouse', schema: warehouseSchema, example: exampleWarehouse } },
      handler: async ({ params, db }) => ({ body: presentWarehouse(await getWarehouse(db, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/warehouses/{id}/',
      operationId: 'updateWarehouse',
      scope: 'catalogue:write',
      summary: 'Change a warehouse (`is_active: false` closes it)',
      tags,
      auth: 'user',
      authorize: authorizeCatalogueChange,
      params: idParams,
      body: updateWarehouseBody,
      bodyExample: { capacity: 6000 },
      responses: { 200: { description: 'The warehouse', schema: warehouseSchema, example: exampleWarehouse } },
      handler: async ({ params, body, db }) => ({
        body: presentWarehouse(await updateWarehouse(db, params.id, body)),
      }),
    }),
  ];
}
