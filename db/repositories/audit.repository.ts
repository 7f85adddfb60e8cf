import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { TENANT_SETTING } from '../tenant-scope';
import type { CallContext } from '../../contracts/call-context';

export interface AuditEntry {
  actorUserId: string | null;
  actorTokenId?: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  oldValues?: Record<string, unknown> | null;
  newValues?: Record<string, unknown> | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** The audit columns of the API call behind an action (none for what a workflow does by itself). */
export function callColumns(call: CallContext | undefined): Partial<AuditEntry> {
  return call
    ? { actorTokenId: call.token?.id ?? null, ipAddress: call.ip, userAgent: call.userAgent, requestId: call.requestId }
    : {};
}

const GENESIS = '0'.repeat(64);
// pg_try_advisory_xact_lock key, with the tenant's: one chainer per tenant keeps each tenant's chain linear.
const CHAIN_LOCK = 727_001;

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of a row: its predecessor's hash and its own content, in a fixed field order. */
export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  const content = [
    row.occurredAt instanceof Date ? row.occurredAt.toISOString() : new Date(row.occurredAt as string).toISOString(),
    row.actorUserId ?? null,
    row.actorTokenId ?? null,
    row.action,
    row.resourceType,
    row.resourceId ?? null,
    row.oldValues ?? null,
    row.newValues ?? null,
    row.ipAddress ?? null,
    row.userAgent ?? null,
    row.requestId ?? null,
  ];
  return createHash('sha256').update(prevHash).update(canonical(content)).digest('hex');
}

/**
 * Appends one row in the caller's transaction (so it commits with the change it describes). It takes
 * no lock: chainAuditLog links it into the hash chain once it has committed.
 */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx('auditLogs').insert({
    occurredAt: new Date(),
    actorUserId: entry.actorUserId,
    actorTokenId: entry.actorTokenId ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    oldValues: entry.oldValues ? JSON.stringify(entry.oldValues) : null,
    newValues: entry.newValues ? JSON.stringify(entry.newValues) : null,
    ipAddress: entry.ipAddress ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    requestId: entry.requestId ?? null,
  });
}

/**
 * Links committed, unchained rows into the chain, oldest id first: each gets the next chain_seq, its
 * predecessor's hash and its own. One chainer at a time (a try-lock: a busy chainer is not waited
 * for); answers how many rows it chained. The worker runs it every second, verify before it walks.
 */
export async function chainAuditLog(knex: Knex, batch = 500): Promise<number> {
  return knex.transaction(async (trx) => {
    const {
      rows: [lock],
    } = await trx.raw('SELECT pg_try_advisory_xact_lock(?, hashtext(current_setting(?, true))) AS locked', [
      CHAIN_LOCK,
      TENANT_SETTING,
    ]);
    if (!lock?.locked) return 0;
    const pending: Array<Record<string, unknown> & { id: number }> = await trx('auditLogs')
      .whereNull('hash')
      .orderBy('id')
      .limit(batch);
    if (pending.length === 0) return 0;
    const last = await trx('auditLogs').whereNotNull('chainSeq').orderBy('chainSeq', 'desc').first('chainSeq', 'hash');
    let seq = Number(last?.chainSeq ?? 0);
    let prevHash: string = last?.hash ?? GENESIS;
    const links = pending.map((row) => {
      seq += 1;
      const hash = auditHash(prevHash, row);
      const link = { id: Number(row.id), seq, prevHash, hash };
      prevHash = hash;
      return link;
    });
    await trx.raw(
      `UPDATE audit_logs AS a SET chain_seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
       FROM (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(id bigint, seq bigint, prev_hash text, hash text)) AS v
       WHERE a.id = v.id`,
      [
        JSON.stringify(
          links.map((link) => ({ id: link.id, seq: link.seq, prev_hash: link.prevHash, hash: link.hash })),
        ),
      ],
    );
    return links.length;
  });
}

/**
 * Chains everything that had committed when it was called (rows written meanwhile are left to the
 * next round, so a busy system cannot keep it going); waits up to 5 s for a chainer busy elsewhere.
 * Answers how many of those rows are still unchained (0 unless that chainer held on).
 */
export async function chainAllPending(knex: Knex): Promise<number> {
  const [{ max }] = await knex('auditLogs').max('id as max');
  const unchained = async () =>
    Number(
      (
        await knex('auditLogs')
          .whereNull('hash')
          .where('id', '<=', max ?? 0)
          .count('* as n')
      )[0]?.n ?? 0,
    );
  for (let idle = 0; idle < 50;) {
    if ((await unchained()) === 0) return 0;
    if ((await chainAuditLog(knex)) > 0) continue;
    idle += 1; // another chainer holds the lock: let it finish
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return unchained();
}

/**
 * Chains what has committed, then walks the chain in order: the first row whose content or link does
 * not match, or ok. A deleted row shows as the next row's broken link. `unchained` counts rows that
 * had committed but could not be linked in time (another chainer held on): not covered by this walk.
 */
export async function verifyAuditChain(
  knex: Knex,
): Promise<
  | { ok: true; rows: number; unchained: number }
  | { ok: false; rows: number; unchained: number; broken_at: number; reason: string }
> {
  const unchained = await chainAllPending(knex);
  let prevHash = GENESIS;
  let rows = 0;
  // Keyset pages of 1000: memory stays flat however long the log grows.
  for (let after = 0; ;) {
    const page: Array<Record<string, unknown> & { id: number; chainSeq: number; hash: string; prevHash: string }> =
      await knex('auditLogs').where('chainSeq', '>', after).orderBy('chainSeq').limit(1000);
    if (page.length === 0) return { ok: true, rows, unchained };
    for (const row of page) {
      rows += 1;
      if (row.prevHash !== prevHash)
        return {
          ok: false,
          rows,
          unchained,
          broken_at: Number(row.id),
          reason: 'the link to the previous row is broken (a row before it was changed or removed)',
        };
      if (auditHash(prevHash, row) !== row.hash)
        return {
          ok: false,
          rows,
          unchained,
          broken_at: Number(row.id),
          reason: 'the row was changed after it was written',
        };
      prevHash = row.hash;
    }
    after = Number(page[page.length - 1]!.chainSeq);
  }
}
