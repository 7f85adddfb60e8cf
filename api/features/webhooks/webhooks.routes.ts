import { idParams } from '../../http/common.schemas';
import {
  catalogueSchema,
  createEndpointBody,
  endpointSchema,
  endpointWithSecretSchema,
  exampleEndpoint,
  exampleEndpointBody,
  exampleNewEndpoint,
  exampleRotatedEndpoint,
  updateEndpointBody,
} from './webhooks.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { createSecretBox } from '../../../lib/webhooks/secret-box';
import { eventCatalogue } from './event-catalogue';
import {
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listEndpoints,
  rotateSecret,
  updateEndpoint,
} from './webhook-endpoints';
import { presentEndpoint } from './webhooks.presenter';
import { webhookDeliveryRoutes } from './webhook-deliveries.routes';

/** The event catalogue and the webhook endpoints, then their deliveries (webhook-deliveries.routes.ts). */
export function webhookRoutes(deps: AppDeps): AnyRoute[] {
  const endpointDeps = {
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
      handler: async ({ query, ctx, db }) => {
        const page = await listEndpoints(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentEndpoint) };
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
      bodyExample: exampleEndpointBody,
      responses: {
        201: {
          description: 'Created',
          schema: endpointWithSecretSchema,
          example: exampleNewEndpoint,
        },
      },
      handler: async ({ body, principal, db }) => {
        const { endpoint, secret } = await createEndpoint({ ...endpointDeps, knex: db }, principal.userId, body);
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
      handler: async ({ params, db }) => ({ body: presentEndpoint(await findEndpoint(db, params.id)) }),
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
      handler: async ({ params, body, db }) => ({
        body: presentEndpoint(await updateEndpoint({ ...endpointDeps, knex: db }, params.id, body)),
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
      handler: async ({ params, db }) => {
        await deleteEndpoint(db, params.id);
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
          example: exampleRotatedEndpoint,
        },
      },
      handler: async ({ params, db }) => {
        const { endpoint, secret } = await rotateSecret({ ...endpointDeps, knex: db }, params.id);
        return { body: { ...presentEndpoint(endpoint), secret } };
      },
    }),
    ...webhookDeliveryRoutes(deps),
  ];
}
