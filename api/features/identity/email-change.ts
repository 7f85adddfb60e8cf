import { createHash, randomBytes } from 'node:crypto';
import type { SecretBox } from '../../../lib/webhooks/secret-box';
import { User } from '../../../db/models';
import { confirmEmailChange, emailTaken, recordEmailChange } from '../../../db/repositories/email-changes.repository';
import { clearFailures, reserveAttempt } from '../../../db/repositories/login-failures.repository';
import type { AppDeps } from '../../app-deps';
import { notifyBestEffort } from './account-notice';
import type { Principal } from '../../auth/principal';
import { verifyPassword } from '../../../lib/passwords';
import { ConflictError, NotFoundError, RateLimitedError, ValidationError } from '../../http/errors';

const CONFIRM_WITHIN_MS = 24 * 3600 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * An e-mail address receives the account's security notices, so changing it needs the current
 * password (attempts count against the sign-in throttle) and a confirmation from the new address.
 * The answer never says whether the address belongs to someone else: when it does, the change is
 * recorded as pending like any other, but no confirmation is ever sent to it.
 */
export async function requestEmailChange(
  deps: AppDeps & { secretBox: SecretBox },
  principal: Principal,
  newEmail: string,
  currentPassword: string | undefined,
  ip: string,
): Promise<void> {
  if (!currentPassword)
    throw ValidationError.field('current_password', 'Enter your current password to change your e-mail address.');
  const user = await User.query(deps.knex).findById(principal.userId);
  if (!user) throw new NotFoundError();
  if (user.email.toLowerCase() === newEmail.toLowerCase()) return;
  const key = `user:${user.id}`;
  const { loginMaxFailures, loginFailureWindowSeconds } = deps.config.auth;
  const attempt = await reserveAttempt(deps.knex, key, ip, loginMaxFailures, loginFailureWindowSeconds);
  if (!attempt.id) throw new RateLimitedError(loginFailureWindowSeconds, 'Too many wrong passwords. Try again later.');
  if (!(await verifyPassword(user.passwordHash, currentPassword)))
    throw ValidationError.field('current_password', 'Your password was entered incorrectly.');
  await clearFailures(deps.knex, key, ip);

  const token = `ec_${randomBytes(32).toString('base64url')}`;
  const usable = !(await emailTaken(deps.knex, newEmail, user.id));
  const changeId = await recordEmailChange(deps.knex, {
    userId: user.id,
    newEmail,
    tokenHash: hashToken(token),
    tokenSealed: deps.secretBox.seal(token),
    usable,
    expiresAt: new Date(Date.now() + CONFIRM_WITHIN_MS),
  });
  const occurredAt = new Date().toISOString();
  // Both start either way, so the answer takes as long for a taken address as for a free one; the
  // confirmation's activity sends nothing for a change that is not usable.
  await Promise.all([
    notifyBestEffort(deps, {
      kind: 'email_change_notice',
      tenantId: principal.tenantId,
      userId: user.id,
      changeId,
      occurredAt,
    }),
    notifyBestEffort(deps, {
      kind: 'email_change_requested',
      tenantId: principal.tenantId,
      userId: user.id,
      changeId,
      occurredAt,
    }),
  ]);
}

/** The new address takes effect with the token its confirmation e-mail carried (24 h, once). */
export async function confirmEmail(deps: AppDeps, principal: Principal, token: string): Promise<void> {
  const outcome = await confirmEmailChange(deps.knex, principal.userId, hashToken(token));
  if (!outcome.ok && outcome.reason === 'taken')
    throw new ConflictError('This address was taken by another account meanwhile; ask for another change.');
  if (!outcome.ok)
    throw ValidationError.field('token', 'This confirmation code is not valid (wrong, used, or older than 24 hours).');
  await notifyBestEffort(deps, {
    kind: 'email_changed',
    tenantId: principal.tenantId,
    userId: principal.userId,
    changeId: outcome.changeId,
    occurredAt: new Date().toISOString(),
  });
}
