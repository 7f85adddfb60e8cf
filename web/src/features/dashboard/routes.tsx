import type { RouteObject } from 'react-router';

/** Loaded on first visit (their own chunks): a requestor's or approver's phone never downloads them. */
export const dashboardRoutes: RouteObject[] = [
  { path: 'dashboard', lazy: async () => ({ Component: (await import('./DashboardPage')).DashboardPage }) },
];
