import type { Knex } from 'knex';
import type { User } from '../../../db/models';
import { pendingEmailChange } from '../../../db/repositories/email-changes.repository';
import { findUserWithScopes } from '../../../db/repositories/users.repository';
import { NotFoundError } from '../../http/errors';

/** The signed-in user as /me/ shows them: with their access scopes and any e-mail change pending. */
export interface Me {
  user: User;
  pendingEmail: string | null;
}

export async function loadMe(knex: Knex, userId: string): Promise<Me> {
  const user = await findUserWithScopes(knex, userId);
  if (!user) throw new NotFoundError();
  return { user, pendingEmail: (await pendingEmailChange(knex, userId))?.newEmail ?? null };
}
