import type { Knex } from 'knex';
import { User } from '../../../db/models';
import { containsPattern, fetchPage, type Page } from '../../../db/paging';
import { revokeAllForUser } from '../../../db/repositories/refresh-tokens.repository';
import { loginInUse } from '../../../db/repositories/tenant-lookups.repository';
import { definedOnly } from '../../../lib/defined-only';
import { hashPassword, passwordWeaknesses } from '../../../lib/passwords';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors';
import { applyOrdering } from '../../http/pagination';

export interface ProfileChanges {
  first_name?: string;
  last_name?: string;
  email?: string;
}

export interface AdminUserChanges extends ProfileChanges {
  is_active?: boolean;
  is_admin?: boolean;
  password?: string;
}

export interface NewUser extends ProfileChanges {
  username: string;
  email: string;
  /** Required for people; a service account has none (it cannot sign in). */
  password?: string;
  is_admin?: boolean;
  is_service_account?: boolean;
}

export interface UserFilters {
  page: number;
  page_size: number;
  ordering?: string;
  search?: string;
  is_active?: boolean;
  is_admin?: boolean;
  is_service_account?: boolean;
}

/** Stored as a service account's password hash: no password verifies against it. */
const NO_PASSWORD = '!service-account';

const orderColumns = {
  username: 'users.username',
  email: 'users.email',
  last_name: 'users.lastName',
  created_at: 'users.createdAt',
  last_login_at: 'users.lastLoginAt',
};

/** One page of users; `search` matches username, e-mail, first and last name. */
export async function listUsers(knex: Knex, query: UserFilters): Promise<Page<User>> {
  const builder = User.query(knex);
  if (query.is_active !== undefined) builder.where('users.isActive', query.is_active);
  if (query.is_admin !== undefined) builder.where('users.isAdmin', query.is_admin);
  if (query.is_service_account !== undefined) builder.where('users.isServiceAccount', query.is_service_account);
  if (query.search) {
    const like = containsPattern(query.search);
    builder.where((q) => {
      q.whereILike('users.username', like)
        .orWhereILike('users.email', like)
        .orWhereILike('users.firstName', like)
        .orWhereILike('users.lastName', like);
    });
  }
  applyOrdering(builder, query.ordering, orderColumns, 'username', 'users.id');
  return fetchPage(builder, query.page, query.page_size);
}

export async function findUser(knex: Knex, id: string): Promise<User> {
  const user = await User.query(knex).findById(id);
  if (!user) throw new NotFoundError();
  return user;
}

/** Names only: a person's own e-mail address changes through api/features/identity/email-change.ts. */
export async function updateProfile(
  knex: Knex,
  userId: string,
  changes: Pick<ProfileChanges, 'first_name' | 'last_name'>,
): Promise<void> {
  await User.query(knex)
    .findById(userId)
    .patch({ ...profileColumns(changes), updatedAt: new Date() });
}

export async function createUser(knex: Knex, tenantId: string, input: NewUser): Promise<User> {
  if (input.is_service_account) {
    if (input.password !== undefined)
      throw ValidationError.field('password', 'A service account has no password: it acts only through API tokens.');
    if (input.is_admin) throw ValidationError.field('is_admin', 'A service account cannot be an administrator.');
  } else {
    if (input.password === undefined) throw ValidationError.field('password', 'This field is required.');
    assertStrongPassword(input.password, [input.username, input.email.split('@')[0] ?? '']);
  }
  // Unique across tenants (decision 0035): asked of every tenant, not only the one this knex sees.
  if (await loginInUse(knex, input.username)) {
    throw ValidationError.field('username', 'A user with that username already exists.');
  }
  await assertEmailFree(knex, input.email);
  return User.query(knex).insertAndFetch({
    tenantId,
    username: input.username,
    ...profileColumns(input),
    isAdmin: input.is_admin ?? false,
    isServiceAccount: input.is_service_account ?? false,
    passwordHash: input.password === undefined ? NO_PASSWORD : await hashPassword(input.password),
  });
}

/**
 * Admin edits. Deactivating, demoting or resetting a password ends the user's sessions. Admins cannot
 * deactivate or demote themselves, so the last admin cannot lock everyone out by accident.
 */
export async function updateUser(
  knex: Knex,
  actorId: string,
  userId: string,
  changes: AdminUserChanges,
): Promise<void> {
  const user = await User.query(knex).findById(userId);
  if (!user) throw new NotFoundError();
  if (userId === actorId && (changes.is_active === false || changes.is_admin === false)) {
    throw new ConflictError('You cannot deactivate or demote your own account.');
  }
  if (user.isServiceAccount && changes.is_admin)
    throw ValidationError.field('is_admin', 'A service account cannot be an administrator.');
  if (user.isServiceAccount && changes.password !== undefined)
    throw ValidationError.field('password', 'A service account has no password.');
  if (changes.password !== undefined) assertStrongPassword(changes.password, [user.username]);
  await assertEmailFree(knex, changes.email, userId);
  const endsSessions =
    changes.password !== undefined ||
    (changes.is_active === false && user.isActive) ||
    (changes.is_admin === false && user.isAdmin);
  await knex.transaction(async (trx) => {
    await User.query(trx)
      .findById(userId)
      .patch({
        ...profileColumns(changes),
        ...definedOnly({ isActive: changes.is_active, isAdmin: changes.is_admin }),
        ...(changes.password !== undefined
          ? { passwordHash: await hashPassword(changes.password), passwordChangedAt: new Date() }
          : {}),
        ...(endsSessions ? { tokenVersion: user.tokenVersion + 1 } : {}),
        updatedAt: new Date(),
      });
    if (endsSessions) await revokeAllForUser(userId, 'changed_by_admin', trx);
  });
}

export function deactivateUser(knex: Knex, actorId: string, userId: string): Promise<void> {
  return updateUser(knex, actorId, userId, { is_active: false });
}

function profileColumns(changes: ProfileChanges) {
  return definedOnly({ firstName: changes.first_name, lastName: changes.last_name, email: changes.email });
}

async function assertEmailFree(knex: Knex, email: string | undefined, exceptUserId?: string): Promise<void> {
  if (email === undefined) return;
  if (await loginInUse(knex, email, exceptUserId))
    throw ValidationError.field('email', 'A user with that e-mail address already exists.');
}

function assertStrongPassword(password: string, personal: string[]): void {
  const problems = passwordWeaknesses(password, personal);
  if (problems.length > 0) throw new ValidationError({ password: problems }, problems[0]);
}
