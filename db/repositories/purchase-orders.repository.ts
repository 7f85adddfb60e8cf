import type { Knex } from 'knex';
import { lineTotal, sumMoney } from '../../contracts/money';
import type { StatusChangeCommandShape } from '../../contracts/purchase-orders';
import type { Address } from '../models';
import type { CallContext } from '../../contracts/call-context';
import { appendAudit, callColumns } from './audit.repository';
import { writeOutboxEvent } from './outbox.repository';

export interface OrderDraft {
  /** Chosen by the caller (a workflow) so that a retried creation finds its order. */
  id?: string;
  purchaseRequestId: string | null;
  /** Whose procurement and finance scopes cover the order. */
  teamId: string | null;
  vendorName: string;
  currency: string;
  items: Array<{ description: string; quantity: string; unitPrice: string }>;
  shippingAddress: Address | null;
  billingAddress: Address | null;
  createdBy: string | null;
  note?: string;
  call?: CallContext;
}

export class OrderStateConflictError extends Error {}
export class OrderMissingError extends Error {}

/**
 * `PO-<year>-<6 digits>`, counted per tenant: the tenant's counter row for the year (its tenant_id
 * comes from the transaction's tenant) is locked by the increment until the order commits.
 */
async function nextOrderNumber(trx: Knex.Transaction): Promise<string> {
  // The database's clock decides the year, so API and worker hosts with skewed clocks agree.
  const { rows } = await trx.raw(
    `INSERT INTO order_number_counters (year, last_value) VALUES (EXTRACT(YEAR FROM now() AT TIME ZONE 'UTC')::int, 1)
     ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = order_number_counters.last_value + 1
     RETURNING year, last_value`,
  );
  return `PO-${rows[0].year}-${String(rows[0].last_value).padStart(6, '0')}`;
}

/** Creates an order with its items, a computed total, its first history row and `order.created`. */
export async function createOrder(
  knex: Knex,
  draft: OrderDraft,
  operationKey: string,
): Promise<{ id: string; number: string }> {
  return knex.transaction(async (trx) => {
    if (draft.id) {
      const existing = await trx('purchaseOrders').where({ id: draft.id }).first('id', 'number');
      if (existing) return existing;
    }
    const number = await nextOrderNumber(trx);
    const items = draft.items.map((item, index) => ({
      ...item,
      position: index + 1,
      lineTotal: lineTotal(item.quantity, item.unitPrice),
    }));
    const [order] = await trx('purchaseOrders')
      .insert({
        ...(draft.id ? { id: draft.id } : {}),
        number,
        purchaseRequestId: draft.purchaseRequestId,
        teamId: draft.teamId,
        vendorName: draft.vendorName,
        currency: draft.currency,
        total: sumMoney(items.map((item) => item.lineTotal)),
        shippingAddress: draft.shippingAddress ? JSON.stringify(draft.shippingAddress) : null,
        billingAddress: draft.billingAddress ? JSON.stringify(draft.billingAddress) : null,
        createdBy: draft.createdBy,
      })
      .returning('*');
    await trx('purchaseOrderItems').insert(items.map((item) => ({ ...item, orderId: order.id })));
    await trx('orderStatusHistory').insert({
      orderId: order.id,
      fromStatus: null,
      toStatus: 'pending',
      actorId: draft.createdBy,
      operationKey,
    });
    if (draft.note) await trx('orderNotes').insert({ orderId: order.id, authorId: draft.createdBy, note: draft.note });
    await writeOutboxEvent(trx, {
      operationKey,
      type: 'order.created',
      aggregateType: 'purchase_order',
      aggregateId: order.id,
      data: orderData(order),
      at: iso(order.createdAt),
    });
    await appendAudit(trx, {
      actorUserId: draft.createdBy,
      ...callColumns(draft.call),
      action: 'purchase_order.created',
      resourceType: 'purchase_order',
      resourceId: order.id,
      newValues: orderData(order).purchase_order,
    });
    return { id: order.id, number };
  });
}

/**
 * Opens the order of a completed request (one line from its subject, its amount and vendor), or
 * answers the one it already has: a retried activity never opens a second.
 */
