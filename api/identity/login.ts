import type { Knex } from 'knex';
import { User } from '../../db/models';
import { clearFailures, recentFailures, recordFailure } from '../../db/repositories/login-failures.repository';
import { findUserByLogin, findUserWithScopes } from '../../db/repositories/users.repository';
import type { Config } from '../../config/config';
import { signAccessToken } from '../auth/access-tokens';
import { decoyPasswordHash, verifyPassword } from '../auth/passwords';
import { issueRefreshToken, type SessionContext } from '../auth/refresh-tokens';
import { RateLimitedError, ValidationError } from '../http/errors';

export const BAD_CREDENTIALS = 'Unable to log in with the provided credentials.';

export interface LoginDeps {
  knex: Knex;
  config: Config;
}

/**
 * Checks the throttle first (so a correct password does not help a brute-forcer), then the password.
 * Unknown users, wrong passwords and deactivated accounts all get the same answer and the same cost.
 */
export async function login(deps: LoginDeps, username: string, password: string, session: SessionContext) {
  const key = username.trim().toLowerCase();
  await assertNotThrottled(deps, key, session.ip);
  const user = await findUserByLogin(deps.knex, username);
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !passwordOk || !user.isActive) {
    await recordFailure(deps.knex, key, session.ip);
    throw new ValidationError({ non_field_errors: [BAD_CREDENTIALS] }, BAD_CREDENTIALS);
  }
  await clearFailures(deps.knex, key, session.ip);
  await User.query(deps.knex).findById(user.id).patch({ lastLoginAt: new Date() });
  const tokens = await issueTokens(deps, user, session);
  return { ...tokens, user: (await findUserWithScopes(deps.knex, user.id)) as User };
}

export async function issueTokens(deps: LoginDeps, user: Pick<User, 'id' | 'tokenVersion'>, session: SessionContext, familyId?: string, trx?: Knex.Transaction) {
  const { jwtSecret, accessTokenTtlSeconds, refreshTokenTtlSeconds } = deps.config.auth;
  return {
    access: signAccessToken(jwtSecret, accessTokenTtlSeconds, user.id, user.tokenVersion),
    refresh: await issueRefreshToken(trx ?? deps.knex, user.id, refreshTokenTtlSeconds, session, familyId),
  };
}

async function assertNotThrottled(deps: LoginDeps, key: string, ip: string): Promise<void> {
  const { loginMaxFailures, loginFailureWindowSeconds } = deps.config.auth;
  const { count, oldest } = await recentFailures(deps.knex, key, ip, loginFailureWindowSeconds);
  if (count < loginMaxFailures || !oldest) return;
  const retryAfter = (new Date(oldest).getTime() + loginFailureWindowSeconds * 1000 - Date.now()) / 1000;
  throw new RateLimitedError(retryAfter, 'Too many failed login attempts. Try again later.');
}
