import type { RouteObject } from 'react-router';
import { FinanceInboxPage } from './FinanceInboxPage';
import { InboxPage } from './InboxPage';
import { MyRequestsPage } from './MyRequestsPage';
import { RequestDetailPage } from './RequestDetailPage';
import { RequestFormPage } from './RequestFormPage';

export const requestRoutes: RouteObject[] = [
  { path: 'requests', element: <MyRequestsPage /> },
  { path: 'requests/new', element: <RequestFormPage /> },
  { path: 'requests/:id', element: <RequestDetailPage /> },
  { path: 'requests/:id/edit', element: <RequestFormPage /> },
  { path: 'inbox', element: <InboxPage /> },
  { path: 'finance', element: <FinanceInboxPage /> },
];
