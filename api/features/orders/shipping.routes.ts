import type { Knex } from 'knex';
import { z } from '../../http/zod';
import { idParams, uuid } from '../../http/common.schemas';
import { exampleShipment, shipmentBody, shipmentSchema } from './orders.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { applyOrdering, listQuery, paginated, pageBody } from '../../http/pagination';
import { NotFoundError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import type { Principal } from '../../auth/principal';

import { presentShipment } from './orders.presenter';
import { orderRights } from './order-access';
import { mayCreateOrders, shipOrder } from './order-commands';
import { visibleShipments } from './order-queries';
import { orderWorkflows } from './order-workflow';

export function shippingRoutes(deps: AppDeps): AnyRoute[] {
  const workflows = orderWorkflows(deps.temporal);
  const orderDeps = {
    workflows,
    defaultCurrency: deps.config.defaultCurrency,
    confirmTimeoutHours: deps.config.orderConfirmTimeoutHours,
  };
  const findShipment = async (db: Knex, id: string, principal: Principal) => {
    const shipment = await visibleShipments(db, principal, await orderRights(db, principal), {})
      .where('shipments.id', id)
      .first();
    if (!shipment) throw new NotFoundError();
    return shipment;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/shipping/',
      operationId: 'listShipments',
      scope: 'orders:read',
      summary: 'List shipments',
      description: 'Shipments of the orders you may see.',
      tags: ['Shipping'],
      auth: 'user',
      query: listQuery(['created_at', 'estimated_delivery'], {
        order: uuid.optional(),
        carrier: z.string().trim().min(1).max(100).optional(),
      }),
      responses: {
        200: {
          description: 'A page of shipments',
          schema: paginated(shipmentSchema),
          example: { count: 1, next: null, previous: null, results: [exampleShipment] },
        },
      },
      handler: async ({ query, ctx, principal, db }) => {
        const builder = visibleShipments(db, principal, await orderRights(db, principal), query);
        applyOrdering(
          builder,
          query.ordering,
          { created_at: 'shipments.createdAt', estimated_delivery: 'shipments.estimatedDelivery' },
          '-created_at',
          'shipments.id',
        );
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentShipment) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/shipping/',
      operationId: 'createShipment',
      scope: 'orders:write',
      idempotent: true,
      audit: 'domain',
      summary: 'Record a shipment; the order moves to shipped',
      description:
        'Procurement officers and admins, for an order in processing (409 otherwise). The requestor is e-mailed.',
      tags: ['Shipping'],
      auth: 'user',
      body: shipmentBody,
      bodyExample: {
        order_id: exampleShipment.order.id,
        carrier: 'UPS',
        service_type: 'Ground',
        tracking_number: '1Z999AA1234567890',
        shipping_cost: '15.99',
        estimated_delivery: '2026-01-20',
      },
      errors: [403, 404, 409, 503],
      responses: { 201: { description: 'The shipment', schema: shipmentSchema, example: exampleShipment } },
      authorize: ({ principal, db }) => mayCreateOrders(db, principal),
      handler: async ({ body, principal, call, db }) => {
        const state = await shipOrder({ ...orderDeps, knex: db }, principal, body, call);
        return { status: 201, body: presentShipment(await findShipment(db, state.shipmentId as string, principal)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/shipping/{id}/',
      operationId: 'getShipment',
      scope: 'orders:read',
      summary: 'A shipment',
      tags: ['Shipping'],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The shipment', schema: shipmentSchema, example: exampleShipment } },
      handler: async ({ params, principal, db }) => ({
        body: presentShipment(await findShipment(db, params.id, principal)),
      }),
    }),
  ];
}
