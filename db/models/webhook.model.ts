import type { RelationMappings } from 'objection';
import { BaseModel } from './base.model';

export class WebhookEndpoint extends BaseModel {
  static override tableName = 'webhook_endpoints';
  id!: string;
  url!: string;
  description!: string;
  eventTypes!: string[];
  isActive!: boolean;
  secretEncrypted!: string;
  previousSecretEncrypted!: string | null;
  previousSecretExpiresAt!: Date | null;
  disabledReason!: string | null;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export class WebhookDeliveryAttempt extends BaseModel {
  static override tableName = 'webhook_delivery_attempts';
  id!: string;
  deliveryId!: string;
  attemptNumber!: number;
  statusCode!: number | null;
  responseExcerpt!: string;
  latencyMs!: number;
  error!: string | null;
  attemptedAt!: Date;
}

export class WebhookDelivery extends BaseModel {
  static override tableName = 'webhook_deliveries';
  id!: string;
  eventId!: string;
  endpointId!: string;
  eventType!: string;
  status!: 'pending' | 'succeeded' | 'failed';
  attemptCount!: number;
  lastStatusCode!: number | null;
  redeliveryOf!: string | null;
  dispatchedAt!: Date | null;
  completedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
  attempts?: WebhookDeliveryAttempt[];

  static override relationMappings = (): RelationMappings => ({
    attempts: {
      relation: BaseModel.HasManyRelation,
      modelClass: WebhookDeliveryAttempt,
      join: { from: 'webhook_deliveries.id', to: 'webhook_delivery_attempts.deliveryId' },
      modify: (query) => query.orderBy('attemptNumber'),
    },
  });
}
