import { z } from '../../http/zod';
import { idParams, requiredText, uuid } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import type { AppDeps } from '../../app-deps';
import { apiScopes } from '../../auth/scopes';
import { exampleToken, presentToken, tokenSchema } from './api-tokens.presenter';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';

/** Admin-only management of API tokens (api.md); tokens themselves can never reach these routes. */
export function apiTokenRoutes(deps: AppDeps): AnyRoute[] {
  const tags = ['Authentication'];
  return [
    defineRoute({
      method: 'get',
      path: '/auth/api-tokens/',
      operationId: 'listApiTokens',
      summary: 'List API tokens (never their secrets)',
      tags,
      auth: 'admin',
      scope: null,
      query: listQuery(['created_at', 'name'], {}),
      responses: {
        200: {
          description: 'A page of tokens',
          schema: paginated(tokenSchema),
          example: { count: 1, next: null, previous: null, results: [exampleToken] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listApiTokens(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentToken) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/api-tokens/',
      operationId: 'createApiToken',
      idempotent: true,
      summary: 'Create an API token (the secret is shown once)',
      description:
        'The token acts as you, with your rights, on the routes its `scopes` open; every decision made with it is credited to you and shows the token in the history. With `service_account`, it acts as that service account instead (an integration’s own identity, which can only raise requests). Only the sha256 of its secret is stored.',
      tags,
      auth: 'admin',
      scope: null,
      body: z.strictObject({
        name: requiredText(120),
        scopes: z.array(z.enum(apiScopes)).min(1).max(apiScopes.length),
        service_account: uuid.optional().describe('A token of this service account instead of your own'),
        expires_at: z.iso.datetime({ offset: true }).optional(),
        rate_limit_per_hour: z.number().int().min(1).max(1_000_000).optional(),
      }),
      bodyExample: {
        name: 'ERP integration',
        scopes: ['requests:read', 'orders:read'],
        expires_at: '2027-01-10T09:00:00Z',
        rate_limit_per_hour: 5000,
      },
      responses: {
        201: {
          description: 'Created',
          schema: tokenSchema.extend({ token: z.string() }),
          example: { ...exampleToken, token: 'prs_k3v9x2qa_4f0Jm2bS8xR1qL7nV5cT3yW9pK6hD2gA0eZ8uI4oQ1s' },
        },
      },
      handler: async ({ body, principal, db }) => {
        const { row, token } = await createApiToken(db, principal, body);
        return { status: 201, body: { ...presentToken(row), token } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/auth/api-tokens/{id}/',
      operationId: 'revokeApiToken',
      summary: 'Revoke an API token (it answers 401 from now on)',
      tags,
      auth: 'admin',
      scope: null,
      params: idParams,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ params, db }) => {
        await revokeApiToken(db, params.id);
        return { status: 204 };
      },
    }),
  ];
}
