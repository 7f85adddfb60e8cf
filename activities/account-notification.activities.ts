import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { User } from '../db/models';
import { findEmailChange } from '../db/repositories/email-changes.repository';
import type { AccountNotificationInput, AccountNotificationKind } from '../contracts/account-notifications';
import { escapeHtml } from './mail/html';
import type { Mailer } from './mail/mailer';
import { messageIdFor, sendOnce } from './mail/send-once';
import { ErrorType } from '../contracts/errors';
import type { SecretBox } from '../lib/webhooks/secret-box';
import { appLinks } from '../lib/app-links';
import { tenantScopes } from './tenant-scope';

export interface AccountActivityDeps {
  knex: Knex;
  mailer: Mailer;
  publicBaseUrl: string;
  /** Opens the sealed e-mail confirmation token, which exists nowhere else in readable form. */
  secretBox: SecretBox;
}

interface Message {
  to: string;
  subject: string;
  lines: string[];
}

export function createAccountActivities({ knex: pool, mailer, publicBaseUrl, secretBox }: AccountActivityDeps) {
  const scope = tenantScopes(pool);
  /** What each kind says, to whom; undefined when there is nothing to send (an unusable change). */
  async function compose(
    knex: Knex,
    kind: AccountNotificationKind,
    user: User,
    input: AccountNotificationInput,
  ): Promise<Message | undefined> {
    const when = new Date(input.occurredAt).toUTCString();
    if (kind === 'password_changed') {
      return {
        to: user.email,
        subject: 'Your procurement password was changed',
        lines: [
          `The password of your procurement account "${user.username}" was changed on ${when}.`,
          'Every session was signed out. If you did not do this, contact your administrator at once.',
        ],
      };
    }
    const change = input.changeId ? await findEmailChange(knex, input.changeId) : undefined;
    if (!change || change.userId !== user.id)
      throw ApplicationFailure.nonRetryable(`e-mail change ${input.changeId} does not exist`, ErrorType.NotFound);
    if (kind === 'email_change_requested') {
      if (!change.usable) return undefined;
      const token = secretBox.open(change.tokenSealed);
      return {
        to: change.newEmail,
        subject: 'Confirm your new procurement e-mail address',
        lines: [
          `Someone signed in as "${user.username}" asked on ${when} to use this address for their procurement account.`,
          `To confirm, sign in within 24 hours and enter this code on your profile page (${appLinks.profile(publicBaseUrl)}): ${token}`,
          `(Integrations: POST ${publicBaseUrl}/api/me/email/confirm/ with {"token": "${token}"}.)`,
          'If this was not you, ignore this message: nothing changes.',
        ],
      };
    }
    if (kind === 'email_change_notice') {
      return {
        to: user.email,
        subject: 'A change of your procurement e-mail address was requested',
        lines: [
          `On ${when} someone signed in as "${user.username}" asked to change the account's e-mail address to ${change.newEmail}.`,
          'It changes only once confirmed from the new address. If this was not you, change your password and tell your administrator.',
        ],
      };
    }
    return {
      to: change.previousEmail ?? user.email,
      subject: 'Your procurement e-mail address was changed',
      lines: [
        `The e-mail address of your procurement account "${user.username}" is now ${change.newEmail} (changed on ${when}).`,
        'If you did not do this, contact your administrator at once.',
      ],
    };
  }

  return {
    /** E-mails the account owner about a change of their account (password, e-mail address). */
    async sendAccountNotification(
      input: AccountNotificationInput & { workflowId: string },
    ): Promise<'sent' | 'already-sent' | 'no-recipient'> {
      const knex = await scope(input);
      const user = await User.query(knex).findById(input.userId);
      if (!user) throw ApplicationFailure.nonRetryable(`user ${input.userId} does not exist`, ErrorType.NotFound);
      const message = await compose(knex, input.kind, user, input);
      if (!message) return 'no-recipient';
      const name = user.firstName || user.username;
      const text = `Hello ${name},\n\n${message.lines.join('\n')}\n\nSign in: ${appLinks.home(publicBaseUrl)}\n`;
      const html =
        `<p>Hello ${escapeHtml(name)},</p>${message.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}` +
        `<p><a href="${escapeHtml(appLinks.home(publicBaseUrl))}">Sign in</a></p>`;
      return sendOnce(
        knex,
        mailer,
        {
          messageId: messageIdFor(input.workflowId, input.kind, new URL(publicBaseUrl).hostname || 'procurement.local'),
          to: [message.to],
          subject: message.subject,
          text,
          html,
        },
        { kind: input.kind, relatedType: 'user', relatedId: user.id },
      );
    },
  };
}
