import type { ApiScope } from './scopes';

/** Who is calling: a signed-in user (JWT), or an API token acting with a part of its owner's rights. */
export interface Principal {
  userId: string;
  username: string;
  /** For a token: the owner is an admin and the token holds the `admin` scope. */
  isAdmin: boolean;
  via: 'jwt' | 'token';
  /** The token's scopes; absent for JWT sessions, which are not narrowed. */
  scopes?: ApiScope[];
  tokenId?: string;
  /** For a token: whether its owner is an admin (audit:read tokens act with the owner's admin right). */
  ownerIsAdmin?: boolean;
  /** A token's own hourly limit, when it has one. */
  rateLimitPerHour?: number | null;
}
