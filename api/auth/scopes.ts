import type { AnyRoute } from '../http/route';

/** api.md: what an API token may be allowed to do. A token never exceeds its owner's rights. */
export const apiScopes = [
  'requests:read',
  'requests:write',
  'approvals:write',
  'orders:read',
  'orders:write',
  'webhooks:manage',
  'audit:read',
  'admin',
] as const;
export type ApiScope = (typeof apiScopes)[number];

interface ScopeRule {
  prefix: string;
  read: ApiScope;
  write: ApiScope;
}

/**
 * The scope each route needs when called with an API token, by path: one table instead of a field
 * repeated on every route. Routes that set `scope` themselves keep it; routes left without one
 * (password change, token management) are not open to tokens at all.
 */
const rules: ScopeRule[] = [
  { prefix: '/prs/requests/{id}/approve/', read: 'approvals:write', write: 'approvals:write' },
  { prefix: '/prs/requests/{id}/reject/', read: 'approvals:write', write: 'approvals:write' },
  { prefix: '/prs/requests/{id}/complete/', read: 'approvals:write', write: 'approvals:write' },
  { prefix: '/prs/requests', read: 'requests:read', write: 'requests:write' },
  { prefix: '/prs/attachments', read: 'requests:read', write: 'requests:write' },
  { prefix: '/prs/form-templates', read: 'requests:read', write: 'admin' },
  { prefix: '/prs/workflows', read: 'requests:read', write: 'admin' },
  { prefix: '/prs/teams', read: 'requests:read', write: 'admin' },
  { prefix: '/orders', read: 'orders:read', write: 'orders:write' },
  { prefix: '/shipping', read: 'orders:read', write: 'orders:write' },
  { prefix: '/webhooks/event-types', read: 'webhooks:manage', write: 'webhooks:manage' },
  { prefix: '/webhooks', read: 'webhooks:manage', write: 'webhooks:manage' },
  { prefix: '/integrations/providers', read: 'webhooks:manage', write: 'webhooks:manage' },
  { prefix: '/integrations/events', read: 'webhooks:manage', write: 'webhooks:manage' },
  { prefix: '/users', read: 'admin', write: 'admin' },
  { prefix: '/roles', read: 'requests:read', write: 'admin' },
  { prefix: '/audit', read: 'audit:read', write: 'admin' },
  { prefix: '/dashboard', read: 'audit:read', write: 'admin' },
];

/** Sets `scope` on every signed-in route that has no explicit one, from the table above. */
export function assignScopes(routes: AnyRoute[]): AnyRoute[] {
  return routes.map((route) => {
    if (route.auth === 'public' || route.scope !== undefined) return route;
    const rule = rules.find((candidate) => route.path.startsWith(candidate.prefix));
    return rule ? { ...route, scope: route.method === 'get' ? rule.read : rule.write } : route;
  });
}
