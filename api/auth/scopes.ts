/**
 * api.md: what an API token may be allowed to do. A token never exceeds its owner's rights. Each route
 * names the scope it needs on itself (`scope` in its definition); `null` closes it to API tokens.
 */
export const apiScopes = [
  'requests:read',
  'requests:write',
  'approvals:write',
  'orders:read',
  'orders:write',
  'catalogue:read',
  'catalogue:write',
  'inventory:read',
  'inventory:write',
  'webhooks:manage',
  'audit:read',
  'admin',
] as const;
export type ApiScope = (typeof apiScopes)[number];
