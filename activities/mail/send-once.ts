import type { Knex } from 'knex';
import { Email } from '../../db/models';
import type { Mailer, OutgoingEmail } from './mailer';

export interface EmailMeta {
  kind: string;
  relatedType?: string;
  relatedId?: string;
}

/**
 * Sends a message at most once per Message-ID: the `emails` row is keyed by it, so a retried activity
 * that finds its row marked sent does nothing. A failure is recorded and rethrown for Temporal to retry.
 */
export async function sendOnce(knex: Knex, mailer: Mailer, email: OutgoingEmail, meta: EmailMeta): Promise<'sent' | 'already-sent'> {
  await Email.query(knex)
    .insert({
      messageId: email.messageId,
      kind: meta.kind,
      toAddress: email.to.join(', '),
      subject: email.subject,
      relatedType: meta.relatedType,
      relatedId: meta.relatedId,
    })
    .onConflict('messageId')
    .ignore();
  const row = await Email.query(knex).where({ messageId: email.messageId }).first();
  if (row?.status === 'sent') return 'already-sent';
  await Email.query(knex).where({ messageId: email.messageId }).increment('attempts', 1);
  try {
    await mailer.send(email);
  } catch (error) {
    await Email.query(knex).where({ messageId: email.messageId }).patch({ lastError: String(error).slice(0, 1000) });
    throw error;
  }
  await Email.query(knex).where({ messageId: email.messageId }).patch({ status: 'sent', sentAt: new Date(), lastError: null });
  return 'sent';
}

/** Deterministic Message-ID from the workflow id and the event, so retries reuse it. */
export function messageIdFor(workflowId: string, event: string, domain: string): string {
  return `<${workflowId}.${event}@${domain}>`;
}
