import { z } from '../../http/zod';
import { timestamp, uuid } from '../../http/common.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import { listQuery, presentPage, paginated } from '../../http/pagination';
import { dateBound } from '../../http/query-params';
import type { AppDeps } from '../../app-deps';
import { listAuditRows, presentAuditRow, verifyAudit } from './audit-log';

const auditRowSchema = z
  .object({
    id: z.number().int(),
    actor: z
      .object({ user_id: uuid.nullable(), token_id: uuid.nullable() })
      .describe('user_id: the user, or the owner a token acted for; both null: the system'),
    action: z.string(),
    resource_type: z.string(),
    resource_id: z.string().nullable(),
    old_values: z.record(z.string(), z.unknown()).nullable(),
    new_values: z.record(z.string(), z.unknown()).nullable(),
    ip_address: z.string().nullable(),
    user_agent: z.string().nullable(),
    request_id: z.string().nullable(),
    timestamp,
    hash: z
      .string()
      .nullable()
      .describe('Null for a row written in the last moment, until the worker links it into the chain (about a second)'),
  })
  .openapi('AuditLogEntry');

const exampleRow = {
  id: 42,
  actor: { user_id: '1b2c3d4e-0000-4f5a-8b9c-0d1e2f3a4b5c', token_id: null },
  action: 'purchase_request.approve',
  resource_type: 'purchase_request',
  resource_id: '123e4567-e89b-12d3-a456-426614174000',
  old_values: { status: 'PENDING_APPROVAL', round: 1 },
  new_values: { status: 'IN_REVIEW', round: 1 },
  ip_address: null,
  user_agent: null,
  request_id: null,
  timestamp: '2026-01-15T11:00:00.000Z',
  hash: '5f2b…',
};

export function auditRoutes(deps: AppDeps): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit/logs/',
      operationId: 'listAuditLogs',
      scope: 'audit:read',
      summary: 'The audit log',
      description:
        'Admins, or API tokens with `audit:read` whose owner is an admin. Every state change made through the API or a workflow, and every call made with an API token.',
      tags: ['Audit'],
      auth: 'admin',
      query: listQuery(['timestamp'], {
        action: z.string().max(100).optional(),
        resource_type: z.string().max(50).optional(),
        resource_id: z.string().max(100).optional(),
        user_id: uuid.optional(),
        date_from: dateBound(false),
        date_to: dateBound(true),
      }),
      responses: {
        200: {
          description: 'A page of audit rows',
          schema: paginated(auditRowSchema),
          example: { count: 1, next: null, previous: null, results: [exampleRow] },
        },
      },
      handler: async ({ query, ctx, db }) => {
        const page = await listAuditRows(db, query);
        return { body: presentPage(ctx, deps.config.publicBaseUrl, page, query, presentAuditRow) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/audit/verify/',
      operationId: 'verifyAuditLog',
      summary: 'Walk the audit log’s hash chain',
      description:
        'Links what has committed into the chain, then answers `{"ok": true, "rows": N, "unchained": 0}`, or the first row that was changed or whose predecessor was changed or removed. `unchained` counts committed rows that could not be linked in time (not covered by this walk; ask again).',
      tags: ['Audit'],
      auth: 'admin',
      scope: 'admin',
      responses: {
        200: {
          description: 'The result',
          schema: z.object({
            ok: z.boolean(),
            rows: z.number().int(),
            unchained: z.number().int(),
            broken_at: z.number().int().optional(),
            reason: z.string().optional(),
          }),
          example: {
            ok: false,
            rows: 42,
            unchained: 0,
            broken_at: 42,
            reason: 'the row was changed after it was written',
          },
        },
      },
      handler: async ({ db }) => ({ body: await verifyAudit(db) }),
    }),
  ];
}
