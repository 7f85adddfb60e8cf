import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Principal } from '../auth/principal';
import { ConflictError, IdempotencyKeyReusedError, ValidationError } from './errors';
import { withoutSecrets } from './redact';

const TTL_MS = 24 * 3600 * 1000;
/** A key still `in_progress` after this long belongs to a request that died: a retry takes it over. */
const LEASE_MS = 5 * 60 * 1000;

export interface Claim {
  principalKey: string;
  key: string;
}

export type Begin = { replay: { status: number; body: unknown } } | { claim: Claim };

/**
 * Idempotency-Key (api.md): the first request with a key runs and its answer is kept; the same key
 * from the same caller with the same method, path and body answers that again for 24 hours without
 * running anything; with another body it is a 422; while the first still runs, 409.
 */
export async function beginIdempotent(
  knex: Knex,
  principal: Principal,
  key: string,
  fingerprint: unknown,
): Promise<Begin> {
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw ValidationError.field('Idempotency-Key', 'Use at most 200 printable ASCII characters.');
  const principalKey = principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`;
  const requestHash = createHash('sha256').update(JSON.stringify(fingerprint)).digest('hex');
  await knex('idempotencyKeys')
    .where({ principalKey, key })
    .where('createdAt', '<', new Date(Date.now() - TTL_MS))
    .delete();
  const inserted = await knex('idempotencyKeys')
    .insert({ principalKey, key, requestHash, state: 'in_progress' })
    .onConflict(['principalKey', 'key'])
    .ignore()
    .returning('key');
  if (inserted.length > 0) return { claim: { principalKey, key } };
  const earlier = await knex('idempotencyKeys').where({ principalKey, key }).first();
  if (!earlier) return beginIdempotent(knex, principal, key, fingerprint); // expired between the two statements
  if (earlier.requestHash !== requestHash)
    throw new IdempotencyKeyReusedError('This Idempotency-Key was used with another request.');
  if (earlier.state !== 'done') {
    const taken = await knex('idempotencyKeys')
      .where({ principalKey, key, state: 'in_progress' })
      .where('createdAt', '<', new Date(Date.now() - LEASE_MS))
      .update({ createdAt: knex.fn.now() })
      .returning('key');
    if (taken.length > 0) return { claim: { principalKey, key } };
    throw new ConflictError('A request with this Idempotency-Key is still running; retry shortly.');
  }
  return { replay: { status: earlier.responseStatus, body: earlier.responseBody } };
}

/** Keeps the answer for replays, without its secrets: a token or signing secret is shown once, never stored. */
export async function finishIdempotent(knex: Knex, claim: Claim, status: number, body: unknown): Promise<void> {
  await knex('idempotencyKeys')
    .where(claim)
    .update({
      state: 'done',
      responseStatus: status,
      responseBody: body === undefined ? null : JSON.stringify(withoutSecrets(body)),
    });
}

/** A request that failed changed nothing (refusals never do): its key may be used again. */
export async function releaseIdempotent(knex: Knex, claim: Claim): Promise<void> {
  await knex('idempotencyKeys').where(claim).where({ state: 'in_progress' }).delete();
}
