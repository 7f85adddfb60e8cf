import { isUuid } from '../../lib/is-uuid';
import type { Knex } from 'knex';
import { User } from '../models';

export interface AuthUser {
  id: string;
  tenantId: string;
  username: string;
  isActive: boolean;
  isAdmin: boolean;
  isPlatformAdmin: boolean;
  tokenVersion: number;
  /** A deactivated tenant's people are refused like deactivated people. */
  tenantActive: boolean;
  tenantRateLimitPerHour: number | null;
}

/** The few columns every authenticated request needs, by primary key (one indexed lookup, its tenant joined). */
export async function findUserForAuth(knex: Knex, id: string): Promise<AuthUser | undefined> {
  if (!isUuid(id)) return undefined;
  return knex('users')
    .join('tenants', 'tenants.id', 'users.tenantId')
    .select(
      'users.id',
      'users.tenantId',
      'users.username',
      'users.isActive',
      'users.isAdmin',
      'users.isPlatformAdmin',
      'users.tokenVersion',
      'tenants.isActive as tenantActive',
      'tenants.rateLimitPerHour as tenantRateLimitPerHour',
    )
    .where('users.id', id)
    .first();
}

/** Login accepts the username or the e-mail address, case-insensitively. */
export async function findUserByLogin(knex: Knex, login: string): Promise<User | undefined> {
  const value = login.trim().toLowerCase();
  return await User.query(knex)
    .where((query) => {
      query.whereRaw('lower(username) = ?', [value]).orWhereRaw('lower(email) = ?', [value]);
    })
    .orderByRaw('lower(username) = ? desc', [value])
    .first();
}

/** One joined query; not `.first()`, whose LIMIT 1 would cut the joined scope rows. */
export async function findUserWithScopes(knex: Knex, id: string): Promise<User | undefined> {
  const [user] = await User.query(knex)
    .where('users.id', id)
    .withGraphJoined('[tenant, accessScopes.[team, role]]')
    .orderBy('accessScopes.createdAt');
  return user;
}
