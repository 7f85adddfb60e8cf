import type { Knex } from 'knex';
import { InboundEvent, IntegrationProvider } from '../../../db/models';
import { fetchPage, type Page } from '../../../db/paging';
import { applyOrdering } from '../../http/pagination';

export interface InboundEventFilters {
  page: number;
  page_size: number;
  ordering?: string;
  provider?: string;
  type?: string;
  status?: 'pending' | 'applied' | 'ignored' | 'rejected';
}

/** One page of the events received from integrations, each with its provider, newest first by default. */
export async function listInboundEvents(knex: Knex, query: InboundEventFilters): Promise<Page<InboundEvent>> {
  const builder = InboundEvent.query(knex).withGraphFetched('provider');
  if (query.provider)
    builder.whereIn(
      'inboundEvents.providerId',
      IntegrationProvider.query(knex).select('id').whereRaw('lower(name) = ?', [query.provider]),
    );
  if (query.type) builder.where('inboundEvents.type', query.type);
  if (query.status) builder.where('inboundEvents.status', query.status);
  applyOrdering(
    builder,
    query.ordering,
    { received_at: 'inboundEvents.receivedAt' },
    '-received_at',
    'inboundEvents.id',
  );
  return fetchPage(builder, query.page, query.page_size);
}
