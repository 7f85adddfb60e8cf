import type { RelationMappings } from 'objection';
import type { OrderAddress, OrderStatus } from '../../contracts/purchase-orders';
import { BaseModel } from './base.model';
import { PurchaseRequest } from './purchase-request.model';
import { User } from './user.model';

export type Address = OrderAddress;

export class PurchaseOrderItem extends BaseModel {
  static override tableName = 'purchase_order_items';
  id!: string;
  orderId!: string;
  position!: number;
  description!: string;
  quantity!: string;
  unitPrice!: string;
  lineTotal!: string;
}

export class OrderNote extends BaseModel {
  static override tableName = 'order_notes';
  id!: string;
  orderId!: string;
  authorId!: string | null;
  note!: string;
  createdAt!: Date;
  author?: User | null;

  static override relationMappings = (): RelationMappings => ({
    author: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'order_notes.authorId', to: 'users.id' },
    },
  });
}

export class OrderStatusChange extends BaseModel {
  static override tableName = 'order_status_history';
  id!: string;
  orderId!: string;
  fromStatus!: OrderStatus | null;
  toStatus!: OrderStatus;
  actorId!: string | null;
  note!: string;
  operationKey!: string;
  createdAt!: Date;
  actor?: User | null;

  static override relationMappings = (): RelationMappings => ({
    actor: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: User,
      join: { from: 'order_status_history.actorId', to: 'users.id' },
    },
  });
}

export class Shipment extends BaseModel {
  static override tableName = 'shipments';
  id!: string;
  orderId!: string;
  carrier!: string;
  serviceType!: string;
  trackingNumber!: string;
  shippingCost!: string;
  estimatedDelivery!: string | null;
  deliveredAt!: Date | null;
  createdBy!: string | null;
  createdAt!: Date;
  order?: PurchaseOrder;

  static override relationMappings = (): RelationMappings => ({
    order: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: PurchaseOrder,
      join: { from: 'shipments.orderId', to: 'purchase_orders.id' },
    },
  });
}

export class PurchaseOrder extends BaseModel {
  static override tableName = 'purchase_orders';
  id!: string;
  number!: string;
  purchaseRequestId!: string | null;
  vendorName!: string;
  currency!: string;
  total!: string;
  shippingAddress!: Address | null;
  billingAddress!: Address | null;
  status!: OrderStatus;
  /** The request's team, or the team a manual order was created for (null: no team, every-team scopes only). */
  teamId!: string | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  items?: PurchaseOrderItem[];
  notes?: OrderNote[];
  history?: OrderStatusChange[];
  shipments?: Shipment[];
  purchaseRequest?: PurchaseRequest | null;

  static override relationMappings = (): RelationMappings => ({
    items: {
      relation: BaseModel.HasManyRelation,
      modelClass: PurchaseOrderItem,
      join: { from: 'purchase_orders.id', to: 'purchase_order_items.orderId' },
      modify: (query) => query.orderBy('position'),
    },
    notes: {
      relation: BaseModel.HasManyRelation,
      modelClass: OrderNote,
      join: { from: 'purchase_orders.id', to: 'order_notes.orderId' },
      modify: (query) => query.orderBy('createdAt').orderBy('id'),
    },
    history: {
      relation: BaseModel.HasManyRelation,
      modelClass: OrderStatusChange,
      join: { from: 'purchase_orders.id', to: 'order_status_history.orderId' },
      modify: (query) => query.orderBy('createdAt').orderBy('id'),
    },
    shipments: {
      relation: BaseModel.HasManyRelation,
      modelClass: Shipment,
      join: { from: 'purchase_orders.id', to: 'shipments.orderId' },
      modify: (query) => query.orderBy('createdAt').orderBy('id'),
    },
    purchaseRequest: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: PurchaseRequest,
      join: { from: 'purchase_orders.purchaseRequestId', to: 'purchase_requests.id' },
    },
  });
}
