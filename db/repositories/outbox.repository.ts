import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** `evt_` + a hash of the operation key: stable across retries, so a webhook consumer can deduplicate. */
export function eventIdFor(operationKey: string): string {
  return `evt_${createHash('sha256').update(operationKey).digest('hex').slice(0, 32)}`;
}

export interface OutboxEntry {
  operationKey: string;
  type: string;
  aggregateType: 'purchase_request' | 'purchase_order' | 'stock_level';
  aggregateId: string;
  data: Record<string, unknown>;
  at: string;
}

/**
 * Writes an event in the caller's transaction (the outbox), once per operation key. The caller holds
 * the resource's row lock (every change of a request or an order takes it), so the next `sequence`
 * of the resource is read and used without a race; the unique index would refuse one anyway.
 * Receivers order a resource's events by `sequence`: delivery itself is at-least-once and unordered.
 */
export async function writeOutboxEvent(trx: Knex.Transaction, entry: OutboxEntry): Promise<string> {
  const id = eventIdFor(entry.operationKey);
  // A retry's insert meets its own id and changes nothing (the sequence it would take stays free).
  const { last } = (await trx('outboxEvents')
    .where({ aggregateType: entry.aggregateType, aggregateId: entry.aggregateId })
    .max('sequence as last')
    .first()) as { last: number | null };
  const sequence = Number(last ?? 0) + 1;
  await trx('outboxEvents')
    .insert({
      id,
      type: entry.type,
      aggregateType: entry.aggregateType,
      aggregateId: entry.aggregateId,
      sequence,
      payload: {
        id,
        type: entry.type,
        timestamp: entry.at,
        sequence,
        resource: { type: entry.aggregateType, id: entry.aggregateId },
        data: entry.data,
      },
      occurredAt: entry.at,
    })
    .onConflict('id')
    .ignore();
  return id;
}
