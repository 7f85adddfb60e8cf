import type { ApiScope } from './scopes';

/** Who is calling: a signed-in user (JWT), or an API token acting with a part of its owner's rights. */
export interface Principal {
  userId: string;
  /** The tenant the caller acts in: the user's (for a token, its owner's); issue 15. */
  tenantId: string;
  username: string;
  /** The user (for a token: its owner) is an administrator. */
  isAdmin: boolean;
  /** An operator of the deployment: administers every tenant at /api/tenants/ (decision 0035). */
  isPlatformAdmin: boolean;
  via: 'jwt' | 'token';
  /** The token's scopes; absent for JWT sessions, which are not narrowed. */
  scopes?: ApiScope[];
  tokenId?: string;
  /** For a token: its name, shown in the history of decisions made with it. */
  tokenName?: string;
  /** A token's own hourly limit, when it has one. */
  rateLimitPerHour?: number | null;
  /** The tenant's own hourly limit for all its callers together, when it has one (issue 15). */
  tenantRateLimitPerHour?: number | null;
}
