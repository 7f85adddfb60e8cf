import { z } from '../../http/zod';
import { idParams, uuid } from '../../http/common.schemas';
import {
  createEndpointBody,
  deliveryDetailSchema,
  deliverySchema,
  endpointSchema,
  endpointWithSecretSchema,
  exampleDelivery,
  exampleEndpoint,
  updateEndpointBody,
} from './webhooks.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { applyOrdering, listQuery, paginated, pageBody } from '../../http/pagination';
import { containsPattern } from '../../../db/paging';
import { NotFoundError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import { createSecretBox } from '../../../lib/webhooks/secret-box';
import { WebhookDelivery, WebhookEndpoint } from '../../../db/models';
import { webhookEventTypes } from '../../../contracts/webhooks';
import { eventCatalogue } from './event-catalogue';
import { createEndpoint, findEndpoint, redeliver, rotateSecret, updateEndpoint } from './webhook-endpoints';
import { iso } from '../../http/iso';

function presentEndpoint(endpoint: WebhookEndpoint) {
  const rotating = endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date();
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    event_types: endpoint.eventTypes,
    is_active: endpoint.isActive,
    disabled_reason: endpoint.disabledReason,
    secret_rotated_until: rotating ? iso(endpoint.previousSecretExpiresAt) : null,
    created_at: iso(endpoint.createdAt) as string,
    updated_at: iso(endpoint.updatedAt) as string,
  };
}

function presentDelivery(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    endpoint_id: delivery.endpointId,
    status: delivery.status,
    attempt_count: delivery.attemptCount,
    last_status_code: delivery.lastStatusCode,
    redelivery_of: delivery.redeliveryOf,
    created_at: iso(delivery.createdAt) as string,
    completed_at: iso(delivery.completedAt),
  };
}

const catalogueSchema = z
  .array(z.object({ type: z.string(), description: z.string(), example: z.record(z.string(), z.unknown()) }))
  .openapi('WebhookEventCatalogue');

