import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { RefreshToken } from '../../db/models';
import type { AppContext } from '../http/context';

export interface SessionContext {
  ip: string;
  userAgent: string;
}

/** The session a sign-in or a refresh is recorded with: the caller's address and agent. */
export const sessionOf = (ctx: AppContext): SessionContext => ({ ip: ctx.ip, userAgent: ctx.get('User-Agent') });

/** Refresh tokens are 256-bit random strings; only their sha256 is stored. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a refresh token in `familyId` (a new family for a fresh login) and returns the plain secret once. */
export async function issueRefreshToken(
  trx: Knex | Knex.Transaction,
  userId: string,
  ttlSeconds: number,
  session: SessionContext,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = `rt_${randomBytes(32).toString('base64url')}`;
  await RefreshToken.query(trx).insert({
    userId,
    familyId,
    tokenHash: hashRefreshToken(token),
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    ipAddress: session.ip.slice(0, 64),
    userAgent: session.userAgent.slice(0, 512),
  });
  return token;
}
