import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from './principal';
import type { ApiScope } from './scopes';
import { tenantOfApiToken } from '../../db/repositories/tenant-lookups.repository';
import { withTenant } from '../../db/tenant-scope';

const TOKEN_PATTERN = /^prs_([a-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export const isApiToken = (value: string) => value.startsWith('prs_');
const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** `prs_<8-char prefix>_<256-bit secret>`: the prefix finds the row, only the secret's hash is kept. */
export function newApiToken(): { token: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8);
  const secret = randomBytes(32).toString('base64url');
  return { token: `prs_${prefix}_${secret}`, prefix, secretHash: hash(secret) };
}

/**
 * The principal an API token stands for, or undefined when it is unknown, revoked, expired, or its
 * owner is deactivated. It acts with its owner's rights; its scopes decide which routes it may call.
 * A token acts for the person who created it, or for a service account: one minted for someone else
 * (before that was refused; the migration revoked them) is never honoured.
 */
export async function principalForApiToken(knex: Knex, token: string): Promise<Principal | undefined> {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  // Before the tenant is known (decision 0036): the public prefix names it; the rest runs under it.
  const tenantId = await tenantOfApiToken(knex, match[1] as string);
  if (!tenantId) return undefined;
  // The look-up and the last-use stamp in one transaction under the token's tenant.
  return withTenant(knex, tenantId, async (db) => {
    const row = await db('apiTokens')
      .join('users', 'users.id', 'apiTokens.userId')
      .join('tenants', 'tenants.id', 'users.tenantId')
      .where('apiTokens.prefix', match[1])
      .first(
        'apiTokens.id',
        'apiTokens.name',
        'apiTokens.secretHash',
        'apiTokens.scopes',
        'apiTokens.expiresAt',
        'apiTokens.revokedAt',
        'apiTokens.rateLimitPerHour',
        'apiTokens.createdBy',
        'users.id as userId',
        'users.tenantId',
        'users.username',
        'users.isAdmin',
        'users.isPlatformAdmin',
        'users.isActive',
        'users.isServiceAccount',
        'tenants.isActive as tenantActive',
        'tenants.rateLimitPerHour as tenantRateLimitPerHour',
      );
    if (
      !row ||
      row.revokedAt ||
      !row.isActive ||
      !row.tenantActive ||
      (row.expiresAt && new Date(row.expiresAt) <= new Date())
    )
      return undefined;
    if (row.createdBy !== row.userId && !row.isServiceAccount) return undefined;
    const given = Buffer.from(hash(match[2] as string), 'hex');
    if (!timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return undefined;
    await db('apiTokens').where({ id: row.id }).update({ lastUsedAt: db.fn.now() });
    const scopes = row.scopes as ApiScope[];
    return {
      userId: row.userId,
      tenantId: row.tenantId,
      username: row.username,
      isAdmin: row.isAdmin,
      isPlatformAdmin: row.isPlatformAdmin,
      via: 'token',
      scopes,
      tokenId: row.id,
      tokenName: row.name,
      rateLimitPerHour: row.rateLimitPerHour,
      tenantRateLimitPerHour: row.tenantRateLimitPerHour,
    };
  });
}
