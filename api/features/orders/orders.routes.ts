import type { Knex } from 'knex';
import { z } from '../../http/zod';
import { idParams, uuid } from '../../http/common.schemas';
import { money } from '../templates/templates.schemas';
import {
  createOrderBody,
  exampleCreateOrder,
  exampleOrderDetail,
  exampleOrderSummary,
  noteBody,
  orderDetailSchema,
  orderSummarySchema,
  statusChangeBody,
} from './orders.schemas';
import { orderStatuses, type OrderStatus } from '../../../contracts/purchase-orders';
import { commaList, dateBound } from '../../http/query-params';
import { defineRoute, type AnyRoute } from '../../http/route';
import { applyOrdering, listQuery, paginated, pageBody } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';
import { presentOrderDetail, presentOrderSummary } from './orders.presenter';
import { findVisibleOrder, mayManage, orderRights } from './order-access';
import {
  addOrderNote,
  changeOrderStatus,
  createManualOrder,
  mayAddNote,
  mayCreateOrders,
  mayManageOrder,
  type OrderDeps,
} from './order-commands';
import { filteredOrders, loadOrderDetail } from './order-queries';
import { orderWorkflows } from './order-workflow';

const filters = {
  status: commaList(orderStatuses),
  vendor: z.string().trim().min(1).max(200).optional().describe('Case-insensitive part of the vendor name'),
  purchase_request: uuid.optional(),
  date_from: dateBound(false),
  date_to: dateBound(true),
  min_total: money.optional(),
  max_total: money.optional(),
};

export function orderRoutes(deps: AppDeps): AnyRoute[] {
  const workflows = orderWorkflows(deps.temporal);
  const orderDeps: Omit<OrderDeps, 'knex'> = {
    workflows,
    defaultCurrency: deps.config.defaultCurrency,
    confirmTimeoutHours: deps.config.orderConfirmTimeoutHours,
  };
  const detail = async (db: Knex, id: string, principal: Principal) => {
    const rights = await orderRights(db, principal);
    await findVisibleOrder(db, id, principal, rights);
    const order = await loadOrderDetail(db, id);
    const state = order.status === 'pending' ? await workflows.state(id) : null;
    return presentOrderDetail(order, state, mayManage(rights, order));
  };

  return [
    defineRoute({
      method: 'get',
      path: '/orders/',
      operationId: 'listOrders',
      scope: 'orders:read',
      summary: 'List purchase orders',
      description:
        'Procurement officers and finance reviewers see the orders of the teams their scopes cover (a scope without a team: every team), admins every order; a requestor sees the orders of their requests, the creator of a manual order sees it. `search` matches the number and the vendor.',
      tags: ['Purchase orders'],
      auth: 'user',
      query: listQuery(['created_at', 'total', 'number'], filters),
      responses: {
        200: {
          description: 'A page of orders',
          schema: paginated(orderSummarySchema),
          example: { count: 1, next: null, previous: null, results: [exampleOrderSummary] },
        },
      },
      handler: async ({ query, ctx, principal, db }) => {
        const builder = filteredOrders(db, principal, await orderRights(db, principal), query);
        applyOrdering(
          builder,
          query.ordering,
          { created_at: 'purchaseOrders.createdAt', total: 'purchaseOrders.total', number: 'purchaseOrders.number' },
          '-created_at',
          'purchaseOrders.id',
        );
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentOrderSummary) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orders/',
      operationId: 'createOrder',
      scope: 'orders:write',
      idempotent: true,
      audit: 'domain',
      summary: 'Create a purchase order',
      description:
        'Procurement officers and admins. The server computes line totals and the total (a `total` sent by the client is ignored) and numbers the order `PO-<year>-<6 digits>`. The order starts pending; unless confirmed within ORDER_CONFIRM_TIMEOUT_HOURS it is cancelled.',
      tags: ['Purchase orders'],
      auth: 'user',
      body: createOrderBody,
      bodyExample: exampleCreateOrder,
      errors: [403, 503],
      responses: { 201: { description: 'The new order', schema: orderDetailSchema, example: exampleOrderDetail } },
      authorize: ({ principal, db }) => mayCreateOrders(db, principal),
      handler: async ({ body, principal, call, db }) => ({
        status: 201,
        body: await detail(db, await createManualOrder({ ...orderDeps, knex: db }, principal, body, call), principal),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/orders/{id}/',
      operationId: 'getOrder',
      readTransaction: false, // a pending order's deadline comes from its workflow
      scope: 'orders:read',
      summary: 'A purchase order with items, notes, shipments and status history',
      tags: ['Purchase orders'],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The order', schema: orderDetailSchema, example: exampleOrderDetail } },
      handler: async ({ params, principal, db }) => ({ body: await detail(db, params.id, principal) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/orders/{id}/status/',
      operationId: 'changeOrderStatus',
      scope: 'orders:write',
      idempotent: true,
      audit: 'domain',
      summary: 'Change an order’s status',
      description:
        'Procurement officers and admins. pending → confirmed | cancelled; confirmed → processing | cancelled; processing → cancelled (shipping goes through POST /api/shipping/); shipped → delivered. Anything else: 409.',
      tags: ['Purchase orders'],
      auth: 'user',
      params: idParams,
      body: statusChangeBody,
      bodyExample: { status: 'confirmed', note: 'Vendor confirmed by phone' },
      errors: [403, 409, 503],
      responses: {
        200: {
          description: 'The updated order',
          schema: orderDetailSchema,
          example: {
            ...exampleOrderDetail,
            status: 'confirmed' as const,
            confirm_by: null,
            allowed_transitions: ['processing', 'cancelled'] as OrderStatus[],
          },
        },
      },
      authorize: ({ params, principal, db }) => mayManageOrder(db, principal, params.id),
      handler: async ({ params, body, principal, call, db }) => {
        await changeOrderStatus({ ...orderDeps, knex: db }, principal, params.id, body.status, body.note, call);
        return { body: await detail(db, params.id, principal) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orders/{id}/notes/',
      operationId: 'addOrderNote',
      scope: 'orders:write',
      summary: 'Add a note to an order',
      description: 'Procurement officers, admins and the requestor of the order’s request.',
      tags: ['Purchase orders'],
      auth: 'user',
      params: idParams,
      body: noteBody,
      bodyExample: { note: 'Vendor asked for a delivery window' },
      errors: [403],
      responses: {
        201: { description: 'The order with the note', schema: orderDetailSchema, example: exampleOrderDetail },
      },
      authorize: ({ params, principal, db }) => mayAddNote(db, principal, params.id),
      handler: async ({ params, body, principal, db }) => {
        await addOrderNote(db, principal, params.id, body.note);
        return { status: 201, body: await detail(db, params.id, principal) };
      },
    }),
  ];
}
