import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

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

const GENESIS = '0'.repeat(64);
const CHAIN_LOCK = 727_001; // pg_advisory_xact_lock key: one appender at a time keeps the chain linear

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The hash of a row: its predecessor's hash and its own content, in a fixed field order. */
export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  const content = [
    row.occurredAt instanceof Date ? row.occurredAt.toISOString() : new Date(row.occurredAt as string).toISOString(),
    row.actorUserId ?? null, row.actorTokenId ?? null, row.action, row.resourceType, row.resourceId ?? null,
    row.oldValues ?? null, row.newValues ?? null, row.ipAddress ?? null, row.userAgent ?? null, row.requestId ?? null,
  ];
  return createHash('sha256').update(prevHash).update(canonical(content)).digest('hex');
}

/** Appends one row in the caller's transaction (so it commits with the change it describes). */
export async function appendAudit(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(?)', [CHAIN_LOCK]);
  const last = await trx('auditLogs').orderBy('id', 'desc').first('hash');
  const prevHash: string = last?.hash ?? GENESIS;
  const row = {
    occurredAt: new Date(),
    actorUserId: entry.actorUserId,
    actorTokenId: entry.actorTokenId ?? null,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    oldValues: entry.oldValues ?? null,
    newValues: entry.newValues ?? null,
    ipAddress: entry.ipAddress ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    requestId: entry.requestId ?? null,
  };
  await trx('auditLogs').insert({
    ...row,
    oldValues: row.oldValues ? JSON.stringify(row.oldValues) : null,
    newValues: row.newValues ? JSON.stringify(row.newValues) : null,
    prevHash,
    hash: auditHash(prevHash, row),
  });
}

/**
 * Walks the chain in order: the first row whose content or link does not match, or ok. Ids may have
 * gaps (a rolled-back transaction uses up its id); a deleted row shows as the next row's broken link.
 */
export async function verifyAuditChain(knex: Knex): Promise<{ ok: true; rows: number } | { ok: false; rows: number; broken_at: number; reason: string }> {
  let prevHash = GENESIS;
  let rows = 0;
  // Keyset pages of 1000: memory stays flat however long the log grows.
  for (let after = 0; ; ) {
    const page: Array<Record<string, unknown> & { id: number; hash: string; prevHash: string }> = await knex('auditLogs').where('id', '>', after).orderBy('id').limit(1000);
    if (page.length === 0) return { ok: true, rows };
    for (const row of page) {
      rows += 1;
      if (row.prevHash !== prevHash) return { ok: false, rows, broken_at: Number(row.id), reason: 'the link to the previous row is broken (a row before it was changed or removed)' };
      if (auditHash(prevHash, row) !== row.hash) return { ok: false, rows, broken_at: Number(row.id), reason: 'the row was changed after it was written' };
      prevHash = row.hash;
    }
    after = Number(page[page.length - 1]!.id);
  }
}
