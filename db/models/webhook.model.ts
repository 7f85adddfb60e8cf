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
  disabledByDeliveryId!: string | null;
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

export class IntegrationProvider extends BaseModel {
  static override tableName = 'integration_providers';
  id!: string;
  name!: string;
  secretEncrypted!: string;
  /** Probed by the tenant's integration-health Schedule when set (decision 0038). */
  healthUrl!: string | null;
  isActive!: boolean;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  health?: IntegrationHealthCheck | null;

  static override relationMappings = (): RelationMappings => ({
    health: {
      relation: BaseModel.HasOneRelation,
      modelClass: IntegrationHealthCheck,
      join: { from: 'integration_providers.id', to: 'integration_health_checks.providerId' },
    },
  });
}

/** The latest probe of one provider's health URL: one row per provider, replaced by each check. */
export class IntegrationHealthCheck extends BaseModel {
  static override tableName = 'integration_health_checks';
  static override idColumn = ['tenantId', 'providerId'];
  providerId!: string;
  status!: 'healthy' | 'degraded' | 'down';
  responseTimeMs!: number | null;
  httpStatus!: number | null;
  error!: string | null;
  consecutiveFailures!: number;
  checkedAt!: Date;
}

export class InboundEvent extends BaseModel {
  static override tableName = 'inbound_events';
  id!: string;
  providerId!: string;
  eventId!: string;
  type!: string;
  payload!: Record<string, unknown>;
  status!: 'pending' | 'applied' | 'ignored' | 'rejected';
  result!: string;
  receivedAt!: Date;
  provider?: IntegrationProvider;

  static override relationMappings = (): RelationMappings => ({
    provider: {
      relation: BaseModel.BelongsToOneRelation,
      modelClass: IntegrationProvider,
      join: { from: 'inbound_events.providerId', to: 'integration_providers.id' },
    },
  });
}
