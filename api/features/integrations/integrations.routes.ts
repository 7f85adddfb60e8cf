import { z } from '../../http/zod';
import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { createSecretBox } from '../../../lib/webhooks/secret-box';
import {
  exampleInboundEvent,
  exampleIntegrationHealth,
  exampleProvider,
  inboundEventSchema,
  inboundEventsQuery,
  integrationHealthSchema,
  newProviderBody,
  providerName,
  providerSchema,
  updateProviderBody,
} from './integrations.schemas';
import { presentInboundEvent, presentProvider } from './integrations.presenter';
import { receiveInbound } from './inbound-webhooks';
import {
  createProvider,
  deactivateProvider,
  getProvider,
  listProviders,
  updateProvider,
  type ProviderDeps,
} from './integration-providers';
import { integrationHealth } from './integration-health';
import type { Principal } from '../../auth/principal';
import type { Knex } from 'knex';
import { listInboundEvents } from './inbound-events';
import { orderWorkflows } from '../orders/order-workflow';

export function integrationRoutes(deps: AppDeps): AnyRoute[] {
  const secretBox = createSecretBox(deps.config.auth.jwtSecret);
  const { intervalSeconds } = deps.config.integrationHealth;
  const providerDeps = (db: Knex, principal: Principal): ProviderDeps => ({
    knex: db,
    secretBox,
    policy: { allowPrivate: deps.config.webhooks.allowPrivateTargets, allowHttp: deps.config.webhooks.allowHttp },
    healthChecks: {
      ensure: () => deps.temporal.ensureIntegrationHealth(principal.tenantId, intervalSeconds),
      runNow: () => deps.temporal.checkIntegrationHealthNow(principal.tenantId, intervalSeconds),
    },
  });
  // eslint-disable-next-line no-restricted-syntax -- public: the signature names the tenant (decision 0036)
  const inboundDeps = { knex: deps.knex, secretBox, workflows: orderWorkflows(deps.temporal) };
  const tags = ['Integrations'];
  return [
    defineRoute({
      method: 'post',
      path: '/integrations/webhooks/{provider}/',
      operationId: 'receiveInboundWebhook',
      summary: 'Receive a signed event from a registered integration',
      description:
        'Standard Webhooks: `webhook-id`, `webhook-timestamp` (within 5 minutes) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the provider’s secret; anything else is 401. A repeated `webhook-id` answers 200 `duplicate` and does nothing. `order.confirmed` and `shipment.delivered` (with `data.order_id` or `data.order_number`) move the order through its workflow (409 when the order cannot make that change); other types are stored and ignored.',
      tags,
      auth: 'public',
      params: z.strictObject({ provider: providerName }),
      body: z.record(z.string(), z.unknown()),
      bodyExample: {
        type: 'shipment.delivered',
        data: { order_number: 'PO-2026-000042', delivered_at: '2026-01-20T15:04:00Z' },
      },
      errors: [401, 404, 409],
      responses: {
        200: {
          description: 'Accepted',
          schema: z.object({ status: z.enum(['applied', 'ignored', 'duplicate']), event_id: z.string() }),
          example: { status: 'applied', event_id: 'msg_2Lx9cF7' },
        },
      },
      handler: async ({ params, body, ctx }) => ({
        body: await receiveInbound(inboundDeps, {
          provider: params.provider,
          headers: {
            id: ctx.get('webhook-id') || undefined,
            timestamp: ctx.get('webhook-timestamp') || undefined,
            signature: ctx.get('webhook-signature') || undefined,
          },
          rawBody: String((ctx.request as { rawBody?: string }).rawBody ?? ''),
          body,
        }),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/providers/',
      operationId: 'listIntegrationProviders',
      scope: 'webhooks:manage',
      summary: 'List integration providers',
      tags,
      auth: 'admin',
      query: listQuery(['name', 'created_at'], {}),
      responses: {
        200: {
          description: 'A page of providers',
          schema: paginated(providerSchema),
          example: { count: 1, next: null, previous: null, results: [exampleProvider] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listProviders(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentProvider) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/integrations/providers/',
      operationId: 'createIntegrationProvider',
      scope: 'webhooks:manage',
      summary: 'Register an integration provider (the signing secret is shown once)',
      description:
        'Send the provider’s `whsec_` secret, or leave it out and give the provider the one generated here. A `health_url` (checked like a webhook URL: no private or reserved addresses) is probed with a GET every `INTEGRATION_HEALTH_INTERVAL_SECONDS` by the tenant’s `integration-health-{tenantId}` Schedule; see `GET /api/integrations/health/`. At most 50 providers may be active (409).',
      tags,
      auth: 'admin',
      body: newProviderBody,
      bodyExample: { name: 'acme-logistics', health_url: 'https://api.acme-logistics.example/health' },
      errors: [409],
      responses: {
        201: {
          description: 'Registered',
          schema: providerSchema.extend({ secret: z.string() }),
          example: { ...exampleProvider, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        },
      },
      handler: async ({ body, principal, db }) => {
        const { provider, secret } = await createProvider(providerDeps(db, principal), principal.userId, body);
        return { status: 201, body: { ...presentProvider(provider), secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/providers/{id}/',
      operationId: 'getIntegrationProvider',
      scope: 'webhooks:manage',
      summary: 'One integration provider (never its secret)',
      tags,
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'The provider', schema: providerSchema, example: exampleProvider } },
      handler: async ({ params, db }) => ({ body: presentProvider(await getProvider(db, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/integrations/providers/{id}/',
      operationId: 'updateIntegrationProvider',
      scope: 'webhooks:manage',
      summary: 'Change a provider’s health URL (null stops its checks), or reactivate it',
      description:
        'A new `health_url` is checked like a webhook URL and forgets the previous URL’s last check. `is_active: true` reactivates a deactivated provider (409 when 50 are active already).',
      tags,
      auth: 'admin',
      params: idParams,
      body: updateProviderBody,
      bodyExample: { health_url: 'https://api.acme-logistics.example/status' },
      errors: [409],
      responses: { 200: { description: 'The provider', schema: providerSchema, example: exampleProvider } },
      handler: async ({ params, body, principal, db }) => ({
        body: presentProvider(await updateProvider(providerDeps(db, principal), params.id, body)),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/health/',
      operationId: 'getIntegrationHealth',
      scope: 'webhooks:manage',
      summary: 'Health of the integration providers, from their latest checks',
      description:
        'Each active provider by name: `healthy` (a 2xx within `INTEGRATION_HEALTH_DEGRADED_MS`), `degraded` (a slower 2xx, or 429), `down` (no answer within `INTEGRATION_HEALTH_TIMEOUT_MS`, a refused address or any other status), or `unknown` (no health URL, or not probed yet). `response_time` is in milliseconds. The top-level `status` is `healthy` when every checked provider is, `down` when every one is, `degraded` otherwise.',
      tags,
      auth: 'admin',
      responses: {
        200: { description: 'The latest checks', schema: integrationHealthSchema, example: exampleIntegrationHealth },
      },
      handler: async ({ db }) => ({
        body: { ...(await integrationHealth(db)), check_interval_seconds: intervalSeconds },
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/integrations/health/check/',
      operationId: 'checkIntegrationHealth',
      scope: 'webhooks:manage',
      summary: 'Probe every provider now (results appear in GET /api/integrations/health/)',
      tags,
      auth: 'admin',
      body: z.strictObject({}),
      bodyExample: {},
      responses: {
        202: {
          description: 'A round of checks started',
          schema: z.object({ status: z.literal('started') }),
          example: { status: 'started' },
        },
      },
      handler: async ({ principal }) => {
        await deps.temporal.checkIntegrationHealthNow(principal.tenantId, intervalSeconds);
        return { status: 202, body: { status: 'started' as const } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/integrations/providers/{id}/',
      operationId: 'deactivateIntegrationProvider',
      scope: 'webhooks:manage',
      summary: 'Deactivate a provider (its events are refused from now on)',
      tags,
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'Deactivated' } },
      handler: async ({ params, db }) => {
        await deactivateProvider(db, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/integrations/events/',
      operationId: 'listInboundEvents',
      scope: 'webhooks:manage',
      summary: 'Events received from integrations',
      tags,
      auth: 'admin',
      query: inboundEventsQuery,
      responses: {
        200: {
          description: 'A page of events',
          schema: paginated(inboundEventSchema),
          example: { count: 1, next: null, previous: null, results: [exampleInboundEvent] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listInboundEvents(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentInboundEvent) };
      },
    }),
  ];
}
