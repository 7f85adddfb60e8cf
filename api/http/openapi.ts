import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from './zod';
import { apiPrefixes } from './router';
import { problemStatuses, type AnyRoute } from './route';
import { problemKindForStatus } from './problem-table';
import { webhookEventTypes } from '../../contracts/webhooks';
import { eventCatalogue } from '../features/webhooks/event-catalogue';
import { eventPayloadSchema } from '../features/webhooks/event-schemas';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
    instance: z.string().optional(),
    request_id: z.string(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details; `errors` is present on validation failures.' });

const authText: Record<AnyRoute['auth'], string> = {
  public: 'No authentication.',
  user: 'Requires a bearer token.',
  admin: 'Requires a bearer token of an administrator.',
};

/** The OpenAPI 3.1 document, generated from the same route definitions that build the router. */
export function buildOpenApiDocument(routes: AnyRoute[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT or prs_ API token',
    description:
      'An access token from POST /api/auth/token/, or an API token (prs_<prefix>_<secret>) narrowed to its scopes.',
  });
  for (const route of routes) {
    const base = (route.mount ?? 'api') === 'api' ? apiPrefixes[0] : '';
    registry.registerPath({
      method: route.method,
      path: base + route.path,
      operationId: route.operationId,
      summary: route.summary,
      description: [route.description, authText[route.auth], scopeText(route)].filter(Boolean).join('\n\n'),
      tags: route.tags,
      security: route.auth === 'public' ? [] : [{ bearerAuth: [] }],
      'x-auth': route.auth,
      ...(route.auth === 'public' ? {} : { 'x-required-scope': route.scope ?? null }),
      request: {
        params: route.params,
        query: route.query,
        ...(route.idempotent ? { headers: idempotencyHeader } : {}),
        body: requestBody(route),
      },
      responses: { ...successResponses(route), ...problemResponses(route) },
    } as Parameters<OpenAPIRegistry['registerPath']>[0]);
  }
  registerWebhooks(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Procurement service API',
      version: '1.0.0',
      description:
        'Purchase requests, approval chains, purchase orders and webhooks. Every route also answers under /api/v1/; trailing slashes are optional. Errors are RFC 9457 problem documents.',
      license: { name: 'MIT', identifier: 'MIT' },
      contact: {
        name: 'Procurement service maintainers',
        url: 'https://github.com/procurement-service/procurement-service/issues',
      },
    },
    servers: [{ url: serverUrl }],
    tags: apiTags,
  });
}

/** The top-level tag list: every route's tag is one of these (Spectral's operation-tag-defined checks). */
export const apiTags = [
  { name: 'Operations', description: 'Liveness, readiness and Prometheus metrics.' },
  { name: 'Documentation', description: 'This document, Swagger UI and Redoc.' },
  {
    name: 'Authentication',
    description: 'Sign-in, token refresh and verification, logout, password change and API tokens.',
  },
  { name: 'Me', description: 'The signed-in user: profile, e-mail change and confirmation.' },
  { name: 'Users', description: 'People and service accounts, their roles and access scopes (administrators).' },
  { name: 'Roles', description: 'The roles users can hold.' },
  { name: 'Teams', description: 'Teams, their members and their approvers.' },
  {
    name: 'Tenants',
    description:
      'The organisations one deployment serves: registration creates one; platform administrators manage them all, a tenant’s administrators their own.',
  },
  { name: 'Templates', description: 'Versioned request forms and approval chains per team.' },
  {
    name: 'Purchase requests',
    description: 'Drafting, submitting and deciding purchase requests; inboxes and timelines.',
  },
  { name: 'Attachments', description: 'Files attached to purchase requests.' },
  { name: 'Purchase orders', description: 'Orders opened from completed requests or by hand, their status and notes.' },
  { name: 'Shipping', description: 'Shipments of purchase orders.' },
  {
    name: 'Catalogue',
    description:
      'Products and their categories, vendors and what each offers, warehouses: read by everyone, changed by procurement officers and administrators.',
  },
  {
    name: 'Inventory',
    description:
      'Stock levels per product and warehouse and the append-only ledger of movements behind them: counts, bulk updates, transfers, the ledger check.',
  },
  {
    name: 'Sales',
    description:
      'Stock issued to customers (seed 003), through the ledger; for procurement officers and administrators.',
  },
  {
    name: 'Webhooks',
    description:
      'Outgoing webhook endpoints, the event catalogue and deliveries. The payload of each event is under `webhooks`.',
  },
  {
    name: 'Integrations',
    description: 'Signed inbound webhooks from logistics providers, and the health of each provider.',
  },
  { name: 'Audit', description: 'The hash-chained audit log and its verification.' },
  { name: 'Dashboard', description: 'Spend and cycle-time figures for finance and administrators.' },
];

