import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { paginated, presentPage } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { authorizeStockChange } from '../inventory/inventory-rules';
import { cancelSaleBody, exampleSale, newSaleBody, saleSchema, salesQuery } from './sales.schemas';
import { presentSale } from './sales.presenter';
import { cancelSale, createSale, getSale, listSales } from './sales';

/**
 * Seed 003's sales (decision 0042): stock issued to customers through the ledger. Sales name
 * customers, so reading them, like making them, is for procurement officers and administrators.
 * Seed 003's `/sales/create/` answers too.
 */
export function salesRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Sales'];
  const create = (operationId: string, path: string) =>
    defineRoute({
      method: 'post',
      path,
      operationId,
      scope: 'inventory:write',
      summary: 'Record a sale: its stock leaves the warehouse',
      description:
        'Every stock line issues its quantity from the warehouse as a `sale` movement, in one transaction: stock that is short refuses the whole sale with 409 `insufficient-stock`, naming what is on hand, and nothing is written. Prices default to the catalogue’s; the total is the sum of the lines.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      idempotent: true,
      body: newSaleBody,
      bodyExample: {
        customer_name: 'Initech',
        customer_email: 'purchasing@initech.example',
        warehouse_id: exampleSale.warehouse.id,
        lines: [{ product_id: exampleSale.lines[0]!.product.id, quantity: '2' }],
      },
      responses: { 201: { description: 'Recorded', schema: saleSchema, example: exampleSale } },
      errors: [409],
      handler: async ({ body, db, principal }) => ({
        status: 201,
        body: presentSale(await createSale(db, principal, deps.config.defaultCurrency, body)),
      }),
    });
  return [
    defineRoute({
      method: 'get',
      path: '/sales/',
      operationId: 'listSales',
      scope: 'inventory:read',
      summary: 'List sales',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      query: salesQuery,
      responses: {
        200: {
          description: 'A page of sales',
          schema: paginated(saleSchema),
          example: { count: 1, next: null, previous: null, results: [exampleSale] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, deps.config.publicBaseUrl, await listSales(db, query), query, presentSale),
      }),
    }),
    create('createSale', '/sales/'),
    create('createSaleSeed003', '/sales/create/'),
    defineRoute({
      method: 'get',
      path: '/sales/{id}/',
      operationId: 'getSale',
      scope: 'inventory:read',
      summary: 'A sale with its lines',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      params: idParams,
      responses: { 200: { description: 'The sale', schema: saleSchema, example: exampleSale } },
      handler: async ({ params, db }) => ({ body: presentSale(await getSale(db, params.id)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/sales/{id}/cancel/',
      operationId: 'cancelSale',
      scope: 'inventory:write',
      summary: 'Cancel a sale: its stock goes back',
      description:
        'Each stock line comes back to the warehouse as a `sale_reversal` movement; the sale stays, cancelled, with who, when and `reason`. A cancelled sale answers 409.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      idempotent: true,
      params: idParams,
      body: cancelSaleBody,
      bodyExample: { reason: 'Customer returned the goods unopened' },
      responses: {
        200: {
          description: 'The sale',
          schema: saleSchema,
          example: {
            ...exampleSale,
            status: 'cancelled',
            cancelled_at: '2026-01-16T09:00:00.000Z',
            cancel_reason: 'Customer returned the goods unopened',
          },
        },
      },
      errors: [409],
      handler: async ({ params, body, db, principal }) => ({
        body: presentSale(await cancelSale(db, principal, params.id, body.reason)),
      }),
    }),
  ];
}
