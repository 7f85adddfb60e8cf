import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { User } from '../db/models';
import type { AccountNotificationInput } from '../contracts/account-notifications';
import { escapeHtml } from './mail/html';
import type { Mailer } from './mail/mailer';
import { messageIdFor, sendOnce } from './mail/send-once';

export interface AccountActivityDeps {
  knex: Knex;
  mailer: Mailer;
  publicBaseUrl: string;
}

export function createAccountActivities({ knex, mailer, publicBaseUrl }: AccountActivityDeps) {
  return {
    /** E-mails the account owner that their password changed, with what to do if it was not them. */
    async sendAccountNotification(input: AccountNotificationInput & { workflowId: string }): Promise<'sent' | 'already-sent'> {
      const user = await User.query(knex).findById(input.userId);
      if (!user) throw ApplicationFailure.nonRetryable(`user ${input.userId} does not exist`, 'NotFoundError');
      const when = new Date(input.occurredAt).toUTCString();
      const name = user.firstName || user.username;
      const text =
        `Hello ${name},\n\nThe password of your procurement account "${user.username}" was changed on ${when}.\n` +
        `Every session was signed out. If you did not do this, contact your administrator at once.\n\n` +
        `Sign in: ${publicBaseUrl}/api/docs/\n`;
      const html =
        `<p>Hello ${escapeHtml(name)},</p><p>The password of your procurement account <b>${escapeHtml(user.username)}</b> ` +
        `was changed on ${escapeHtml(when)}. Every session was signed out.</p>` +
        `<p>If you did not do this, contact your administrator at once.</p>` +
        `<p><a href="${escapeHtml(publicBaseUrl)}/api/docs/">Sign in</a></p>`;
      return sendOnce(
        knex,
        mailer,
        {
          messageId: messageIdFor(input.workflowId, input.kind, new URL(publicBaseUrl).hostname || 'procurement.local'),
          to: [user.email],
          subject: 'Your procurement password was changed',
          text,
          html,
        },
        { kind: input.kind, relatedType: 'user', relatedId: user.id },
      );
    },
  };
}
