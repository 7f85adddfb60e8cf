// Workflow-safe: names, shapes and rules of the purchase-order workflow shared by API, worker and workflow.
import type { TenantScoped } from './tenants';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CallContext } from './call-context';

export const PURCHASE_ORDER_WORKFLOW = 'purchaseOrderWorkflow';

export function purchaseOrderWorkflowId(orderId: string): string {
  return `purchase-order-${orderId}`;
}

export const orderStatuses = ['pending', 'confirmed', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** domain.md "Purchase-order states": every other change is refused (409). */
export const orderTransitions: Record<OrderStatus, OrderStatus[]> = {
  pending: ['confirmed', 'cancelled'],
  confirmed: ['processing', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** Who asks: the API resolves whether the caller may manage orders (procurement officer or admin). */
export interface OrderActor {
  /** null for a verified integration (an inbound webhook), which acts as the system. */
  id: string | null;
  mayManage: boolean;
}

export interface OrderAddress {
  name?: string;
  street: string;
  city: string;
  state?: string;
  zip_code: string;
  country: string;
}

/** A manual order as the API validated it; the workflow's first activity stores it. */
export interface OrderCreation {
  vendorName: string;
  currency: string;
  items: Array<{ description: string; quantity: string; unitPrice: string }>;
  shippingAddress: OrderAddress | null;
  billingAddress: OrderAddress | null;
  createdBy: string;
  /** The team whose procurement and finance scopes cover the order (absent in older histories: none). */
  teamId?: string | null;
  note?: string;
  /** The API call that created it, for its audit row. */
  call?: CallContext;
}

export interface PurchaseOrderInput extends TenantScoped {
  orderId: string;
  /** ORDER_CONFIRM_TIMEOUT_HOURS when the order opened (fractions allowed for tests). */
  confirmTimeoutHours: number;
  /** Present for manual orders: the workflow creates the row, so no order exists without its workflow. */
  create?: OrderCreation;
}

export interface ShipmentInput {
  carrier: string;
  serviceType: string;
  trackingNumber: string;
  shippingCost: string;
  estimatedDelivery: string | null;
}

export interface OrderState {
  orderId: string;
  status: OrderStatus;
  /** When a pending order is cancelled unless confirmed (ISO-8601), null once it left pending. */
  confirmBy: string | null;
  shipmentId: string | null;
}

export interface StatusChangeArgs {
  actor: OrderActor;
  status: OrderStatus;
  note?: string;
  call?: CallContext;
}
export interface ShipArgs {
  actor: OrderActor;
  shipment: ShipmentInput;
  note?: string;
  call?: CallContext;
}

export const changeOrderStatusUpdate = defineUpdate<OrderState, [StatusChangeArgs]>('changeStatus');
export const shipOrderUpdate = defineUpdate<OrderState, [ShipArgs]>('ship');
export const orderStateQuery = defineQuery<OrderState>('state');
/** Update-with-Start of a manual order: answers once the order is stored. */
export const orderOpenedUpdate = defineUpdate<{ id: string; number: string }, []>('opened');

/** What the workflow asks its persistence activity to record (db/repositories/purchase-orders.repository.ts). */
export interface StatusChangeCommandShape {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
  actorId: string | null;
  note?: string;
  addNote?: boolean;
  operationKey: string;
  shipment?: ShipmentInput;
  /** The API call behind the change (none for the confirmation timer or a verified integration). */
  call?: CallContext;
}
