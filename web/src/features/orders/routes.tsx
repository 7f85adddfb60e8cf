import type { RouteObject } from 'react-router';
import { OrderDetailPage } from './OrderDetailPage';
import { OrdersPage } from './OrdersPage';

export const orderRoutes: RouteObject[] = [
  { path: 'orders', element: <OrdersPage /> },
  { path: 'orders/:id', element: <OrderDetailPage /> },
];
