import type { Knex } from 'knex';
import { WebhookDelivery } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { ConflictError, NotFoundError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';
import { findEndpoint } from './webhook-endpoints';

export interface DeliveryFilters {
  page: number;
  page_size: number;
  ordering?: string;
  endpoint?: string;
  event_type?: string;
  status?: 'pending' | 'succeeded' | 'failed';
}

/** One page of deliveries, newest first unless `ordering=created_at`. */
export async function listDeliveries(knex: Knex, query: DeliveryFilters): Promise<Page<WebhookDelivery>> {
  const builder = WebhookDelivery.query(knex);
  if (query.endpoint) builder.where('webhookDeliveries.endpointId', query.endpoint);
  if (query.event_type) builder.where('webhookDeliveries.eventType', query.event_type);
  if (query.status) builder.where('webhookDeliveries.status', query.status);
  applyOrdering(
    builder,
    query.ordering,
    { created_at: 'webhookDeliveries.createdAt' },
    '-created_at',
    'webhookDeliveries.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}

/** A delivery with every attempt. */
export async function findDelivery(knex: Knex, id: string): Promise<WebhookDelivery> {
  const delivery = await WebhookDelivery.query(knex).findById(id).withGraphFetched('attempts');
  if (!delivery) throw new NotFoundError();
  return delivery;
}

/** A new delivery of the same event to the same endpoint; the relay starts it within a poll. */
export async function redeliver(knex: Knex, id: string): Promise<WebhookDelivery> {
  const original = await WebhookDelivery.query(knex).findById(id);
  if (!original) throw new NotFoundError();
  if (original.status === 'pending') throw new ConflictError('This delivery is still under way.');
  const endpoint = await findEndpoint(knex, original.endpointId);
  if (!endpoint.isActive) throw new ConflictError('The endpoint is disabled; enable it first (PATCH is_active: true).');
  return WebhookDelivery.query(knex).insertAndFetch({
    eventId: original.eventId,
    endpointId: original.endpointId,
    eventType: original.eventType,
    redeliveryOf: original.redeliveryOf ?? original.id,
  });
}
