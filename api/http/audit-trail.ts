import type { Knex } from 'knex';
import { appendAudit } from '../../db/repositories/audit.repository';
import type { AppContext } from './context';
import type { AnyRoute } from './route';
import { withoutSecrets } from './redact';

/** Resource types, one naming scheme (singular, snake case), from a route's first tag. */
const resourceByTag: Record<string, string> = {
  Attachments: 'attachment',
  Audit: 'audit_log',
  Authentication: 'session',
  Catalogue: 'product',
  Dashboard: 'dashboard',
  Documentation: 'documentation',
  Integrations: 'integration_provider',
  Inventory: 'stock_level',
  Me: 'user',
  Operations: 'system',
  'Purchase orders': 'purchase_order',
  'Purchase requests': 'purchase_request',
  Roles: 'role',
  Sales: 'sale',
  Shipping: 'shipment',
  Teams: 'team',
  Users: 'user',
  Webhooks: 'webhook_endpoint',
};

/** Paths whose objects are not the tag's own (checked first, longest prefix first). */
const resourceByPath: Array<[RegExp, string]> = [
  [/^\/auth\/api-tokens\//, 'api_token'],
  [/^\/users\/\{id\}\/access-scopes\//, 'access_scope'],
  [/^\/webhooks\/deliveries\//, 'webhook_delivery'],
  [/^\/webhooks\/event-types\//, 'webhook_event_type'],
  [/^\/integrations\/events\//, 'inbound_event'],
  [/^\/prs\/form-templates\//, 'form_template'],
  [/^\/prs\/workflows\//, 'workflow_template'],
  [/^\/prs\/requests\/\{id\}\/attachments\//, 'attachment'],
  [/^\/products\/categories\//, 'product_category'],
  [/^\/vendors\/\{id\}\/products\//, 'vendor_product'],
  [/^\/vendors\//, 'vendor'],
  [/^\/warehouses\//, 'warehouse'],
  [/^\/inventory\/transfer\//, 'stock_transfer'],
  [/^\/inventory\/alerts\//, 'low_stock_alert'],
];

export function auditResource(route: AnyRoute): string {
  if (route.resource) return route.resource;
  const byPath = resourceByPath.find(([pattern]) => pattern.test(route.path));
  if (byPath) return byPath[1];
  const tag = route.tags[0] ?? '';
  return Object.hasOwn(resourceByTag, tag) ? (resourceByTag[tag] as string) : 'api';
}

/**
 * Records an API call: every successful change, and every call made with an API token (reads too),
 * with who (the user, or the token and its owner), what, from where and the request id. One action,
 * one row: a change its use case audits itself (`audit: 'domain'`) is not recorded again here. A
 * create names the object it created.
 */
export async function auditApiCall(
  knex: Knex,
  ctx: AppContext,
  route: AnyRoute,
  status: number,
  params: unknown,
  body: unknown,
  answer?: unknown,
): Promise<void> {
  const principal = ctx.state.principal;
  const changed = route.method !== 'get' && status < 300;
  if (!principal || !(changed || principal.via === 'token')) return;
  if (changed && route.audit === 'domain') return;
  const path = (params ?? {}) as Record<string, string | undefined>;
  const created =
    status === 201 && answer && typeof answer === 'object' && typeof (answer as { id?: unknown }).id === 'string'
      ? (answer as { id: string }).id
      : undefined;
  const id = created ?? path.scope_id ?? path.id ?? null;
  await knex.transaction((trx) =>
    appendAudit(trx, {
      actorUserId: principal.userId,
      actorTokenId: principal.tokenId ?? null,
      action: `api.${route.operationId}`,
      resourceType: auditResource(route),
      resourceId: id,
      newValues: body === undefined ? { status } : { status, request: withoutSecrets(body) },
      ipAddress: ctx.ip.slice(0, 64),
      userAgent: ctx.get('User-Agent') || null,
      requestId: ctx.state.requestId,
    }),
  );
}
