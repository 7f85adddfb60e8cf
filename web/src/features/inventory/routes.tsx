import type { RouteObject } from 'react-router';

/** Stock: everyone signed in reads levels and movements; procurement and admins count and move stock. */
export const inventoryRoutes: RouteObject[] = [
  { path: 'inventory', lazy: async () => ({ Component: (await import('./StockPage')).StockPage }) },
  { path: 'inventory/alerts', lazy: async () => ({ Component: (await import('./AlertsPage')).AlertsPage }) },
  { path: 'inventory/sales', lazy: async () => ({ Component: (await import('./SalesPage')).SalesPage }) },
  { path: 'inventory/movements', lazy: async () => ({ Component: (await import('./MovementsPage')).MovementsPage }) },
];
