import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from '../schemas/zod';
import { apiPrefixes } from './router';
import { problemStatuses, type AnyRoute } from './route';
import { problemKindForStatus } from './problem-table';

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
    description: 'An access token from POST /api/auth/token/, or an API token (prs_<prefix>_<secret>) narrowed to its scopes.',
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
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Procurement service API',
      version: '1.0.0',
      description:
        'Purchase requests, approval chains, purchase orders and webhooks. Every route also answers under /api/v1/; trailing slashes are optional. Errors are RFC 9457 problem documents.',
    },
    servers: [{ url: serverUrl }],
  });
}

const binary = z.string().openapi({ format: 'binary' });
const idempotencyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .max(200)
    .optional()
    .describe('Repeat a request safely: the same key with the same body within 24 h answers the first response again (header Idempotent-Replayed: true); with another body, 422.'),
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
    content['multipart/form-data'] = { schema: fields.extend({ [fileField]: maxFiles > 1 ? z.array(binary).max(maxFiles).optional() : binary }) };
  }
  return { required: !route.multipart?.allowJson, content };
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
          ? { content: { [spec.contentType ?? 'application/json']: { schema: spec.schema ?? z.string(), example: spec.example } } }
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
