import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type StockLevel = components['schemas']['StockLevel'];

export const inventoryKeys = {
  all: ['inventory'] as const,
  levels: (query: object) => ['inventory', 'levels', query] as const,
  movements: (query: object) => ['inventory', 'movements', query] as const,
  alerts: (query: object) => ['inventory', 'alerts', query] as const,
  sales: (query: object) => ['inventory', 'sales', query] as const,
  warehouses: ['inventory', 'warehouses'] as const,
};

/** Every open warehouse, by code (for filters and transfers; the API pages at most 100). */
export function useOpenWarehouses() {
  const query = { page: 1, page_size: 100, ordering: 'code', is_active: true } as const;
  return useQuery({
    queryKey: inventoryKeys.warehouses,
    queryFn: async () => unwrap(await api.GET('/api/warehouses/', { params: { query } })),
  });
}

/** "Out of stock", "Low", "In stock", with the badge tone of each. */
export const STOCK_STATUS: Record<StockLevel['stock_status'], { label: string; tone: string }> = {
  out: { label: 'Out of stock', tone: 'bad' },
  low: { label: 'Low', tone: 'warn' },
  normal: { label: 'In stock', tone: 'good' },
};
