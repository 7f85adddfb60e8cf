import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Layout } from './Layout';
import { homeFor } from './navigation';
import { useMe } from '../session/session';
import { SignInPage } from '../features/sign-in/SignInPage';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from '../ui/components';
import { requestRoutes } from '../features/requests/routes';
import { orderRoutes } from '../features/orders/routes';
import { adminRoutes } from '../features/admin/routes';
import { dashboardRoutes } from '../features/dashboard/routes';
import { profileRoutes } from '../features/profile/routes';
import { integrationRoutes } from '../features/integrations/routes';
import { tenantRoutes } from '../features/tenants/routes';
import { catalogueRoutes } from '../features/catalogue/routes';
import { inventoryRoutes } from '../features/inventory/routes';
import { RegisterPage } from '../features/register/RegisterPage';

function Home() {
  const { can } = useMe();
  return <Navigate to={homeFor(can)} replace />;
}

/** Every path of the app; the Koa app answers each of them with index.html (deep links). */
export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/register', element: <RegisterPage /> },
  {
    path: '/',
    element: <Layout />,
    // Shown while a lazily loaded screen (admin, integrations, dashboard) arrives on a first page load.
    hydrateFallbackElement: <Loading what="the page" />,
    children: [
      { index: true, element: <Home /> },
      ...requestRoutes,
      ...orderRoutes,
      ...catalogueRoutes,
      ...inventoryRoutes,
      ...dashboardRoutes,
      ...profileRoutes,
      ...adminRoutes,
      ...integrationRoutes,
      ...tenantRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
