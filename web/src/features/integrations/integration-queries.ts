import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const integrationKeys = {
  endpoints: ['integrations', 'endpoints'] as const,
  endpointList: (query: object) => ['integrations', 'endpoints', 'list', query] as const,
  endpoint: (id: string) => ['integrations', 'endpoints', 'detail', id] as const,
  eventTypes: ['integrations', 'event-types'] as const,
  deliveries: ['integrations', 'deliveries'] as const,
  deliveryList: (query: object) => ['integrations', 'deliveries', 'list', query] as const,
  delivery: (id: string) => ['integrations', 'deliveries', 'detail', id] as const,
  providers: ['integrations', 'providers'] as const,
  providerList: (query: object) => ['integrations', 'providers', 'list', query] as const,
  events: (query: object) => ['integrations', 'events', query] as const,
  health: ['integrations', 'health'] as const,
  tokens: ['integrations', 'tokens'] as const,
  tokenList: (query: object) => ['integrations', 'tokens', 'list', query] as const,
};

/** A delivery under way changes by itself (the relay retries): its screens look again this often. */
export const DELIVERY_REFRESH_MS = 5_000;

export function useEventCatalogue(enabled = true) {
  return useQuery({
    queryKey: integrationKeys.eventTypes,
    enabled,
    staleTime: 10 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/webhooks/event-types/')),
  });
}

/** Every endpoint (for filters and for naming a delivery's endpoint); the API pages at most 100. */
export function useAllEndpoints(enabled = true) {
  return useQuery({
    queryKey: integrationKeys.endpointList({ page: 1, page_size: 100, ordering: 'url' }),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/webhooks/endpoints/', { params: { query: { page: 1, page_size: 100, ordering: 'url' } } }),
      ),
  });
}

export function useAllProviders(enabled = true) {
  return useQuery({
    queryKey: integrationKeys.providerList({ page: 1, page_size: 100, ordering: 'name' }),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/integrations/providers/', {
          params: { query: { page: 1, page_size: 100, ordering: 'name' } },
        }),
      ),
  });
}

/** Probes run on the server's timer: the health screen looks again this often while it is open. */
export const HEALTH_REFRESH_MS = 5_000;

export function useIntegrationHealth(enabled = true) {
  return useQuery({
    queryKey: integrationKeys.health,
    enabled,
    refetchInterval: HEALTH_REFRESH_MS,
    queryFn: async () => unwrap(await api.GET('/api/integrations/health/')),
  });
}
