import { z } from '../../http/zod';
import { idParams, timestamp, uuid } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { applyOrdering, listQuery, pageEnvelope, paginated, pageBody } from '../../http/pagination';
import { fetchPage } from '../../../db/paging';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import { createSecretBox, newSigningSecret } from '../../../lib/webhooks/secret-box';
import { signingSecret } from '../webhooks/webhooks.schemas';
import { InboundEvent, IntegrationProvider } from '../../../db/models';
import { receiveInbound } from './inbound-webhooks';
import { orderWorkflows } from '../orders/order-workflow';
import { isoTime as iso } from '../../http/iso';

const providerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'Use lower-case letters, digits, - and _ (at most 64).');
const providerSchema = z
  .object({ id: uuid, name: z.string(), is_active: z.boolean(), created_at: timestamp })
  .openapi('IntegrationProvider');
const inboundEventSchema = z
  .object({
    id: uuid,
    provider: z.string(),
    event_id: z.string(),
    type: z.string(),
    status: z.enum(['pending', 'applied', 'ignored', 'rejected']),
    result: z.string(),
    payload: z.record(z.string(), z.unknown()),
    received_at: timestamp,
  })
  .openapi('InboundEvent');
const exampleProvider = {
  id: '0a1b2c3d-0000-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'acme-logistics',
  is_active: true,
  created_at: '2026-01-10T09:00:00.000Z',
};

const presentProvider = (provider: IntegrationProvider) => ({
  id: provider.id,
  name: provider.name,
  is_active: provider.isActive,
  created_at: iso(provider.createdAt),
});

export function integrationRoutes(deps: AppDeps): AnyRoute[] {
  const secretBox = createSecretBox(deps.config.auth.jwtSecret);
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
      handler: async ({ query, ctx }) => {
        const builder = IntegrationProvider.query(deps.knex);
        applyOrdering(
          builder,
          query.ordering,
          { name: 'integrationProviders.name', created_at: 'integrationProviders.createdAt' },
          'name',
          'integrationProviders.id',
        );
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentProvider) };
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
      body: z.strictObject({ name: providerName, secret: signingSecret.optional() }),
      bodyExample: { name: 'acme-logistics' },
      responses: {
        201: {
          description: 'Registered',
          schema: providerSchema.extend({ secret: z.string() }),
          example: { ...exampleProvider, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        },
      },
      handler: async ({ body, principal }) => {
        if (await IntegrationProvider.query(deps.knex).whereRaw('lower(name) = ?', [body.name]).first())
          throw ValidationError.field('name', 'A provider with this name exists.');
        const secret = body.secret ?? newSigningSecret();
        const provider = await IntegrationProvider.query(deps.knex).insertAndFetch({
          name: body.name,
          secretEncrypted: secretBox.seal(secret),
          createdBy: principal.userId,
        });
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
      handler: async ({ params }) => {
        const changed = await IntegrationProvider.query(deps.knex)
          .findById(params.id)
          .patch({ isActive: false, updatedAt: new Date() });
        if (!changed) throw new NotFoundError();
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
      query: listQuery(['received_at'], {
        provider: providerName.optional(),
        type: z.string().max(100).optional(),
        status: z.enum(['pending', 'applied', 'ignored', 'rejected']).optional(),
      }),
      responses: {
        200: {
          description: 'A page of events',
          schema: paginated(inboundEventSchema),
          example: {
            count: 1,
            next: null,
            previous: null,
            results: [
              {
                id: '9f8e7d6c-0000-4b5a-8c9d-0e1f2a3b4c5d',
                provider: 'acme-logistics',
                event_id: 'msg_2Lx9cF7',
                type: 'shipment.delivered',
                status: 'applied',
                result: 'order PO-2026-000042 is delivered',
                payload: { type: 'shipment.delivered', data: { order_number: 'PO-2026-000042' } },
                received_at: '2026-01-20T15:04:01.000Z',
              },
            ],
          },
        },
      },
      handler: async ({ query, ctx }) => {
        const builder = InboundEvent.query(deps.knex).withGraphFetched('provider');
        if (query.provider)
          builder.whereIn(
            'inboundEvents.providerId',
            IntegrationProvider.query(deps.knex).select('id').whereRaw('lower(name) = ?', [query.provider]),
          );
        if (query.type) builder.where('inboundEvents.type', query.type);
        if (query.status) builder.where('inboundEvents.status', query.status);
        applyOrdering(
          builder,
          query.ordering,
          { received_at: 'inboundEvents.receivedAt' },
          '-received_at',
          'inboundEvents.id',
        );
        const page = await fetchPage(builder, query.page, query.page_size);
        const results = page.results.map((event) => ({
          id: event.id,
          provider: event.provider?.name ?? '',
          event_id: event.eventId,
          type: event.type,
          status: event.status,
          result: event.result,
          payload: event.payload,
          received_at: iso(event.receivedAt),
        }));
        return { body: pageEnvelope(ctx, deps.config.publicBaseUrl, page, results, query.page_size, query.page) };
      },
    }),
  ];
}
