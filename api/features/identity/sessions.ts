import { findRefreshTokenByHash, revokeFamily } from '../../../db/repositories/refresh-tokens.repository';
import { findUserForAuth } from '../../../db/repositories/users.repository';
import { hashRefreshToken, type SessionContext } from '../../auth/refresh-tokens';
import { UnauthenticatedError, ValidationError } from '../../http/errors';
import type { Principal } from '../../auth/principal';
import { issueTokens, type LoginDeps } from './login';
import { tenantOfRefreshToken } from '../../../db/repositories/tenant-lookups.repository';
import { tenantKnex } from '../../../db/tenant-scope';
import type { Knex } from 'knex';

const INVALID = 'Token is invalid or expired.';

/**
 * Rotates a refresh token. Presenting one that was already rotated means it leaked: the whole
 * family is revoked (committed) and the caller gets 401.
 */
export async function refreshSession(deps: LoginDeps, token: string, session: SessionContext) {
  const db = await sessionTenant(deps.knex, token);
  if (!db) throw new UnauthenticatedError(INVALID);
  const outcome = await db.transaction(async (trx) => {
    const row = await findRefreshTokenByHash(hashRefreshToken(token), trx);
    if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { ok: false as const };
    if (row.usedAt) {
      await revokeFamily(row.familyId, 'reuse_detected', trx);
      return { ok: false as const };
    }
    const user = await findUserForAuth(trx, row.userId);
    if (!user?.isActive || !user.tenantActive) return { ok: false as const };
    await row.$query(trx).patch({ usedAt: new Date() });
    return { ok: true as const, tokens: await issueTokens({ ...deps, knex: db }, user, session, row.familyId, trx) };
  });
  if (!outcome.ok) throw new UnauthenticatedError(INVALID);
  return outcome.tokens;
}

/** Revokes the refresh token's family; the token must belong to the caller. Repeating it is harmless. */
export async function logout(deps: LoginDeps, principal: Principal, token: string): Promise<void> {
  await deps.knex.transaction(async (trx) => {
    const row = await findRefreshTokenByHash(hashRefreshToken(token), trx);
    if (!row || row.userId !== principal.userId) throw ValidationError.field('refresh', INVALID);
    await revokeFamily(row.familyId, 'logout', trx);
  });
}

/** Ends a browser session: revokes its refresh token's family if the token is known. Repeating it is harmless. */
export async function endSession(deps: LoginDeps, token: string | undefined): Promise<void> {
  const db = token ? await sessionTenant(deps.knex, token) : undefined;
  if (!token || !db) return;
  await db.transaction(async (trx) => {
    const row = await findRefreshTokenByHash(hashRefreshToken(token), trx);
    if (row) await revokeFamily(row.familyId, 'logout', trx);
  });
}

/** Refresh and sign-out come before the tenant is known: the token's hash names it (decision 0036). */
async function sessionTenant(pool: Knex, token: string): Promise<Knex | undefined> {
  const tenantId = await tenantOfRefreshToken(pool, hashRefreshToken(token));
  return tenantId ? tenantKnex(pool, tenantId) : undefined;
}