export function webhookRoutes(deps: AppDeps): AnyRoute[] {
  const endpointDeps = {
    knex: deps.knex,
    secretBox: createSecretBox(deps.config.auth.jwtSecret),
    policy: { allowPrivate: deps.config.webhooks.allowPrivateTargets, allowHttp: deps.config.webhooks.allowHttp },
  };
  const tags = ['Webhooks'];
  return [
    defineRoute({
      method: 'get',
      path: '/webhooks/event-types/',
      operationId: 'webhookEventTypes',
      scope: 'webhooks:manage',
      summary: 'The event catalogue, each type with an example payload',
      tags,
      auth: 'user',
      responses: {
        200: { description: 'Every event type', schema: catalogueSchema, example: eventCatalogue().slice(0, 1) },
      },
      handler: async () => ({ body: eventCatalogue() }),
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/endpoints/',
      operationId: 'listWebhookEndpoints',
      scope: 'webhooks:manage',
      summary: 'List webhook endpoints',
      tags,
      auth: 'admin',
      query: listQuery(['created_at', 'url'], {}),
      responses: {
        200: {
          description: 'A page of endpoints',
          schema: paginated(endpointSchema),
          example: { count: 1, next: null, previous: null, results: [exampleEndpoint] },
        },
      },
      handler: async ({ query, ctx }) => {
        const builder = WebhookEndpoint.query(deps.knex);
        if (query.search) builder.whereILike('webhookEndpoints.url', containsPattern(query.search));
        applyOrdering(
          builder,
          query.ordering,
          { created_at: 'webhookEndpoints.createdAt', url: 'webhookEndpoints.url' },
          '-created_at',
          'webhookEndpoints.id',
        );
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentEndpoint) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/endpoints/',
      operationId: 'createWebhookEndpoint',
      scope: 'webhooks:manage',
      idempotent: true,
      summary: 'Register a webhook endpoint (the secret is shown once)',
      description:
        'Only `https` URLs whose host resolves to public addresses, unless WEBHOOK_ALLOW_HTTP / WEBHOOK_ALLOW_PRIVATE_TARGETS say otherwise. The answer carries the `whsec_` signing secret; it is never shown again.',
      tags,
      auth: 'admin',
      body: createEndpointBody,
      bodyExample: {
        url: 'https://erp.example.com/hooks/procurement',
        description: 'ERP sync',
        event_types: ['purchase_request.completed', 'order.updated'],
      },
      responses: {
        201: {
          description: 'Created',
          schema: endpointWithSecretSchema,
          example: { ...exampleEndpoint, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
        },
      },
      handler: async ({ body, principal }) => {
        const { endpoint, secret } = await createEndpoint(endpointDeps, principal.userId, body);
        return { status: 201, body: { ...presentEndpoint(endpoint), secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/endpoints/{id}/',
      operationId: 'getWebhookEndpoint',
      scope: 'webhooks:manage',
      summary: 'A webhook endpoint',
      tags,
      auth: 'admin',
      params: idParams,
      responses: { 200: { description: 'The endpoint', schema: endpointSchema, example: exampleEndpoint } },
      handler: async ({ params }) => ({ body: presentEndpoint(await findEndpoint(deps.knex, params.id)) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/webhooks/endpoints/{id}/',
      operationId: 'updateWebhookEndpoint',
      scope: 'webhooks:manage',
      summary: 'Change a webhook endpoint (re-enable it with is_active: true)',
      tags,
      auth: 'admin',
      params: idParams,
      body: updateEndpointBody,
      bodyExample: { is_active: true },
      responses: { 200: { description: 'The endpoint', schema: endpointSchema, example: exampleEndpoint } },
      handler: async ({ params, body }) => ({
        body: presentEndpoint(await updateEndpoint(endpointDeps, params.id, body)),
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/webhooks/endpoints/{id}/',
      operationId: 'deleteWebhookEndpoint',
      scope: 'webhooks:manage',
      summary: 'Delete a webhook endpoint and its delivery records',
      tags,
      auth: 'admin',
      params: idParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ params }) => {
        await findEndpoint(deps.knex, params.id);
        await WebhookEndpoint.query(deps.knex).deleteById(params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/endpoints/{id}/rotate-secret/',
      operationId: 'rotateWebhookSecret',
      scope: 'webhooks:manage',
      summary: 'Rotate the signing secret',
      description:
        'Answers the new secret once. For 24 hours deliveries carry two signatures (new and old secret), so receivers can switch without losing events.',
      tags,
      auth: 'admin',
      params: idParams,
      responses: {
        200: {
          description: 'The endpoint with its new secret',
          schema: endpointWithSecretSchema,
          example: {
            ...exampleEndpoint,
            secret: 'whsec_1k4N7bS2hV0mXcQ9rT6yZ3wP8eJ5uA2L',
            secret_rotated_until: '2026-01-17T10:00:00.000Z',
          },
        },
      },
      handler: async ({ params }) => {
        const { endpoint, secret } = await rotateSecret(endpointDeps, params.id);
        return { body: { ...presentEndpoint(endpoint), secret } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/deliveries/',
      operationId: 'listWebhookDeliveries',
      scope: 'webhooks:manage',
      summary: 'List webhook deliveries',
      tags,
      auth: 'admin',
      query: listQuery(['created_at'], {
        endpoint: uuid.optional(),
        event_type: z.enum(webhookEventTypes).optional(),
        status: z.enum(['pending', 'succeeded', 'failed']).optional(),
      }),
      responses: {
        200: {
          description: 'A page of deliveries',
          schema: paginated(deliverySchema),
          example: { count: 1, next: null, previous: null, results: [exampleDelivery] },
        },
      },
      handler: async ({ query, ctx }) => {
        const builder = WebhookDelivery.query(deps.knex);
        if (query.endpoint) builder.where('webhookDeliveries.endpointId', query.endpoint);
        if (query.event_type) builder.where('webhookDeliveries.eventType', query.event_type);
        if (query.status) builder.where('webhookDeliveries.status', query.status);
        applyOrdering(
          builder,
          query.ordering,
          { created_at: 'webhookDeliveries.createdAt' },
          '-created_at',
          'webhookDeliveries.id',
        );
        return { body: await pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentDelivery) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/webhooks/deliveries/{id}/',
      operationId: 'getWebhookDelivery',
      scope: 'webhooks:manage',
      summary: 'A delivery with every attempt',
      tags,
      auth: 'admin',
      params: idParams,
      responses: {
        200: {
          description: 'The delivery',
          schema: deliveryDetailSchema,
          example: {
            ...exampleDelivery,
            attempts: [
              {
                attempt_number: 1,
                status_code: 200,
                response_excerpt: 'ok',
                latency_ms: 84,
                error: null,
                attempted_at: '2026-01-16T10:00:01.000Z',
              },
            ],
          },
        },
      },
      handler: async ({ params }) => {
        const delivery = await WebhookDelivery.query(deps.knex).findById(params.id).withGraphFetched('attempts');
        if (!delivery) throw new NotFoundError();
        return {
          body: {
            ...presentDelivery(delivery),
            attempts: (delivery.attempts ?? []).map((a) => ({
              attempt_number: a.attemptNumber,
              status_code: a.statusCode,
              response_excerpt: a.responseExcerpt,
              latency_ms: a.latencyMs,
              error: a.error,
              attempted_at: iso(a.attemptedAt) as string,
            })),
          },
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/webhooks/deliveries/{id}/redeliver/',
      operationId: 'redeliverWebhook',
      scope: 'webhooks:manage',
      summary: 'Deliver the same event to the same endpoint again',
      description:
        'A new delivery (with its own attempts); the relay starts it within OUTBOX_POLL_SECONDS. 409 while the original is still under way or the endpoint is disabled.',
      tags,
      auth: 'admin',
      params: idParams,
      errors: [409],
      responses: {
        202: {
          description: 'Accepted',
          schema: deliverySchema,
          example: {
            ...exampleDelivery,
            status: 'pending' as const,
            attempt_count: 0,
            last_status_code: null,
            completed_at: null,
          },
        },
      },
      handler: async ({ params }) => ({ status: 202, body: presentDelivery(await redeliver(deps.knex, params.id)) }),
    }),
  ];
}
