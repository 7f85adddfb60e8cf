import type { RouteObject } from 'react-router';

/** Administrators' screens, each its own chunk. */
export const tenantRoutes: RouteObject[] = [
  {
    path: 'admin/organisation',
    lazy: async () => ({ Component: (await import('./OrganisationPage')).OrganisationPage }),
  },
  { path: 'admin/tenants', lazy: async () => ({ Component: (await import('./TenantsPage')).TenantsPage }) },
];
