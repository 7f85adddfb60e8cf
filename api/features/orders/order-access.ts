import type { Knex } from 'knex';
import type { QueryBuilder } from 'objection';
import type { OrderActor } from '../../../contracts/purchase-orders';
import { PurchaseOrder } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { notAnOrderManager } from '../../../contracts/request-guards';
import { ForbiddenError, NotFoundError, throwIf } from '../../http/errors';

/** Teams a right covers: every team (admins, or a scope without a team), or these teams. */
export type TeamReach = 'all' | string[];

export interface OrderRights {
  /** Procurement officers and admins: create, change status, ship, add notes. */
  manage: TeamReach;
  /** Plus finance reviewers: read. */
  read: TeamReach;
}

const covers = (reach: TeamReach, teamId: string | null) =>
  reach === 'all' || (teamId !== null && reach.includes(teamId));
const any = (reach: TeamReach) => reach === 'all' || reach.length > 0;
const union = (a: TeamReach, b: TeamReach): TeamReach =>
  a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])];

/** The teams the caller's scopes of `role` cover: a scope without a team covers all of them. */
function reachOf(scopes: Array<{ roleCode: string; teamId: string | null }>, role: string): TeamReach {
  const held = scopes.filter((scope) => scope.roleCode === role);
  return held.some((scope) => scope.teamId === null) ? 'all' : held.map((scope) => scope.teamId as string);
}

const scopesOf = (
  knex: Knex,
  userId: string,
  roles: string[],
): Promise<Array<{ roleCode: string; teamId: string | null }>> =>
  knex('accessScopes').where({ userId }).whereIn('roleCode', roles).select('roleCode', 'teamId');

/**
 * What the caller may do with orders, from their access scopes exactly as for requests: a scope in a
 * team covers that team's orders, a scope without a team covers every team's.
 */
export async function orderRights(knex: Knex, principal: Principal): Promise<OrderRights> {
  if (principal.isAdmin) return { manage: 'all', read: 'all' };
  const scopes = await scopesOf(knex, principal.userId, ['PROCUREMENT_OFFICER', 'FINANCE_REVIEWER']);
  const manage = reachOf(scopes, 'PROCUREMENT_OFFICER');
  return { manage, read: union(manage, reachOf(scopes, 'FINANCE_REVIEWER')) };
}

export function mayManage(rights: OrderRights, order: Pick<PurchaseOrder, 'teamId'>): boolean {
  return covers(rights.manage, order.teamId);
}

export function orderActor(
  principal: Principal,
  rights: OrderRights,
  order: Pick<PurchaseOrder, 'teamId'>,
): OrderActor {
  return { id: principal.userId, mayManage: mayManage(rights, order) };
}

/**
 * The orders of the teams the caller's procurement or finance scopes cover; a requestor sees the
 * orders of their requests, and whoever created a manual order sees it.
 */
export function onlyVisibleOrders<Q extends QueryBuilder<PurchaseOrder, PurchaseOrder[]>>(
  query: Q,
  principal: Principal,
  rights: OrderRights,
): Q {
  if (rights.read === 'all') return query;
  const teams = rights.read;
  return query.where((visible) => {
    visible
      .whereIn('purchaseOrders.teamId', teams)
      .orWhere('purchaseOrders.createdBy', principal.userId)
      .orWhereExists((q) => {
        q.from('purchaseRequests as pr')
          .whereColumn('pr.id', 'purchaseOrders.purchaseRequestId')
          .where('pr.requestorId', principal.userId);
      });
  }) as Q;
}

export async function findVisibleOrder(
  knex: Knex,
  id: string,
  principal: Principal,
  rights: OrderRights,
): Promise<PurchaseOrder> {
  const order = await onlyVisibleOrders(
    PurchaseOrder.query(knex).where('purchaseOrders.id', id),
    principal,
    rights,
  ).first();
  if (!order) throw new NotFoundError();
  return order;
}

/** Procurement officers (of some team) and admins: the route guard, before the body is read. */
export function requireManager(rights: OrderRights): void {
  throwIf(notAnOrderManager(any(rights.manage)));
}

/** Procurement officers of the order's team (or of every team) and admins. */
export function requireManagerOf(rights: OrderRights, order: Pick<PurchaseOrder, 'teamId'>): void {
  if (!mayManage(rights, order))
    throw new ForbiddenError('Only procurement officers of this order’s team and administrators manage it.');
}

/** The teams a finance reviewer's or admin's figures cover (the dashboard), or null when none. */
export async function financeReach(knex: Knex, principal: Principal): Promise<TeamReach | null> {
  if (principal.isAdmin) return 'all';
  const scopes = await scopesOf(knex, principal.userId, ['FINANCE_REVIEWER']);
  return scopes.length === 0 ? null : reachOf(scopes, 'FINANCE_REVIEWER');
}

export { covers as reachCovers };
