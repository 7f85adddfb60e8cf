import type { RouteObject } from 'react-router';

/** The catalogue: everyone signed in reads it, procurement and admins change it; each screen its own chunk. */
export const catalogueRoutes: RouteObject[] = [
  { path: 'catalogue', lazy: async () => ({ Component: (await import('./ProductsPage')).ProductsPage }) },
  { path: 'catalogue/vendors', lazy: async () => ({ Component: (await import('./VendorsPage')).VendorsPage }) },
  {
    path: 'catalogue/vendors/:id',
    lazy: async () => ({ Component: (await import('./VendorDetailPage')).VendorDetailPage }),
  },
  {
    path: 'catalogue/warehouses',
    lazy: async () => ({ Component: (await import('./WarehousesPage')).WarehousesPage }),
  },
];
