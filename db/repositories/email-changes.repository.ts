import type { Knex } from 'knex';
import { loginInUse } from './tenant-lookups.repository';

export interface EmailChangeRow {
  id: string;
  userId: string;
  newEmail: string;
  tokenHash: string;
  tokenSealed: string;
  usable: boolean;
  expiresAt: Date;
  confirmedAt: Date | null;
  previousEmail?: string | null;
}

/** Whether another account, in any tenant, signs in with this address (case-insensitively). */
export function emailTaken(knex: Knex | Knex.Transaction, email: string, exceptUserId: string): Promise<boolean> {
  return loginInUse(knex, email, exceptUserId);
}

/** Records the newest change a user asked for; an earlier unconfirmed one lapses. */
export async function recordEmailChange(
  knex: Knex,
  change: Omit<EmailChangeRow, 'id' | 'confirmedAt'>,
): Promise<string> {
  return knex.transaction(async (trx) => {
    await trx('emailChanges').where({ userId: change.userId }).whereNull('confirmedAt').delete();
    const [row] = await trx('emailChanges').insert(change).returning('id');
    return row.id as string;
  });
}

/** The change waiting for confirmation, if any (expired ones do not count). */
export async function pendingEmailChange(knex: Knex, userId: string): Promise<EmailChangeRow | undefined> {
  return knex('emailChanges')
    .where({ userId })
    .whereNull('confirmedAt')
    .where('expiresAt', '>', knex.fn.now())
    .orderBy('createdAt', 'desc')
    .first();
}

export async function findEmailChange(knex: Knex, id: string): Promise<EmailChangeRow | undefined> {
  return knex('emailChanges').where({ id }).first();
}

export type ConfirmOutcome =
  { ok: true; changeId: string; oldEmail: string; newEmail: string } | { ok: false; reason: 'invalid' | 'taken' };

/**
 * Applies the change whose token this is, for this user, while it is pending, usable and unexpired,
 * and while nobody else took the address meanwhile. One transaction with the user row locked.
 */
export async function confirmEmailChange(knex: Knex, userId: string, tokenHash: string): Promise<ConfirmOutcome> {
  return knex.transaction(async (trx) => {
    const change: EmailChangeRow | undefined = await trx('emailChanges')
      .where({ userId, tokenHash, usable: true })
      .whereNull('confirmedAt')
      .where('expiresAt', '>', trx.fn.now())
      .forUpdate()
      .first();
    if (!change) return { ok: false, reason: 'invalid' };
    const user = await trx('users').where({ id: userId }).forUpdate().first('email');
    if (await emailTaken(trx, change.newEmail, userId)) return { ok: false, reason: 'taken' };
    await trx('users').where({ id: userId }).update({ email: change.newEmail, updatedAt: trx.fn.now() });
    await trx('emailChanges').where({ id: change.id }).update({ confirmedAt: trx.fn.now(), previousEmail: user.email });
    return { ok: true, changeId: change.id, oldEmail: user.email as string, newEmail: change.newEmail };
  });
}
