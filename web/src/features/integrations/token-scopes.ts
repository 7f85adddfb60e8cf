import type { ApiScope, ApiToken } from './integration-types';

/** The scopes an API token can hold, in the API's order, each with what it opens (api.md). */
export const API_SCOPES: ReadonlyArray<{ scope: ApiScope; description: string }> = [
  { scope: 'requests:read', description: 'Read purchase requests, their attachments and history.' },
  { scope: 'requests:write', description: 'Create, edit, submit and withdraw purchase requests.' },
  { scope: 'approvals:write', description: 'Approve, reject and complete requests, as the token’s owner.' },
  { scope: 'orders:read', description: 'Read purchase orders and shipments.' },
  { scope: 'orders:write', description: 'Change orders’ status, add notes and shipments.' },
  { scope: 'catalogue:read', description: 'Read products, categories, vendors and warehouses.' },
  { scope: 'catalogue:write', description: 'Change the catalogue (as a procurement officer or administrator).' },
  { scope: 'inventory:read', description: 'Read stock levels and the ledger of movements.' },
  {
    scope: 'inventory:write',
    description: 'Count, adjust and transfer stock (as a procurement officer or administrator).',
  },
  { scope: 'webhooks:manage', description: 'Manage webhook endpoints, deliveries and inbound integrations.' },
  { scope: 'audit:read', description: 'Read the audit log and the dashboard figures.' },
  { scope: 'admin', description: 'Administer people, teams, roles and templates.' },
];

const ORDER = API_SCOPES.map((entry) => entry.scope);

/** Adds or removes one scope, keeping the API's order and no duplicates. */
export function toggleScope(selected: readonly ApiScope[], scope: ApiScope, on: boolean): ApiScope[] {
  const set = new Set(selected);
  if (on) set.add(scope);
  else set.delete(scope);
  return ORDER.filter((item) => set.has(item));
}

export type TokenState = 'active' | 'expired' | 'revoked';

/** Revoked wins over expired: it is what someone did, not what time did. */
export function tokenState(token: Pick<ApiToken, 'revoked_at' | 'expires_at'>, now = Date.now()): TokenState {
  if (token.revoked_at) return 'revoked';
  if (token.expires_at && new Date(token.expires_at).getTime() <= now) return 'expired';
  return 'active';
}

export const TOKEN_STATE_LABEL: Record<TokenState, string> = {
  active: 'Active',
  expired: 'Expired',
  revoked: 'Revoked',
};

/**
 * The expiry a person picks as a date means "until the end of that day" where they are; the API
 * wants an ISO timestamp. No date: the token does not expire.
 */
export function expiryFromDate(date: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, 23, 59, 59).toISOString();
}

export interface TokenDraft {
  name: string;
  scopes: ApiScope[];
  expires: string;
  rateLimit: string;
}

/** What the browser can check before asking the API; the API checks again and its answer is shown. */
export function tokenDraftErrors(draft: TokenDraft, now = Date.now()): Partial<Record<keyof TokenDraft, string[]>> {
  const errors: Partial<Record<keyof TokenDraft, string[]>> = {};
  if (!draft.name.trim()) errors.name = ['Give the token a name.'];
  if (draft.scopes.length === 0) errors.scopes = ['Choose at least one scope.'];
  const expiry = expiryFromDate(draft.expires);
  if (draft.expires && !expiry) errors.expires = ['Enter a date.'];
  else if (expiry && new Date(expiry).getTime() <= now) errors.expires = ['Choose a date in the future.'];
  if (draft.rateLimit && !/^[1-9]\d{0,6}$/.test(draft.rateLimit.trim()))
    errors.rateLimit = ['Enter a whole number of requests per hour, or leave it empty.'];
  return errors;
}

/** The API's body for a draft that passed `tokenDraftErrors`. */
export function tokenBody(draft: TokenDraft) {
  const expires_at = expiryFromDate(draft.expires);
  const rate = draft.rateLimit.trim();
  return {
    name: draft.name.trim(),
    scopes: draft.scopes,
    ...(expires_at ? { expires_at } : {}),
    ...(rate ? { rate_limit_per_hour: Number(rate) } : {}),
  };
}
