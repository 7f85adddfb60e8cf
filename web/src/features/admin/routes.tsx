import type { RouteObject } from 'react-router';

/** Loaded on first visit (their own chunks): a requestor's or approver's phone never downloads them. */
export const adminRoutes: RouteObject[] = [
  { path: 'admin/people', lazy: async () => ({ Component: (await import('./PeoplePage')).PeoplePage }) },
  { path: 'admin/people/:id', lazy: async () => ({ Component: (await import('./UserDetailPage')).UserDetailPage }) },
  { path: 'admin/templates', lazy: async () => ({ Component: (await import('./TemplatesPage')).TemplatesPage }) },
  {
    path: 'admin/templates/forms/:id',
    lazy: async () => ({ Component: (await import('./FormTemplatePage')).FormTemplatePage }),
  },
  {
    path: 'admin/templates/workflows/:id',
    lazy: async () => ({ Component: (await import('./WorkflowTemplatePage')).WorkflowTemplatePage }),
  },
  { path: 'admin/audit', lazy: async () => ({ Component: (await import('./AuditPage')).AuditPage }) },
];
