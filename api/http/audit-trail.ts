import type { Knex } from 'knex';
import { appendAudit } from '../../db/repositories/audit.repository';
import type { AppContext, AnyRoute } from './route';
import { withoutSecrets } from './redact';

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
      newValues: body === undefined ? { status } : { status, request: withoutSecrets(body) },
      ipAddress: ctx.ip.slice(0, 64),
      userAgent: ctx.get('User-Agent') || null,
      requestId: ctx.state.requestId,
    }),
  );
}
