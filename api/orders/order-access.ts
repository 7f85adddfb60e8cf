import type { Knex } from 'knex';
import type { QueryBuilder } from 'objection';
import type { OrderActor } from '../../contracts/purchase-orders';
import { PurchaseOrder } from '../../db/models';
import type { Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError } from '../http/errors';

export interface OrderRights {
  /** Procurement officers and admins: create, change status, ship, add notes. */
  manage: boolean;
  /** Plus finance reviewers: read every order. */
  readAll: boolean;
}

/** What the caller may do with orders, from their access scopes (any team). */
export async function orderRights(knex: Knex, principal: Principal): Promise<OrderRights> {
  if (principal.isAdmin) return { manage: true, readAll: true };
  const roles = new Set(
    (await knex('accessScopes').where({ userId: principal.userId }).whereIn('roleCode', ['PROCUREMENT_OFFICER', 'FINANCE_REVIEWER']).select('roleCode')).map(
      (row: { roleCode: string }) => row.roleCode,
    ),
  );
  const manage = roles.has('PROCUREMENT_OFFICER');
  return { manage, readAll: manage || roles.has('FINANCE_REVIEWER') };
}

export function orderActor(principal: Principal, rights: OrderRights): OrderActor {
  return { id: principal.userId, mayManage: rights.manage };
}

/** Procurement, finance and admins see every order; a requestor sees the orders of their requests. */
export function onlyVisibleOrders<Q extends QueryBuilder<PurchaseOrder, PurchaseOrder[]>>(query: Q, principal: Principal, rights: OrderRights): Q {
  if (rights.readAll) return query;
  return query.whereExists((q) =>
    q.from('purchaseRequests as pr').whereColumn('pr.id', 'purchaseOrders.purchaseRequestId').where('pr.requestorId', principal.userId),
  ) as Q;
}

export async function findVisibleOrder(knex: Knex, id: string, principal: Principal, rights: OrderRights): Promise<PurchaseOrder> {
  const order = await onlyVisibleOrders(PurchaseOrder.query(knex).where('purchaseOrders.id', id), principal, rights).first();
  if (!order) throw new NotFoundError();
  return order;
}

export function requireManager(rights: OrderRights): void {
  if (!rights.manage) throw new ForbiddenError('Only procurement officers and administrators manage orders.');
}
