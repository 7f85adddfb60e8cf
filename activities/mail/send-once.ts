import type { Knex } from 'knex';
import { Email } from '../../db/models';
import type { Mailer, OutgoingEmail } from './mailer';

export interface EmailMeta {
  kind: string;
  relatedType?: string;
  relatedId?: string;
}

/**
 * Message-IDs this process handed to the SMTP server but could not yet mark sent (the database went
 * away in between): a retry on this worker marks them instead of sending again. Bounded; only a
 * process that dies in the few milliseconds between the server's acceptance and the mark can still
 * send twice, and then with the same Message-ID, by which mail clients recognise a repeat.
 */
const handedOver = new Map<string, number>();
const HANDED_OVER_MAX = 10_000;

function rememberHandedOver(messageId: string): void {
  handedOver.set(messageId, Date.now());
  if (handedOver.size > HANDED_OVER_MAX) handedOver.delete(handedOver.keys().next().value as string);
}

/**
 * Sends a message at most once per Message-ID: the `emails` row is keyed by it, so a retried activity
 * that finds its row marked sent does nothing. A failure is recorded and rethrown for Temporal to retry.
 */
export async function sendOnce(
  knex: Knex,
  mailer: Mailer,
  email: OutgoingEmail,
  meta: EmailMeta,
): Promise<'sent' | 'already-sent'> {
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
  if (!handedOver.has(email.messageId)) {
    await Email.query(knex).where({ messageId: email.messageId }).increment('attempts', 1);
    try {
      await mailer.send(email);
    } catch (error) {
      await Email.query(knex)
        .where({ messageId: email.messageId })
        .patch({ lastError: String(error).slice(0, 1000) });
      throw error;
    }
    rememberHandedOver(email.messageId);
  }
  await Email.query(knex)
    .where({ messageId: email.messageId })
    .patch({ status: 'sent', sentAt: new Date(), lastError: null });
  handedOver.delete(email.messageId);
  return 'sent';
}

/** Deterministic Message-ID from the workflow id and the event, so retries reuse it. */
export function messageIdFor(workflowId: string, event: string, domain: string): string {
  return `<${workflowId}.${event}@${domain}>`;
}
