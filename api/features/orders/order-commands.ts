import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { CallContext } from '../../../contracts/call-context';
import type { OrderState, OrderStatus } from '../../../contracts/purchase-orders';
import { OrderNote, Team } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { ConflictError, ForbiddenError, ValidationError } from '../../http/errors';
import type { createOrderBody, shipmentBody } from './orders.schemas';
import { findVisibleOrder, mayManage, orderActor, orderRights, requireManager, requireManagerOf } from './order-access';
import type { OrderWorkflows } from './order-workflow';

export interface OrderDeps {
  knex: Knex;
  workflows: OrderWorkflows;
  defaultCurrency: string;
  confirmTimeoutHours: number;
}

/** A manual order (procurement, admin): its workflow stores it and numbers it; the server computes totals. */
export async function createManualOrder(
  deps: OrderDeps,
  principal: Principal,
  body: z.output<typeof createOrderBody>,
  call?: CallContext,
): Promise<string> {
  const rights = await orderRights(deps.knex, principal);
  requireManager(rights);
  const teamId = body.team ?? null;
  if (teamId && !(await Team.query(deps.knex).findById(teamId).modify('active')))
    throw ValidationError.field('team', 'No active team has this id.');
  if (!mayManage(rights, { teamId })) {
    throw teamId
      ? new ForbiddenError('You manage the orders of other teams than this one.')
      : ValidationError.field(
          'team',
          'Name the team the order is for (your procurement scope covers only some teams).',
        );
  }
  const order = await deps.workflows.open(principal.tenantId, randomUUID(), deps.confirmTimeoutHours, {
    teamId,
    vendorName: body.vendor_name,
    currency: body.currency ?? deps.defaultCurrency,
    items: body.items.map((item) => ({
      description: item.description,
      quantity: item.quantity,
      unitPrice: item.unit_price,
    })),
    shippingAddress: body.shipping_address,
    billingAddress: body.billing_address ?? body.shipping_address,
    createdBy: principal.userId,
    note: body.note,
    call,
  });
  return order.id;
}

export const closedOrderStatuses: OrderStatus[] = ['delivered', 'cancelled'];

/** PATCH status: the workflow's validator decides the transition (409) and the role (403). */
export async function changeOrderStatus(
  deps: OrderDeps,
  principal: Principal,
  id: string,
  status: OrderStatus,
  note?: string,
  call?: CallContext,
): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, id, principal, rights);
  requireManagerOf(rights, order);
  if (closedOrderStatuses.includes(order.status))
    throw new ConflictError(`The order is ${order.status}; it cannot change any more.`);
  return withRunningWorkflow(() =>
    deps.workflows.changeStatus(id, { actor: orderActor(principal, rights, order), status, note, call }),
  );
}

/** An order whose workflow is not there (yet, or any more) cannot change: 409, not 404. */
export async function withRunningWorkflow<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError)
      throw new ConflictError('This order cannot change right now; reload it and try again.');
    throw error;
  }
}

/** POST /api/shipping/: records the shipment and moves the order to shipped, through its workflow. */
export async function shipOrder(
  deps: OrderDeps,
  principal: Principal,
  body: z.output<typeof shipmentBody>,
  call?: CallContext,
): Promise<OrderState> {
  const rights = await orderRights(deps.knex, principal);
  const order = await findVisibleOrder(deps.knex, body.order_id, principal, rights);
  requireManagerOf(rights, order);
  if (order.status !== 'processing')
    throw new ConflictError(`Only an order in processing can ship; this one is ${order.status}.`);
  return withRunningWorkflow(() =>
    deps.workflows.ship(order.id, {
      actor: orderActor(principal, rights, order),
      note: body.note,
      call,
      shipment: {
        carrier: body.carrier,
        serviceType: body.service_type ?? '',
        trackingNumber: body.tracking_number,
        shippingCost: body.shipping_cost ?? '0.00',
        estimatedDelivery: body.estimated_delivery ?? null,
      },
    }),
  );
}

/** Notes: procurement, admins, and the requestor of the order's request. */
export async function addOrderNote(knex: Knex, principal: Principal, id: string, note: string): Promise<void> {
  const rights = await orderRights(knex, principal);
  const order = await findVisibleOrder(knex, id, principal, rights);
  const request = order.purchaseRequestId
    ? await knex('purchaseRequests').where({ id: order.purchaseRequestId }).first('requestorId')
    : undefined;
  if (!mayManage(rights, order) && request?.requestorId !== principal.userId)
    throw new ForbiddenError('Only procurement, administrators and the requestor add notes.');
  await OrderNote.query(knex).insert({ orderId: id, authorId: principal.userId, note });
}

/** Route guards, before the body is read. */
export async function mayCreateOrders(knex: Knex, principal: Principal): Promise<void> {
  requireManager(await orderRights(knex, principal));
}

export async function mayManageOrder(knex: Knex, principal: Principal, id: string): Promise<void> {
  const rights = await orderRights(knex, principal);
  requireManagerOf(rights, await findVisibleOrder(knex, id, principal, rights));
}

/** Notes: visible order, and a manager of it or the requestor of its request. */
export async function mayAddNote(knex: Knex, principal: Principal, id: string): Promise<void> {
  const rights = await orderRights(knex, principal);
  const order = await findVisibleOrder(knex, id, principal, rights);
  if (mayManage(rights, order)) return;
  const request = order.purchaseRequestId
    ? await knex('purchaseRequests').where({ id: order.purchaseRequestId }).first('requestorId')
    : undefined;
  if (request?.requestorId !== principal.userId)
    throw new ForbiddenError('Only procurement, administrators and the requestor add notes.');
}
