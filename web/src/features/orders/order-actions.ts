import type { Capabilities } from '../../session/capabilities';
import type { OrderDetail, OrderStatus } from './order-types';

interface OrderActions {
  /** Status changes through PATCH …/status/, in the API's order. */
  transitions: OrderStatus[];
  /** The order may become shipped: only by recording a shipment (POST /api/shipping/). */
  ship: boolean;
  addNote: boolean;
}

const NONE: OrderActions = { transitions: [], ship: false, addNote: false };

/**
 * What this person may do with this order: only what the API offers in `allowed_transitions` (empty
 * when the caller does not manage the order), and nothing without the capability to manage orders.
 */
export function orderActionsFor(
  order: Pick<OrderDetail, 'allowed_transitions'>,
  can: Pick<Capabilities, 'manageOrders'>,
): OrderActions {
  if (!can.manageOrders || order.allowed_transitions.length === 0) return NONE;
  return {
    transitions: order.allowed_transitions.filter((status) => status !== 'shipped'),
    ship: order.allowed_transitions.includes('shipped'),
    addNote: true,
  };
}

const LABELS: Partial<Record<OrderStatus, string>> = { cancelled: 'Cancel order' };

/** The button's words: "Mark as confirmed", "Cancel order". */
export function transitionLabel(status: OrderStatus): string {
  return LABELS[status] ?? `Mark as ${status}`;
}