/**
 * The `webhooks` section: one entry per event type, the body every delivery POSTs. Receivers answer
 * 2xx to acknowledge; anything else (or no answer in time) is retried with backoff.
 */
function registerWebhooks(registry: OpenAPIRegistry): void {
  const catalogue = new Map(eventCatalogue().map((entry) => [entry.type, entry]));
  for (const type of webhookEventTypes) {
    const entry = catalogue.get(type);
    registry.registerWebhook({
      method: 'post',
      path: type,
      operationId: `webhook_${type.replace(/\./g, '_')}`,
      summary: type,
      description: `${entry?.description ?? ''}\n\nSigned per Standard Webhooks (headers webhook-id, webhook-timestamp, webhook-signature). Delivery is at-least-once and unordered: deduplicate on \`id\` and order a resource's events by \`sequence\`.`,
      tags: ['Webhooks'],
      // The service calls the receiver: no bearer token; the signature headers authenticate it.
      security: [],
      request: {
        headers: webhookHeaders,
        body: {
          required: true,
          content: { 'application/json': { schema: eventPayloadSchema(type), example: entry?.example } },
        },
      },
      responses: {
        200: { description: 'Any 2xx acknowledges the delivery.' },
        410: {
          description: 'Answer 410 Gone to unsubscribe: the endpoint is disabled and nothing more is sent to it.',
        },
      },
    });
  }
}

const webhookHeaders = z.object({
  'webhook-id': z.string().describe('The event id (evt_…), the same on every retry.'),
  'webhook-timestamp': z.string().regex(/^\d+$/).describe('Unix seconds when this attempt was signed.'),
  'webhook-signature': z
    .string()
    .describe('v1,<base64 HMAC-SHA256 of "id.timestamp.body">, space-separated while a rotated secret overlaps.'),
});

const binary = z.string().openapi({ format: 'binary' });
const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .max(200)
    .optional()
    .describe(
      'Repeat a request safely: the same key with the same body within 24 h answers the first response again (header Idempotent-Replayed: true); with another body, 422.',
    ),
});

/** JSON, multipart (text fields from the body schema plus the file field), or both. */
function requestBody(route: AnyRoute) {
  if (!route.body && !route.multipart) return undefined;
  const content: Record<string, unknown> = {};
  if (route.body && (!route.multipart || route.multipart.allowJson)) {
    content['application/json'] = { schema: route.body, example: route.bodyExample };
  }
  if (route.multipart) {
    const { fileField, maxFiles } = route.multipart;
    const fields = route.body instanceof z.ZodObject ? route.body : z.object({});
    content['multipart/form-data'] = {
      schema: fields.extend({ [fileField]: maxFiles > 1 ? z.array(binary).max(maxFiles).optional() : binary }),
    };
  }
  // A body every field of which is optional may be left out altogether (approve, for one).
  const optional = Boolean(route.multipart?.allowJson) || Boolean(route.body?.safeParse({}).success);
  return { required: !optional, content };
}

function scopeText(route: AnyRoute): string | undefined {
  if (route.auth === 'public') return undefined;
  return route.scope ? `API tokens need the \`${route.scope}\` scope.` : 'Not available to API tokens.';
}

function successResponses(route: AnyRoute) {
  return Object.fromEntries(
    Object.entries(route.responses).map(([status, spec]) => [
      status,
      {
        description: spec.description,
        ...(spec.schema || spec.contentType
          ? {
              content: {
                [spec.contentType ?? 'application/json']: { schema: spec.schema ?? z.string(), example: spec.example },
              },
            }
          : {}),
      },
    ]),
  );
}

function problemResponses(route: AnyRoute) {
  return Object.fromEntries(
    problemStatuses(route).map((status) => {
      const kind = problemKindForStatus(status);
      return [
        status,
        {
          description: kind.title,
          content: {
            'application/problem+json': {
              schema: problemSchema,
              example: {
                type: `/problems/${kind.slug}`,
                title: kind.title,
                status,
                detail: kind.title + '.',
                ...(status === 400 ? { errors: { field: ['This field is required.'] } } : {}),
                request_id: '6f1c1b7e-7c1e-4b8e-9a57-2f5a2b9d3c11',
              },
            },
          },
        },
      ];
    }),
  );
}
