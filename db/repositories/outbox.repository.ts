import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** `evt_` + a hash of the operation key: stable across retries, so a webhook consumer can deduplicate. */
export function eventIdFor(operationKey: string): string {
  return `evt_${createHash('sha256').update(operationKey).digest('hex').slice(0, 32)}`;
}

export interface OutboxEntry {
  operationKey: string;
  type: string;
  aggregateType: 'purchase_request' | 'purchase_order';
  aggregateId: string;
  data: Record<string, unknown>;
  at: string;
}

/** Writes an event in the caller's transaction (the outbox), once per operation key. */
export async function writeOutboxEvent(trx: Knex.Transaction, entry: OutboxEntry): Promise<string> {
  const id = eventIdFor(entry.operationKey);
  await trx('outboxEvents')
    .insert({
      id,
      type: entry.type,
      aggregateType: entry.aggregateType,
      aggregateId: entry.aggregateId,
      payload: { id, type: entry.type, timestamp: entry.at, data: entry.data },
      occurredAt: entry.at,
    })
    .onConflict('id')
    .ignore();
  return id;
}
