import type { Middleware } from 'koa';
import koaJwt from 'koa-jwt';
import type { Knex } from 'knex';
import { UnauthenticatedError } from '../http/errors';
import type { AppState } from '../http/route';
import { isAccessClaims, jwtVerifyOptions } from './access-tokens';
import { isApiToken, principalForApiToken } from './api-tokens';
import { findUserForAuth } from '../../db/repositories/users.repository';

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
    if (!isAccessClaims(claims)) throw new UnauthenticatedError('Token is invalid or expired.');
    const user = await findUserForAuth(knex, claims.sub);
    if (!user || !user.isActive || user.tokenVersion !== claims.ver) {
      throw new UnauthenticatedError('Token is invalid or expired.');
    }
    ctx.state.principal = { userId: user.id, username: user.username, isAdmin: user.isAdmin, via: 'jwt' };
    await next();
  };
}
