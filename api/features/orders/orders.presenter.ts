import { orderTransitions, type OrderState } from '../../../contracts/purchase-orders';
import type { PurchaseOrder, Shipment, User } from '../../../db/models';
import { iso } from '../../http/iso';

const userRef = (user: User | null | undefined) => (user ? { id: user.id, username: user.username } : null);
const day = (value: string | Date | null) =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

export function presentOrderSummary(order: PurchaseOrder) {
  return {
    id: order.id,
    number: order.number,
    purchase_request: order.purchaseRequest
      ? { id: order.purchaseRequest.id, subject: order.purchaseRequest.subject }
      : null,
    vendor_name: order.vendorName,
    total: order.total,
    currency: order.currency,
    status: order.status,
    created_at: iso(order.createdAt) as string,
    updated_at: iso(order.updatedAt) as string,
  };
}

function shipmentFields(shipment: Shipment) {
  return {
    id: shipment.id,
    carrier: shipment.carrier,
    service_type: shipment.serviceType,
    tracking_number: shipment.trackingNumber,
    shipping_cost: shipment.shippingCost,
    estimated_delivery: day(shipment.estimatedDelivery),
    delivered_at: iso(shipment.deliveredAt),
    created_at: iso(shipment.createdAt) as string,
  };
}

export function presentShipment(shipment: Shipment & { order?: PurchaseOrder }) {
  return { ...shipmentFields(shipment), order: { id: shipment.orderId, number: shipment.order?.number ?? '' } };
}

/** `mayManage`: whether the caller manages this order; only a manager is offered transitions. */
export function presentOrderDetail(order: PurchaseOrder, state: OrderState | null, mayManage: boolean) {
  return {
    ...presentOrderSummary(order),
    items: (order.items ?? []).map((item) => ({
      id: item.id,
      description: item.description,
      quantity: item.quantity,
      unit_price: item.unitPrice,
      line_total: item.lineTotal,
    })),
    shipping_address: (order.shippingAddress as Record<string, unknown> | null) ?? null,
    billing_address: (order.billingAddress as Record<string, unknown> | null) ?? null,
    notes: (order.notes ?? []).map((note) => ({
      id: note.id,
      author: userRef(note.author),
      note: note.note,
      created_at: iso(note.createdAt) as string,
    })),
    shipments: (order.shipments ?? []).map(shipmentFields),
    status_history: (order.history ?? []).map((row) => ({
      from_status: row.fromStatus,
      to_status: row.toStatus,
      actor: userRef(row.actor),
      note: row.note,
      at: iso(row.createdAt) as string,
    })),
    confirm_by: order.status === 'pending' ? (state?.confirmBy ?? null) : null,
    allowed_transitions: mayManage ? [...orderTransitions[order.status]] : [],
  };
}
