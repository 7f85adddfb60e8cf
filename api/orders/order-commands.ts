import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { OrderState, OrderStatus } from '../../contracts/purchase-orders';
import { OrderNote } from '../../db/models';
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

/** A manual order (procurement, admin): its workflow stores it and numbers it; the server computes totals. */
export async function createManualOrder(deps: OrderDeps, principal: Principal, body: z.output<typeof createOrderBody>): Promise<string> {
  requireManager(await orderRights(deps.knex, principal));
  const order = await deps.workflows.open(randomUUID(), deps.confirmTimeoutHours, {
    vendorName: body.vendor_name,
    currency: body.currency ?? deps.defaultCurrency,
    items: body.items.map((item) => ({ description: item.description, quantity: item.quantity, unitPrice: item.unit_price })),
    shippingAddress: body.shipping_address,
    billingAddress: body.billing_address ?? body.shipping_address,
    createdBy: principal.userId,
    note: body.note,
  });
  return order.id;
}

export const closedOrderStatuses: OrderStatus[] = ['delivered', 'cancelled'];

/** PATCH status: the workflow's validator decides the transition (409) and the role (403). */
export async function changeOrderStatus(deps: OrderDeps, principal: Principal, id: string, status: OrderStatus, note?: string): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, id, principal, rights);
  requireManager(rights);
  if (closedOrderStatuses.includes(order.status)) throw new ConflictError(`The order is ${order.status}; it cannot change any more.`);
  return withRunningWorkflow(() => deps.workflows.changeStatus(id, { actor: orderActor(principal, rights), status, note }));
}

/** An order whose workflow is not there (yet, or any more) cannot change: 409, not 404. */
export async function withRunningWorkflow<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new ConflictError('This order cannot change right now; reload it and try again.');
    throw error;
  }
}

/** POST /api/shipping/: records the shipment and moves the order to shipped, through its workflow. */
export async function shipOrder(deps: OrderDeps, principal: Principal, body: z.output<typeof shipmentBody>): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, body.order_id, principal, rights);
  requireManager(rights);
  if (order.status !== 'processing') throw new ConflictError(`Only an order in processing can ship; this one is ${order.status}.`);
  return withRunningWorkflow(() => deps.workflows.ship(order.id, {
    actor: orderActor(principal, rights),
    note: body.note,
    shipment: {
      carrier: body.carrier,
      serviceType: body.service_type ?? '',
      trackingNumber: body.tracking_number,
      shippingCost: body.shipping_cost ?? '0.00',
      estimatedDelivery: body.estimated_delivery ?? null,
    },
  }));
}

/** Notes: procurement, admins, and the requestor of the order's request. */
export async function addOrderNote(knex: Knex, principal: Principal, id: string, note: string): Promise<void> {
  const rights = await orderRights(knex, principal);
  const order = await findVisibleOrder(knex, id, principal, rights);
  const request = order.purchaseRequestId ? await knex('purchaseRequests').where({ id: order.purchaseRequestId }).first('requestorId') : undefined;
  if (!rights.manage && request?.requestorId !== principal.userId) throw new ForbiddenError('Only procurement, administrators and the requestor add notes.');
  await OrderNote.query(knex).insert({ orderId: id, authorId: principal.userId, note });
}
