import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export const catalogueKeys = {
  all: ['catalogue'] as const,
  products: (query: object) => ['catalogue', 'products', query] as const,
  categories: ['catalogue', 'categories'] as const,
  vendors: (query: object) => ['catalogue', 'vendors', query] as const,
  vendor: (id: string) => ['catalogue', 'vendor', id] as const,
  offers: (id: string) => ['catalogue', 'vendor', id, 'offers'] as const,
  warehouses: (query: object) => ['catalogue', 'warehouses', query] as const,
};

/** Every active category, by name (for filters and forms; the API pages at most 100). */
export function useCategories() {
  const query = { page: 1, page_size: 100, ordering: 'name', is_active: true } as const;
  return useQuery({
    queryKey: catalogueKeys.categories,
    queryFn: async () => unwrap(await api.GET('/api/products/categories/', { params: { query } })),
  });
}

/** Every active vendor, by name (for a product's preferred vendor). */
export function useActiveVendors() {
  const query = { page: 1, page_size: 100, ordering: 'name', is_active: true } as const;
  return useQuery({
    queryKey: catalogueKeys.vendors(query),
    queryFn: async () => unwrap(await api.GET('/api/vendors/', { params: { query } })),
  });
}
