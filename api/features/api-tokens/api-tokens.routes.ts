import { z } from '../../http/zod';
import { idParams, requiredText, timestamp, uuid } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, pageEnvelope, paginated } from '../../http/pagination';
import { NotFoundError, ValidationError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import { newApiToken } from '../../auth/api-tokens';
import { apiScopes } from '../../auth/scopes';
import { iso } from '../../http/iso';

const tokenSchema = z
  .object({
    id: uuid,
    name: z.string(),
    prefix: z.string(),
    user: z.object({ id: uuid, username: z.string() }),
    scopes: z.array(z.enum(apiScopes)),
    rate_limit_per_hour: z.number().int().nullable(),
    created_at: timestamp,
    expires_at: timestamp.nullable(),
    last_used_at: timestamp.nullable(),
    revoked_at: timestamp.nullable(),
  })
  .openapi('ApiToken');

const exampleToken = {
  id: '2b3c4d5e-0000-4f6a-8b7c-8d9e0f1a2b3c',
  name: 'ERP integration',
  prefix: 'k3v9x2qa',
  user: { id: '0d1e2f3a-0000-4b5c-8d6e-7f8a9b0c1d2e', username: 'admin' },
  scopes: ['requests:read' as const, 'orders:read' as const],
  rate_limit_per_hour: 5000,
  created_at: '2026-01-10T09:00:00.000Z',
  expires_at: '2027-01-10T09:00:00.000Z',
  last_used_at: null,
  revoked_at: null,
};

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  username: string;
  scopes: Array<(typeof apiScopes)[number]>;
  rateLimitPerHour: number | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const present = (row: TokenRow) => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  user: { id: row.userId, username: row.username },
  scopes: row.scopes,
  rate_limit_per_hour: row.rateLimitPerHour,
  created_at: iso(row.createdAt) as string,
  expires_at: iso(row.expiresAt),
  last_used_at: iso(row.lastUsedAt),
  revoked_at: iso(row.revokedAt),
});

/** Admin-only management of API tokens (api.md); tokens themselves can never reach these routes. */
export function apiTokenRoutes(deps: AppDeps): AnyRoute[] {
  const rows = () =>
    deps.knex('apiTokens').join('users', 'users.id', 'apiTokens.userId').select('apiTokens.*', 'users.username');
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
      handler: async ({ query, ctx }) => {
        const offset = (query.page - 1) * query.page_size;
        const order = query.ordering?.replace(/^-/, '') === 'name' ? 'apiTokens.name' : 'apiTokens.createdAt';
        const direction = query.ordering?.startsWith('-') || !query.ordering ? 'desc' : 'asc';
        const [{ count }] = await deps.knex('apiTokens').count({ count: '*' });
        const results = (await rows()
          .orderBy(order, direction)
          .orderBy('apiTokens.id')
          .limit(query.page_size)
          .offset(offset)) as TokenRow[];
        return {
          body: pageEnvelope(
            ctx,
            deps.config.publicBaseUrl,
            { count: Number(count), results },
            results.map(present),
            query.page_size,
            query.page,
          ),
        };
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
      handler: async ({ body, principal }) => {
        // A token acts as the person who creates it: nobody mints a token that acts as another person.
        // An integration's own token belongs to a service account, which never decides on anything.
        let userId = principal.userId;
        if (body.service_account) {
          const account = await deps
            .knex('users')
            .where({ id: body.service_account, isActive: true, isServiceAccount: true })
            .first('id');
          if (!account) throw ValidationError.field('service_account', 'No active service account has this id.');
          userId = account.id;
        }
        if (body.expires_at && new Date(body.expires_at) <= new Date())
          throw ValidationError.field('expires_at', 'Must be in the future.');
        const { token, prefix, secretHash } = newApiToken();
        const [{ id }] = await deps
          .knex('apiTokens')
          .insert({
            userId,
            name: body.name,
            prefix,
            secretHash,
            scopes: JSON.stringify([...new Set(body.scopes)]),
            expiresAt: body.expires_at ? new Date(body.expires_at) : null,
            rateLimitPerHour: body.rate_limit_per_hour ?? null,
            createdBy: principal.userId,
          })
          .returning('id');
        const row = (await rows().where('apiTokens.id', id).first()) as TokenRow;
        return { status: 201, body: { ...present(row), token } };
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
      handler: async ({ params }) => {
        const changed = await deps
          .knex('apiTokens')
          .where({ id: params.id })
          .whereNull('revokedAt')
          .update({ revokedAt: deps.knex.fn.now() });
        if (!changed && !(await deps.knex('apiTokens').where({ id: params.id }).first('id'))) throw new NotFoundError();
        return { status: 204 };
      },
    }),
  ];
}
