import { z } from '../../http/zod';
import { idParams } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { createSecretBox } from '../../../lib/webhooks/secret-box';
import {
  exampleInboundEvent,
  exampleProvider,
  inboundEventSchema,
  inboundEventsQuery,
  newProviderBody,
  providerName,
  providerSchema,
} from './integrations.schemas';
import { presentInboundEvent, presentProvider } from './integrations.presenter';
import { receiveInbound } from './inbound-webhooks';
import { createProvider, deactivateProvider, listProviders } from './integration-providers';
import { listInboundEvents } from './inbound-events';
import { orderWorkflows } from '../orders/order-workflow';

export function integrationRoutes(deps: AppDeps): AnyRoute[] {
  const secretBox = createSecretBox(deps.config.auth.jwtSecret);
  const providerDeps = { secretBox };
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
      description: 'Send the provider’s `whsec_` secret, or leave it out and give the provider the one generated here.',
      tags,
      auth: 'admin',
      body: newProviderBody,
      bodyExample: { name: 'acme-logistics' },
      responses: {
        201: {
          description: 'Registered',
          schema: providerSchema.extend({ secret: z.string() }),
          example: { ...exampleProvider, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        },
      },
      handler: async ({ body, principal, db }) => {
        const { provider, secret } = await createProvider({ ...providerDeps, knex: db }, principal.userId, body);
        return { status: 201, body: { ...presentProvider(provider), secret } };
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
