import { z } from '../../http/zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { ForbiddenError } from '../../http/errors';
import { financeReach } from '../orders/order-access';
import { uuid } from '../../http/common.schemas';
import { dashboardMetrics, periods } from './dashboard-metrics';
import { inventoryLevels, stockHeadline } from './inventory-levels';

const metricsSchema = z
  .object({
    period: z.enum(Object.keys(periods) as ['7d', '30d', '90d']),
    since: z.string(),
    requests_by_status: z.record(z.string(), z.number().int()),
    pending_approvals_per_step: z.array(
      z.object({ step_name: z.string(), step_order: z.number().int(), count: z.number().int() }),
    ),
    submit_to_completion_seconds: z.object({
      completed: z.number().int(),
      median: z.number().nullable(),
      p90: z.number().nullable(),
    }),
    orders_by_status: z.record(z.string(), z.number().int()),
    teams: z.array(uuid).nullable().describe('The teams the figures cover; null: every team'),
    webhooks: z
      .object({ succeeded: z.number().int(), failed: z.number().int(), success_rate: z.number().nullable() })
      .nullable()
      .describe('Organisation-wide: null for a reviewer whose scopes cover only some teams'),
    low_stock_items: z.number().int().describe('Stock levels below their minimum now (seed 001)'),
    total_inventory_value: z
      .record(z.string(), z.string())
      .describe('Stock on hand at catalogue prices now, per currency (seed 001)'),
  })
  .openapi('DashboardMetrics');

const money = z.record(z.string(), z.string()).describe('Per currency: on hand × the product’s price');
const inventoryLevelsSchema = z
  .object({
    warehouses: z.array(
      z.object({
        warehouse: z.object({ id: uuid, code: z.string(), name: z.string() }),
        levels: z.number().int(),
        low_stock_items: z.number().int(),
        out_of_stock_items: z.number().int(),
        value: money,
      }),
    ),
    totals: z.object({
      levels: z.number().int(),
      low_stock_items: z.number().int(),
      out_of_stock_items: z.number().int(),
      value: money,
    }),
  })
  .openapi('InventoryLevels');

export function dashboardRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/dashboard/metrics/',
      operationId: 'dashboardMetrics',
      scope: 'audit:read',
      summary: 'Procurement figures over a period',
      description:
        'Admins and finance reviewers (API tokens: `audit:read`). A reviewer whose scopes name teams sees those teams’ figures (and no webhook figures); a scope without a team covers every team.',
      tags: ['Dashboard'],
      auth: 'user',
      query: z.strictObject({ period: z.enum(['7d', '30d', '90d']).default('30d') }),
      responses: {
        200: {
          description: 'The figures',
          schema: metricsSchema,
          example: {
            period: '30d',
            since: '2026-01-01T00:00:00.000Z',
            requests_by_status: { COMPLETED: 12, IN_REVIEW: 3, DRAFT: 2 },
            pending_approvals_per_step: [{ step_name: 'Manager Approval', step_order: 1, count: 2 }],
            submit_to_completion_seconds: { completed: 12, median: 86400, p90: 259200 },
            orders_by_status: { delivered: 8, shipped: 2 },
            teams: null,
            webhooks: { succeeded: 120, failed: 2, success_rate: 0.9836 },
            low_stock_items: 1,
            total_inventory_value: { USD: '75000.00' },
          },
        },
      },
      authorize: async ({ principal, db }) => {
        if (!(await financeReach(db, principal)))
          throw new ForbiddenError('The dashboard is for administrators and finance reviewers.');
      },
      handler: async ({ query, principal, db }) => ({
        body: {
          ...(await dashboardMetrics(db, query.period, (await financeReach(db, principal)) ?? [])),
          ...(await stockHeadline(db)),
        },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/dashboard/inventory-levels/',
      operationId: 'inventoryLevels',
      scope: 'inventory:read',
      summary: 'Stock per warehouse: levels, low and empty ones, value (seed 001)',
      description:
        'Every open warehouse with how many stock levels it holds, how many are below their minimum (empty ones included) or empty, and the stock’s value at catalogue prices, per currency; then the totals. Read by everyone who reads stock.',
      tags: ['Dashboard'],
      auth: 'user',
      responses: {
        200: {
          description: 'The figures',
          schema: inventoryLevelsSchema,
          example: {
            warehouses: [
              {
                warehouse: { id: '9c8b7a6d-0000-4c5b-8a4d-3e2f1a0b9c8d', code: 'EAST', name: 'East Coast Warehouse' },
                levels: 2,
                low_stock_items: 1,
                out_of_stock_items: 0,
                value: { USD: '4511.97' },
              },
            ],
            totals: { levels: 2, low_stock_items: 1, out_of_stock_items: 0, value: { USD: '4511.97' } },
          },
        },
      },
      handler: async ({ db }) => ({ body: await inventoryLevels(db) }),
    }),
  ];
}
