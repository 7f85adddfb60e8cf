import type { components, operations } from '../../api/schema';

export type OrderDetail = components['schemas']['PurchaseOrder'];
export type OrderStatus = OrderDetail['status'];
export type OrderListQuery = NonNullable<operations['listOrders']['parameters']['query']>;
export type ShipmentBody = operations['createShipment']['requestBody']['content']['application/json'];

export const ORDER_STATUSES: OrderStatus[] = [
  'pending',
  'confirmed',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
];
