import type { Middleware } from 'koa';
import koaJwt from 'koa-jwt';
import type { Knex } from 'knex';
import { UnauthenticatedError } from '../http/errors';
import type { AppState } from '../http/context';
import { isAccessClaims, jwtVerifyOptions, verifyAccessToken, type AccessClaims } from './access-tokens';
import type { Principal } from './principal';
import { isApiToken, principalForApiToken } from './api-tokens';
import { authUser } from '../../db/repositories/tenant-lookups.repository';
import { isUuid } from '../../lib/is-uuid';

/**
 * An API token (`prs_…`) is looked up by its prefix and checked against its hash. Otherwise koa-jwt
 * verifies the bearer token (algorithm pinned to HS256, issuer, expiry); then the user is
 * loaded so a deactivated account or a token issued before a password change stops working at once.
 */
export function authenticate(secret: string, knex: Knex): Middleware<AppState> {
  const verifyJwt = koaJwt({ secret, key: 'jwt', ...jwtVerifyOptions });
  return async (ctx, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
    if (bearer && isApiToken(bearer)) {
      const principal = await principalForApiToken(knex, bearer);
      if (!principal) throw new UnauthenticatedError('Token is invalid, expired or revoked.');
      ctx.state.principal = principal;
      return next();
    }
    try {
      await verifyJwt(ctx, async () => undefined);
    } catch {
      throw new UnauthenticatedError(
        ctx.get('Authorization') ? 'Token is invalid or expired.' : 'Authentication credentials were not provided.',
      );
    }
    const claims = (ctx.state as { jwt?: unknown }).jwt;
    const principal = isAccessClaims(claims) ? await principalForClaims(knex, claims) : undefined;
    if (!principal) throw new UnauthenticatedError('Token is invalid or expired.');
    ctx.state.principal = principal;
    await next();
  };
}

/**
 * The user a verified access token stands for, unless the account was deactivated or its tokens
 * revoked (a password change bumps `token_version`) since the token was issued.
 */
export async function principalForClaims(knex: Knex, claims: AccessClaims): Promise<Principal | undefined> {
  // The token names its tenant (`tid`): the user is looked for there only, so a token of tenant A
  // for a person of tenant B finds nobody.
  if (!isUuid(claims.tid) || !isUuid(claims.sub)) return undefined;
  const user = await authUser(knex, claims.sub, claims.tid);
  if (!user || !user.isActive || !user.tenantActive || user.tokenVersion !== claims.ver || user.tenantId !== claims.tid)
    return undefined;
  return {
    userId: user.id,
    tenantId: user.tenantId,
    username: user.username,
    isAdmin: user.isAdmin,
    isPlatformAdmin: user.isPlatformAdmin,
    via: 'jwt',
    tenantRateLimitPerHour: user.tenantRateLimitPerHour,
  };
}

/** The verdict every route reaches on a bearer token (POST /auth/token/verify/ answers the same). */
export async function principalForBearer(knex: Knex, secret: string, token: string): Promise<Principal | undefined> {
  if (isApiToken(token)) return principalForApiToken(knex, token);
  const claims = verifyAccessToken(secret, token);
  return claims ? principalForClaims(knex, claims) : undefined;
}
