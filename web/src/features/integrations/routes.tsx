import type { RouteObject } from 'react-router';

/** Loaded on first visit (their own chunks): a requestor's or approver's phone never downloads them. */
/** Admin screens for integrations; children of the signed-in layout (paths without a leading slash). */
export const integrationRoutes: RouteObject[] = [
  {
    path: 'admin/integrations',
    lazy: async () => ({ Component: (await import('./WebhookEndpointsPage')).WebhookEndpointsPage }),
  },
  {
    path: 'admin/integrations/endpoints/:id',
    lazy: async () => ({ Component: (await import('./EndpointDetailPage')).EndpointDetailPage }),
  },
  {
    path: 'admin/integrations/deliveries',
    lazy: async () => ({ Component: (await import('./DeliveriesPage')).DeliveriesPage }),
  },
  {
    path: 'admin/integrations/deliveries/:id',
    lazy: async () => ({ Component: (await import('./DeliveryDetailPage')).DeliveryDetailPage }),
  },
  {
    path: 'admin/integrations/inbound',
    lazy: async () => ({ Component: (await import('./InboundPage')).InboundPage }),
  },
  {
    path: 'admin/integrations/health',
    lazy: async () => ({ Component: (await import('./IntegrationHealthPage')).IntegrationHealthPage }),
  },
  {
    path: 'admin/integrations/tokens',
    lazy: async () => ({ Component: (await import('./ApiTokensPage')).ApiTokensPage }),
  },
];
