import type { Knex } from 'knex';
import { RefreshToken } from '../models';

export async function findRefreshTokenByHash(
  tokenHash: string,
  trx: Knex.Transaction,
): Promise<RefreshToken | undefined> {
  return await RefreshToken.query(trx).where({ tokenHash }).forUpdate().first();
}

export async function revokeFamily(familyId: string, reason: string, trx: Knex.Transaction | Knex): Promise<number> {
  return RefreshToken.query(trx)
    .where({ familyId })
    .whereNull('revokedAt')
    .patch({ revokedAt: new Date(), revokedReason: reason });
}

export async function revokeAllForUser(userId: string, reason: string, trx: Knex.Transaction | Knex): Promise<number> {
  return RefreshToken.query(trx)
    .where({ userId })
    .whereNull('revokedAt')
    .patch({ revokedAt: new Date(), revokedReason: reason });
}
