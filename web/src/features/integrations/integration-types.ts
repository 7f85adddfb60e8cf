import type { components, operations } from '../../api/schema';

export type WebhookEndpoint = components['schemas']['WebhookEndpoint'];
export type EventCatalogue = components['schemas']['WebhookEventCatalogue'];
type Delivery = components['schemas']['WebhookDelivery'];
export type DeliveryDetail = components['schemas']['WebhookDeliveryDetail'];
type InboundEvent = components['schemas']['InboundEvent'];
export type IntegrationProvider = components['schemas']['IntegrationProvider'];
export type IntegrationHealth = components['schemas']['IntegrationHealth'];
export type ProviderHealth = IntegrationHealth['providers'][string];
export type ProviderHealthStatus = ProviderHealth['status'];
export type ApiToken = components['schemas']['ApiToken'];
export type ApiScope = ApiToken['scopes'][number];

/** What an endpoint may subscribe to: one of the catalogue's types, or "*" for all of them. */
export type EventTypeChoice = NonNullable<
  operations['createWebhookEndpoint']['requestBody']['content']['application/json']['event_types']
>[number];
export type DeliveryEventType = NonNullable<
  NonNullable<operations['listWebhookDeliveries']['parameters']['query']>['event_type']
>;
export type DeliveryStatus = Delivery['status'];
export type InboundStatus = InboundEvent['status'];

export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];
export const INBOUND_STATUSES: InboundStatus[] = ['pending', 'applied', 'ignored', 'rejected'];

/** A secret the API answered once: kept in the screen's state only, never in the query cache. */
export interface ShownSecret {
  title: string;
  secret: string;
  /** What the secret is for, said under the warning. */
  note: string;
}
