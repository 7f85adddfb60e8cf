import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { OrderListQuery } from './order-types';

/** An order page refreshes itself so a change made elsewhere (another officer, the timer) shows. */
const ORDER_REFRESH_MS = 5_000;

export const orderKeys = {
  all: ['orders'] as const,
  list: (query: OrderListQuery) => ['orders', 'list', query] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
};

export function useOrderList(query: OrderListQuery, enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.list(query),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/orders/', { params: { query } })),
  });
}

export function useOrder(id: string, enabled = true) {
  return useQuery({
    queryKey: orderKeys.detail(id),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/orders/{id}/', { params: { path: { id } } })),
    refetchInterval: ORDER_REFRESH_MS,
  });
}