export async function openOrderForRequest(
  knex: Knex,
  requestId: string,
  operationKey: string,
): Promise<{ id: string; number: string }> {
  const existing = await knex('purchaseOrders').where({ purchaseRequestId: requestId }).first('id', 'number');
  if (existing) return existing;
  const request = await knex('purchaseRequests').where({ id: requestId }).first();
  if (!request) throw new OrderMissingError(`purchase request ${requestId} does not exist`);
  try {
    return await createOrder(
      knex,
      {
        purchaseRequestId: requestId,
        teamId: request.teamId,
        vendorName: request.vendorName,
        currency: request.currency,
        items: [{ description: request.subject, quantity: '1', unitPrice: request.amount }],
        shippingAddress: null,
        billingAddress: null,
        createdBy: null,
      },
      operationKey,
    );
  } catch (error) {
    // Two attempts at once: the unique purchase_request_id lets one win; answer its order.
    const winner = await knex('purchaseOrders').where({ purchaseRequestId: requestId }).first('id', 'number');
    if (winner) return winner;
    throw error;
  }
}

export type StatusChangeCommand = StatusChangeCommandShape;

/**
 * One status change in one transaction: the order (only if still in `from`), the history row, the
 * shipment when shipping, `delivered_at` when delivered, and the outbox events. Once per key.
 */
export async function changeOrderStatus(
  knex: Knex,
  command: StatusChangeCommand,
): Promise<{ at: string; shipmentId: string | null }> {
  return knex.transaction(async (trx) => {
    const inserted = await trx('orderStatusHistory')
      .insert({
        orderId: command.orderId,
        fromStatus: command.from,
        toStatus: command.to,
        actorId: command.actorId,
        note: command.note ?? '',
        operationKey: command.operationKey,
      })
      .onConflict('operationKey')
      .ignore()
      .returning(['createdAt']);
    if (inserted.length === 0) {
      const shipment = command.shipment
        ? await trx('shipments').where({ orderId: command.orderId }).orderBy('createdAt', 'desc').first('id')
        : undefined;
      const row = await trx('orderStatusHistory').where({ operationKey: command.operationKey }).first('createdAt');
      return { at: iso(row.createdAt), shipmentId: shipment?.id ?? null };
    }
    const [order] = await trx('purchaseOrders')
      .where({ id: command.orderId, status: command.from })
      .update({ status: command.to, updatedAt: trx.fn.now() })
      .returning('*');
    if (!order) {
      const exists = await trx('purchaseOrders').where({ id: command.orderId }).first('status');
      if (!exists) throw new OrderMissingError(`purchase order ${command.orderId} does not exist`);
      throw new OrderStateConflictError(`The order is ${exists.status}, not ${command.from}.`);
    }
    const at = iso(order.updatedAt);
    let shipmentId: string | null = null;
    if (command.shipment) {
      const s = command.shipment;
      const [row] = await trx('shipments')
        .insert({
          orderId: order.id,
          carrier: s.carrier,
          serviceType: s.serviceType,
          trackingNumber: s.trackingNumber,
          shippingCost: s.shippingCost,
          estimatedDelivery: s.estimatedDelivery,
          createdBy: command.actorId,
        })
        .returning('id');
      shipmentId = row.id;
    }
    await appendAudit(trx, {
      actorUserId: command.actorId,
      ...callColumns(command.call),
      action: 'purchase_order.status_changed',
      resourceType: 'purchase_order',
      resourceId: order.id,
      oldValues: { status: command.from },
      newValues: {
        status: command.to,
        ...(command.note ? { note: command.note } : {}),
        ...(shipmentId ? { shipment_id: shipmentId } : {}),
      },
    });
    if (command.addNote && command.note)
      await trx('orderNotes').insert({ orderId: order.id, authorId: null, note: command.note });
    const data = {
      ...orderData(order),
      from_status: command.from,
      note: command.note ?? '',
      actor_id: command.actorId,
      shipment_id: shipmentId,
    };
    await writeOutboxEvent(trx, {
      operationKey: command.operationKey,
      type: 'order.updated',
      aggregateType: 'purchase_order',
      aggregateId: order.id,
      data,
      at,
    });
    if (command.to === 'delivered') {
      const delivered = await trx('shipments')
        .where({ orderId: order.id })
        .whereNull('deliveredAt')
        .update({ deliveredAt: trx.fn.now() })
        .returning('id');
      await writeOutboxEvent(trx, {
        operationKey: `${command.operationKey}/delivered`,
        type: 'shipment.delivered',
        aggregateType: 'purchase_order',
        aggregateId: order.id,
        data: { ...orderData(order), shipment_ids: delivered.map((row: { id: string }) => row.id) },
        at,
      });
    }
    return { at, shipmentId };
  });
}

function orderData(order: Record<string, unknown>) {
  return {
    purchase_order: {
      id: order.id,
      number: order.number,
      status: order.status,
      purchase_request_id: order.purchaseRequestId,
      vendor_name: order.vendorName,
      total: order.total,
      currency: order.currency,
    },
  };
}

const iso = (value: Date | string) => new Date(value).toISOString();
