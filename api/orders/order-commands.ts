import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { OrderState, OrderStatus } from '../../contracts/purchase-orders';
import { OrderNote, PurchaseOrder } from '../../db/models';
import { createOrder } from '../../db/repositories/purchase-orders.repository';
import type { Principal } from '../auth/principal';
import { ConflictError, ForbiddenError } from '../http/errors';
import type { createOrderBody, shipmentBody } from '../schemas/orders.schemas';
import { findVisibleOrder, orderActor, orderRights, requireManager } from './order-access';
import type { OrderWorkflows } from './order-workflow';

export interface OrderDeps {
  knex: Knex;
  workflows: OrderWorkflows;
  defaultCurrency: string;
  confirmTimeoutHours: number;
}

/** A manual order (procurement, admin): the server computes totals; its workflow starts at once. */
export async function createManualOrder(deps: OrderDeps, principal: Principal, body: z.output<typeof createOrderBody>): Promise<string> {
  requireManager(await orderRights(deps.knex, principal));
  const order = await createOrder(
    deps.knex,
    {
      purchaseRequestId: null,
      vendorName: body.vendor_name,
      currency: body.currency ?? deps.defaultCurrency,
      items: body.items.map((item) => ({ description: item.description, quantity: item.quantity, unitPrice: item.unit_price })),
      shippingAddress: body.shipping_address,
      billingAddress: body.billing_address ?? body.shipping_address,
      createdBy: principal.userId,
    },
    `api/order/${randomUUID()}`,
  );
  if (body.note) await OrderNote.query(deps.knex).insert({ orderId: order.id, authorId: principal.userId, note: body.note });
  try {
    await deps.workflows.start(order.id, deps.confirmTimeoutHours);
  } catch (error) {
    // Without its workflow the order could never change: take it back and let the caller retry.
    await PurchaseOrder.query(deps.knex).deleteById(order.id);
    throw error;
  }
  return order.id;
}

const closed: OrderStatus[] = ['delivered', 'cancelled'];

/** PATCH status: the workflow's validator decides the transition (409) and the role (403). */
export async function changeOrderStatus(deps: OrderDeps, principal: Principal, id: string, status: OrderStatus, note?: string): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, id, principal, rights);
  requireManager(rights);
  if (closed.includes(order.status)) throw new ConflictError(`The order is ${order.status}; it cannot change any more.`);
  return deps.workflows.changeStatus(id, { actor: orderActor(principal, rights), status, note });
}

/** POST /api/shipping/: records the shipment and moves the order to shipped, through its workflow. */
export async function shipOrder(deps: OrderDeps, principal: Principal, body: z.output<typeof shipmentBody>): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, body.order_id, principal, rights);
  requireManager(rights);
  if (order.status !== 'processing') throw new ConflictError(`Only an order in processing can ship; this one is ${order.status}.`);
  return deps.workflows.ship(order.id, {
    actor: orderActor(principal, rights),
    note: body.note,
    shipment: {
      carrier: body.carrier,
      serviceType: body.service_type ?? '',
      trackingNumber: body.tracking_number,
      shippingCost: body.shipping_cost ?? '0.00',
      estimatedDelivery: body.estimated_delivery ?? null,
    },
  });
}

/** Notes: procurement, admins, and the requestor of the order's request. */
export async function addOrderNote(knex: Knex, principal: Principal, id: string, note: string): Promise<void> {
  const rights = await orderRights(knex, principal);
  const order = await findVisibleOrder(knex, id, principal, rights);
  const request = order.purchaseRequestId ? await knex('purchaseRequests').where({ id: order.purchaseRequestId }).first('requestorId') : undefined;
  if (!rights.manage && request?.requestorId !== principal.userId) throw new ForbiddenError('Only procurement, administrators and the requestor add notes.');
  await OrderNote.query(knex).insert({ orderId: id, authorId: principal.userId, note });
}
