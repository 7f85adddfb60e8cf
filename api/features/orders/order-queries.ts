import type { Knex } from 'knex';
import type { QueryBuilder } from 'objection';
import { PurchaseOrder, Shipment } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { onlyVisibleOrders, type OrderRights } from './order-access';
import { containsPattern } from '../../../db/paging';

export interface OrderFilters {
  status?: string[];
  vendor?: string;
  purchase_request?: string;
  date_from?: Date;
  date_to?: Date;
  min_total?: string;
  max_total?: string;
  search?: string;
}

export function filteredOrders(
  knex: Knex,
  principal: Principal,
  rights: OrderRights,
  filters: OrderFilters,
): QueryBuilder<PurchaseOrder, PurchaseOrder[]> {
  const query = onlyVisibleOrders(PurchaseOrder.query(knex), principal, rights).withGraphFetched('purchaseRequest');
  if (filters.status?.length) query.whereIn('purchaseOrders.status', filters.status);
  if (filters.vendor) query.whereILike('purchaseOrders.vendorName', containsPattern(filters.vendor));
  if (filters.purchase_request) query.where('purchaseOrders.purchaseRequestId', filters.purchase_request);
  if (filters.date_from) query.where('purchaseOrders.createdAt', '>=', filters.date_from);
  if (filters.date_to) query.where('purchaseOrders.createdAt', '<=', filters.date_to);
  if (filters.min_total) query.where('purchaseOrders.total', '>=', filters.min_total);
  if (filters.max_total) query.where('purchaseOrders.total', '<=', filters.max_total);
  if (filters.search)
    query.where((q) => {
      q.whereILike('purchaseOrders.number', containsPattern(filters.search as string)).orWhereILike(
        'purchaseOrders.vendorName',
        containsPattern(filters.search as string),
      );
    });
  return query;
}

export function loadOrderDetail(knex: Knex, id: string) {
  return PurchaseOrder.query(knex)
    .findById(id)
    .withGraphFetched(
      '[purchaseRequest, items, notes.author, history.actor, shipments]',
    ) as unknown as Promise<PurchaseOrder>;
}

/** Shipments of the orders the caller may see. */
export function visibleShipments(
  knex: Knex,
  principal: Principal,
  rights: OrderRights,
  filters: { order?: string; carrier?: string },
) {
  const query = Shipment.query(knex)
    .withGraphFetched('order')
    .whereIn(
      'shipments.orderId',
      onlyVisibleOrders(PurchaseOrder.query(knex).select('purchaseOrders.id'), principal, rights),
    );
  if (filters.order) query.where('shipments.orderId', filters.order);
  if (filters.carrier) query.whereILike('shipments.carrier', containsPattern(filters.carrier));
  return query;
}
