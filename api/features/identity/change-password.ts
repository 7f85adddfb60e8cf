import { User } from '../../../db/models';
import { revokeAllForUser } from '../../../db/repositories/refresh-tokens.repository';
import type { AppDeps } from '../../app-deps';
import { notifyBestEffort } from './account-notice';
import type { Principal } from '../../auth/principal';
import { hashPassword, passwordWeaknesses, verifyPassword } from '../../../lib/passwords';
import { NotFoundError, ValidationError } from '../../http/errors';

/**
 * Verifies the old password, refuses weak new ones, then in one transaction stores the new hash,
 * revokes every refresh token and bumps the token version (so access tokens stop working too).
 * The owner is e-mailed through a Temporal workflow after the commit.
 */
export async function changePassword(
  deps: AppDeps,
  principal: Principal,
  oldPassword: string,
  newPassword: string,
  requestId: string,
) {
  const user = await User.query(deps.knex).findById(principal.userId);
  if (!user) throw new NotFoundError();
  if (!(await verifyPassword(user.passwordHash, oldPassword))) {
    throw ValidationError.field('old_password', 'Your old password was entered incorrectly.');
  }
  const problems = passwordWeaknesses(newPassword, [
    user.username,
    user.email.split('@')[0] ?? '',
    user.firstName,
    user.lastName,
  ]);
  if (newPassword === oldPassword) problems.push('The new password must differ from the old one.');
  if (problems.length > 0) throw new ValidationError({ new_password: problems }, problems[0]);

  const passwordHash = await hashPassword(newPassword);
  const changedAt = new Date();
  await deps.knex.transaction(async (trx) => {
    await User.query(trx)
      .findById(user.id)
      .patch({ passwordHash, passwordChangedAt: changedAt, tokenVersion: user.tokenVersion + 1, updatedAt: changedAt });
    await revokeAllForUser(user.id, 'password_changed', trx);
  });
  await notifyBestEffort(deps, {
    kind: 'password_changed',
    tenantId: principal.tenantId,
    userId: user.id,
    occurredAt: changedAt.toISOString(),
    requestId,
  });
}
