import { z } from '../../http/zod';
import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { paginated, presentPage } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import {
  alertSchema,
  alertsQuery,
  bulkUpdateBody,
  exampleAlert,
  exampleMovement,
  exampleStockLevel,
  exampleTransfer,
  movementSchema,
  movementsQuery,
  newStockLevelBody,
  stockLevelSchema,
  stockLevelsQuery,
  transferBody,
  transferSchema,
  updateStockLevelBody,
  verifySchema,
} from './inventory.schemas';
import { presentAlert, presentMovement, presentStockLevel, stockLevelEtag } from './inventory.presenter';
import { acknowledgeAlert, listAlerts } from './stock-alerts';
import { authorizeStockChange } from './inventory-rules';
import {
  bulkUpdateStockLevels,
  getStockLevel,
  listStockLevels,
  openStockLevel,
  updateStockLevel,
} from './stock-levels';
import { listMovements, verifyLedger } from './stock-movements';
import { transferStock } from './stock-transfers';

/**
 * Seed 001's inventory (inventory.md §1.4, decision 0040): stock levels, the ledger of movements
 * behind them, transfers and the ledger check. Everyone signed in reads; procurement officers and
 * administrators change stock, and every change is a movement.
 */
export function inventoryRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Inventory'];
  const base = deps.config.publicBaseUrl;
  return [
    defineRoute({
      method: 'get',
      path: '/inventory/items/',
      operationId: 'listStockLevels',
      scope: 'inventory:read',
      summary: 'List stock levels (seed 001’s inventory items)',
      tags,
      auth: 'user',
      query: stockLevelsQuery,
      responses: {
        200: {
          description: 'A page of stock levels',
          schema: paginated(stockLevelSchema),
          example: { count: 1, next: null, previous: null, results: [exampleStockLevel] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, base, await listStockLevels(db, query), query, presentStockLevel),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/inventory/items/',
      operationId: 'openStockLevel',
      scope: 'inventory:write',
      summary: 'Open a stock level for a product in a warehouse',
      description:
        'The opening `quantity` is written as an `opening` movement. A product has one level per warehouse (409 for a second); service items hold no stock (400).',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      idempotent: true,
      body: newStockLevelBody,
      bodyExample: {
        product_id: exampleStockLevel.product.id,
        warehouse_id: exampleStockLevel.warehouse.id,
        quantity: '50',
        min_stock_level: '5',
        max_stock_level: '100',
      },
      responses: { 201: { description: 'Opened', schema: stockLevelSchema, example: exampleStockLevel } },
      errors: [409],
      handler: async ({ body, db, principal }) => {
        const level = await openStockLevel(db, principal, body);
        return { status: 201, body: presentStockLevel(level), headers: { ETag: stockLevelEtag(level) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/inventory/items/{id}/',
      operationId: 'getStockLevel',
      scope: 'inventory:read',
      summary: 'A stock level, with its version as ETag',
      tags,
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The stock level', schema: stockLevelSchema, example: exampleStockLevel } },
      handler: async ({ params, db }) => {
        const level = await getStockLevel(db, params.id);
        return { body: presentStockLevel(level), headers: { ETag: stockLevelEtag(level) } };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/inventory/items/{id}/',
      operationId: 'updateStockLevel',
      scope: 'inventory:write',
      summary: 'Count a stock level again, or change its reorder rule',
      description:
        'A new `quantity` is written as an `adjustment` movement of the difference, under the row lock; `reason` is required with it. Send `If-Match` (the ETag) or `expected_quantity` to be refused with 412, changing nothing, when someone else changed the level since you read it. A count below what was issued is simply a negative adjustment; the level never goes below zero.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      params: idParams,
      body: updateStockLevelBody,
      bodyExample: { quantity: '75', expected_quantity: '50', reason: 'Cycle count', min_stock_level: '10' },
      responses: { 200: { description: 'The stock level', schema: stockLevelSchema, example: exampleStockLevel } },
      errors: [409, 412],
      handler: async ({ params, body, db, principal, ctx }) => {
        const level = await updateStockLevel(db, principal, params.id, body, ctx.get('If-Match') || undefined);
        return { body: presentStockLevel(level), headers: { ETag: stockLevelEtag(level) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/inventory/bulk-update/',
      operationId: 'bulkUpdateStockLevels',
      scope: 'inventory:write',
      summary: 'Change many stock levels at once, all or nothing',
      description:
        'Seed 001’s `{updates: [{id, data}]}`, at most 100 rows; each `data` is a PATCH body. One bad row answers 400 with its index (`updates.3.data.quantity`) and nothing changes. A top-level `reason` is the reason of every row that gives none.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      idempotent: true,
      body: bulkUpdateBody,
      bodyExample: {
        updates: [
          { id: exampleStockLevel.id, data: { quantity: '60' } },
          { id: '4b3c2d1e-0000-4f6a-8b7c-9d0e1f2a3b4c', data: { quantity: '40' } },
        ],
        reason: 'Quarterly count',
      },
      responses: {
        200: {
          description: 'The levels, in the order sent',
          schema: z.object({ results: z.array(stockLevelSchema) }),
          example: { results: [exampleStockLevel] },
        },
      },
      errors: [409],
      handler: async ({ body, db, principal }) => ({
        body: { results: (await bulkUpdateStockLevels(db, principal, body)).map(presentStockLevel) },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/inventory/transfer/',
      operationId: 'transferStock',
      scope: 'inventory:write',
      summary: 'Move stock from one warehouse to another',
      description:
        'Seed 001’s immediate transfer: a `transfer_out` and a `transfer_in` movement with the transfer’s id, in one transaction. Short stock in the source warehouse answers 409 `insufficient-stock` and moves nothing.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      idempotent: true,
      body: transferBody,
      bodyExample: {
        product_id: exampleTransfer.product_id,
        from_warehouse_id: exampleTransfer.from_warehouse_id,
        to_warehouse_id: exampleTransfer.to_warehouse_id,
        quantity: '25',
        reason: 'Rebalancing stock',
      },
      responses: { 201: { description: 'Transferred', schema: transferSchema, example: exampleTransfer } },
      errors: [409],
      handler: async ({ body, db, principal }) => ({ status: 201, body: await transferStock(db, principal, body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/inventory/movements/',
      operationId: 'listStockMovements',
      scope: 'inventory:read',
      summary: 'The stock ledger, newest first',
      tags,
      auth: 'user',
      query: movementsQuery,
      responses: {
        200: {
          description: 'A page of movements',
          schema: paginated(movementSchema),
          example: { count: 1, next: null, previous: null, results: [exampleMovement] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, base, await listMovements(db, query), query, presentMovement),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/inventory/alerts/',
      operationId: 'listLowStockAlerts',
      scope: 'inventory:read',
      summary: 'Low-stock alerts (seed 001)',
      description:
        'An alert opens when a level goes below its minimum (with one `inventory.low_stock` webhook event) and resolves by itself when the level is back at or above it; a level that stays low keeps its one alert.',
      tags,
      auth: 'user',
      query: alertsQuery,
      responses: {
        200: {
          description: 'A page of alerts',
          schema: paginated(alertSchema),
          example: { count: 1, next: null, previous: null, results: [exampleAlert] },
        },
      },
      handler: async ({ query, ctx, db }) => ({
        body: presentPage(ctx, base, await listAlerts(db, query), query, presentAlert),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/inventory/alerts/{id}/acknowledge/',
      operationId: 'acknowledgeLowStockAlert',
      scope: 'inventory:write',
      summary: 'Acknowledge a low-stock alert',
      description:
        'Says someone is on it; the alert still resolves by itself when the stock is back. A resolved alert answers 409.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      params: idParams,
      responses: {
        200: { description: 'The alert', schema: alertSchema, example: { ...exampleAlert, status: 'acknowledged' } },
      },
      errors: [409],
      handler: async ({ params, db, principal }) => ({
        body: presentAlert(await acknowledgeAlert(db, principal, params.id)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/inventory/verify/',
      operationId: 'verifyStockLedger',
      scope: 'inventory:read',
      summary: 'Recompute every stock level from the ledger',
      description:
        'Sums the movements of every level and lists each level whose quantity differs; `consistent` is true when none does.',
      tags,
      auth: 'user',
      authorize: authorizeStockChange,
      responses: {
        200: {
          description: 'The check',
          schema: verifySchema,
          example: { consistent: true, levels: 12, movements: 48, disagreements: [] },
        },
      },
      handler: async ({ db }) => ({ body: await verifyLedger(db) }),
    }),
  ];
}
