import type { InboundEvent, IntegrationProvider } from '../../../db/models';
import { isoTime as iso } from '../../http/iso';

// What a provider and a received event look like to an admin: never the provider's secret (only
// the answer that registers it adds it).

export const presentProvider = (provider: IntegrationProvider) => ({
  id: provider.id,
  name: provider.name,
  health_url: provider.healthUrl,
  is_active: provider.isActive,
  created_at: iso(provider.createdAt),
  updated_at: iso(provider.updatedAt),
});

/** An event with its provider's name (`provider` fetched with it). */
export const presentInboundEvent = (event: InboundEvent) => ({
  id: event.id,
  provider: event.provider?.name ?? '',
  event_id: event.eventId,
  type: event.type,
  status: event.status,
  result: event.result,
  payload: event.payload,
  received_at: iso(event.receivedAt),
});
