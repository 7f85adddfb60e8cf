import type { Knex } from 'knex';
import { appendAudit } from '../../db/repositories/audit.repository';
import type { AppContext, AnyRoute } from './route';

const SECRET_FIELD = /password|secret|token|signature/i;

/** The body as the audit log keeps it: secrets (passwords, tokens, signing secrets) never written. */
function redacted(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redacted(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, SECRET_FIELD.test(key) ? '[redacted]' : redacted(item, depth + 1)]),
  );
}

/**
 * Records an API call: every successful change, and every call made with an API token (reads too),
 * with who (the user, or the token and its owner), what, from where and the request id.
 */
export async function auditApiCall(knex: Knex, ctx: AppContext, route: AnyRoute, status: number, params: unknown, body: unknown): Promise<void> {
  const principal = ctx.state.principal;
  const changed = route.method !== 'get' && status < 300;
  if (!principal || !(changed || principal.via === 'token')) return;
  const id = (params as { id?: string } | undefined)?.id ?? null;
  await knex.transaction((trx) =>
    appendAudit(trx, {
      actorUserId: principal.userId,
      actorTokenId: principal.tokenId ?? null,
      action: `api.${route.operationId}`,
      resourceType: (route.tags[0] ?? 'api').toLowerCase().replace(/\s+/g, '_'),
      resourceId: id,
      newValues: body === undefined ? { status } : { status, request: redacted(body) },
      ipAddress: ctx.ip,
      userAgent: ctx.get('User-Agent') || null,
      requestId: ctx.state.requestId,
    }),
  );
}
