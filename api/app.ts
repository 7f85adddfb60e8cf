import cors from '@koa/cors';
import Koa from 'koa';
import helmet from 'koa-helmet';
import type { AppDeps } from './app-deps';
import { authenticate } from './auth/authenticate';
import { apiTokenRoutes } from './features/api-tokens/api-tokens.routes';
import { accessLog, optionalTrailingSlash, problemResponses, requestContext } from './http/middleware';
import { buildOpenApiDocument } from './http/openapi';
import type { AppState } from './http/context';
import type { AnyRoute } from './http/route';
import { buildRouter } from './http/router';
import { rateLimiter } from './http/rate-limit';
import { webApp } from './http/web-app';
import { createMetrics } from './observability/metrics';
import { attachmentRoutes } from './features/attachments/attachments.routes';
import { auditRoutes } from './features/audit/audit.routes';
import { authRoutes } from './features/identity/auth.routes';
import { tenantRoutes } from './features/tenants/tenants.routes';
import { sessionRoutes } from './features/identity/session.routes';
import { dashboardRoutes } from './features/dashboard/dashboard.routes';
import { docsRoutes } from './features/system/docs.routes';
import { integrationRoutes } from './features/integrations/integrations.routes';
import { meRoutes } from './features/identity/me.routes';
import { orderRoutes } from './features/orders/orders.routes';
import { requestActionRoutes } from './features/purchase-requests/request-actions.routes';
import { requestRoutes } from './features/purchase-requests/requests.routes';
import { roleRoutes } from './features/identity/roles.routes';
import { shippingRoutes } from './features/orders/shipping.routes';
import { systemRoutes } from './features/system/system.routes';
import { teamRoutes } from './features/teams/teams.routes';
import { productRoutes } from './features/catalogue/products.routes';
import { vendorRoutes } from './features/catalogue/vendors.routes';
import { warehouseRoutes } from './features/catalogue/warehouses.routes';
import { inventoryRoutes } from './features/inventory/inventory.routes';
import { salesRoutes } from './features/sales/sales.routes';
import { templateRoutes } from './features/templates/templates.routes';
import { userRoutes } from './features/identity/users.routes';
import { webhookRoutes } from './features/webhooks/webhooks.routes';

/** Builds the Koa app without listening, so tests drive it with supertest and servers with http. */
export function createApp(deps: AppDeps) {
  const metrics = createMetrics();
  const docs: { document?: unknown } = {};
  const routes: AnyRoute[] = [
    ...systemRoutes(deps, metrics),
    ...docsRoutes(() => docs.document),
    ...authRoutes(deps),
    ...tenantRoutes(deps),
    ...sessionRoutes(deps),
    ...meRoutes(deps),
    ...userRoutes(deps),
    ...teamRoutes(deps),
    ...roleRoutes(),
    ...templateRoutes(deps),
    ...requestRoutes(deps),
    ...requestActionRoutes(deps),
    ...attachmentRoutes(deps),
    ...orderRoutes(deps),
    ...shippingRoutes(deps),
    ...productRoutes(deps),
    ...vendorRoutes(deps),
    ...warehouseRoutes(deps),
    ...inventoryRoutes(deps),
    ...salesRoutes(deps),
    ...webhookRoutes(deps),
    ...integrationRoutes(deps),
    ...apiTokenRoutes(deps),
    ...auditRoutes(deps),
    ...dashboardRoutes(),
  ];
  docs.document = buildOpenApiDocument(routes, deps.config.publicBaseUrl);

  // Behind a proxy only the address the proxy itself appended counts: clients can forge the rest.
  const app = new Koa<AppState>({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  // Errors after the answer started (a client hanging up mid-download) reach here, not the problem
  // middleware: log them as JSON like everything else instead of Koa's console default.
  app.on('error', (error: Error) =>
    deps.logger.warn({ err: { message: error.message, name: error.name } }, 'response stream error'),
  );
  const limiter = rateLimiter(deps.knex, deps.config.rateLimits);
  const router = buildRouter(routes, {
    authenticate: authenticate(deps.config.auth.jwtSecret, deps.knex),
    validateResponses: deps.config.env !== 'production',
    maxUploadBytes: deps.config.maxUploadBytes,
    rateLimit: limiter.route,
    knex: deps.knex,
  });
  app.use(requestContext(deps.logger));
  app.use(accessLog(metrics));
  app.use(problemResponses());
  app.use(
    helmet({
      // TLS ends at the proxy: no upgrade-insecure-requests, which breaks the docs on plain-HTTP hosts.
      contentSecurityPolicy: { directives: { 'worker-src': ["'self'", 'blob:'], 'upgrade-insecure-requests': null } },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(
    cors({
      origin: (ctx) => (deps.config.corsAllowedOrigins.includes(ctx.get('Origin')) ? ctx.get('Origin') : ''),
      exposeHeaders: ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'],
      allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
      maxAge: 600,
    }),
  );
  app.use(privateByDefault());
  // The web app's files before the rate limits: they are not API calls, cost a file read, and a 429 on a
  // script would break the app for everyone behind one address (decision 0032).
  app.use(webApp(deps.config.webDistDir));
  app.use(limiter.anonymous);
  app.use(optionalTrailingSlash());
  app.use(router.routes());
  // Sets 405 with `Allow` (and 501 for methods no route knows); problemResponses writes the problem.
  app.use(router.allowedMethods());
  return { app, routes, openApi: docs.document, metrics };
}

/** Answers carry tokens and other people's data: no shared or browser cache keeps them unless a route says so. */
function privateByDefault(): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', 'no-store');
    }
  };
}
