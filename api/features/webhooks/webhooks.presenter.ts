import type { WebhookDelivery, WebhookEndpoint } from '../../../db/models';
import { iso } from '../../http/iso';

// What an endpoint and a delivery look like to an admin: never the signing secret (only the answers
// that create or rotate it add it).

export function presentEndpoint(endpoint: WebhookEndpoint) {
  const rotating = endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date();
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    is_active: endpoint.isActive,
    disabled_reason: endpoint.disabledReason,
    secret_rotated_until: rotating ? iso(endpoint.previousSecretExpiresAt) : null,
    created_at: iso(endpoint.createdAt) as string,
    updated_at: iso(endpoint.updatedAt) as string,
  };
}

export function presentDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    endpoint_id: delivery.endpointId,
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    last_status_code: delivery.lastStatusCode,
    redelivery_of: delivery.redeliveryOf,
    created_at: iso(delivery.createdAt) as string,
    completed_at: iso(delivery.completedAt),
  };
}

/** A delivery with every attempt (`attempts` fetched with it). */
export function presentDeliveryDetail(delivery: WebhookDelivery) {
  return {
    ...presentDelivery(delivery),
    attempts: (delivery.attempts ?? []).map((a) => ({
      attempt_number: a.attemptNumber,
      status_code: a.statusCode,
      response_excerpt: a.responseExcerpt,
      latency_ms: a.latencyMs,
      error: a.error,
      attempted_at: iso(a.attemptedAt) as string,
    })),
  };
}
