import type { Knex } from 'knex';
import { User } from '../../../db/models';
import { clearFailures, reserveAttempt } from '../../../db/repositories/login-failures.repository';
import { findUserByLogin, findUserWithScopes } from '../../../db/repositories/users.repository';
import type { Config } from '../../../config/config';
import { signAccessToken } from '../../auth/access-tokens';
import { decoyPasswordHash, verifyPassword } from '../../../lib/passwords';
import { issueRefreshToken, type SessionContext } from '../../auth/refresh-tokens';
import { RateLimitedError, ValidationError } from '../../http/errors';
import { tenantOfLogin } from '../../../db/repositories/tenant-lookups.repository';
import { tenantKnex } from '../../../db/tenant-scope';

export const BAD_CREDENTIALS = 'Unable to log in with the provided credentials.';

export interface LoginDeps {
  /** The pool (login and refresh find the tenant first) or, once known, the tenant's scope. */
  knex: Knex;
  config: Config;
}

/**
 * Reserves an attempt first (so a correct password does not help a brute-forcer, and parallel tries
 * cannot outrun the count), then checks the password. Attempts count per account and IP: the
 * username and the e-mail address of one account share one count. Unknown users, wrong passwords and
 * deactivated accounts all get the same answer and the same cost.
 */
export async function login(deps: LoginDeps, username: string, password: string, session: SessionContext) {
  // Before the tenant is known (decision 0036): the login names it; everything after runs under it.
  const tenantId = await tenantOfLogin(deps.knex, username.trim());
  // A deactivated tenant's people get the answer of a wrong password (and pay for the same check).
  const active = tenantId && (await deps.knex('tenants').where({ id: tenantId, isActive: true }).first('id'));
  const db = tenantId && active ? tenantKnex(deps.knex, tenantId) : undefined;
  const user = db ? await findUserByLogin(db, username) : undefined;
  const key = user ? `user:${user.id}` : `name:${username.trim().toLowerCase()}`;
  await reserveOrRefuse(deps, key, session.ip);
  // A service account has no password: it is checked against the decoy, at the same cost, and refused.
  const hash = user && !user.isServiceAccount ? user.passwordHash : await decoyPasswordHash();
  const passwordOk = await verifyPassword(hash, password);
  if (!user || user.isServiceAccount || !passwordOk || !user.isActive)
    throw new ValidationError({ non_field_errors: [BAD_CREDENTIALS] }, BAD_CREDENTIALS);
  await clearFailures(deps.knex, key, session.ip);
  const scoped = { ...deps, knex: db as Knex };
  await User.query(scoped.knex).findById(user.id).patch({ lastLoginAt: new Date() });
  const tokens = await issueTokens(scoped, user, session);
  return { ...tokens, user: (await findUserWithScopes(scoped.knex, user.id)) as User };
}

export async function issueTokens(
  deps: LoginDeps,
  user: Pick<User, 'id' | 'tenantId' | 'tokenVersion'>,
  session: SessionContext,
  familyId?: string,
  trx?: Knex.Transaction,
) {
  const { jwtSecret, accessTokenTtlSeconds, refreshTokenTtlSeconds } = deps.config.auth;
  return {
    access: signAccessToken(jwtSecret, accessTokenTtlSeconds, user),
    refresh: await issueRefreshToken(trx ?? deps.knex, user.id, refreshTokenTtlSeconds, session, familyId),
  };
}

async function reserveOrRefuse(deps: LoginDeps, key: string, ip: string): Promise<void> {
  const { loginMaxFailures, loginFailureWindowSeconds } = deps.config.auth;
  const { id, window } = await reserveAttempt(deps.knex, key, ip, loginMaxFailures, loginFailureWindowSeconds);
  if (id) return;
  const retryAfter = window.oldest
    ? (new Date(window.oldest).getTime() + loginFailureWindowSeconds * 1000 - Date.now()) / 1000
    : loginFailureWindowSeconds;
  throw new RateLimitedError(retryAfter, 'Too many failed login attempts. Try again later.');
}
