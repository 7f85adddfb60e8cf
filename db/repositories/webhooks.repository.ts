import type { Knex } from 'knex';
import type { PendingDispatch } from '../../contracts/webhooks';

/**
 * Turns unpublished outbox events into deliveries, one per matching active endpoint, and marks the
 * events published, in one transaction. SKIP LOCKED lets several relays share the work.
 */
export async function fanOutEvents(knex: Knex, limit: number): Promise<number> {
  return knex.transaction(async (trx) => {
    const events = await trx('outboxEvents')
      .whereNull('publishedAt')
      .orderBy('occurredAt')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('id', 'type');
    if (events.length === 0) return 0;
    const endpoints = await trx('webhookEndpoints').where({ isActive: true }).select('id', 'eventTypes');
    const rows = events.flatMap((event: { id: string; type: string }) =>
      endpoints
        .filter(
          (endpoint: { eventTypes: string[] }) =>
            endpoint.eventTypes.includes('*') || endpoint.eventTypes.includes(event.type),
        )
        .map((endpoint: { id: string }) => ({ eventId: event.id, endpointId: endpoint.id, eventType: event.type })),
    );
    if (rows.length > 0) {
      await trx('webhookDeliveries')
        .insert(rows)
        .onConflict(trx.raw('(event_id, endpoint_id) WHERE redelivery_of IS NULL'))
        .ignore();
    }
    await trx('outboxEvents')
      .whereIn(
        'id',
        events.map((event: { id: string }) => event.id),
      )
      .update({ publishedAt: trx.fn.now() });
    return rows.length;
  });
}

/** Deliveries whose workflow has not been started yet (the relay starts them, idempotently). */
export async function pendingDispatches(knex: Knex, limit: number): Promise<PendingDispatch[]> {
  const rows = await knex('webhookDeliveries')
    .whereNull('dispatchedAt')
    .where({ status: 'pending' })
    .orderBy('createdAt')
    .limit(limit)
    .select('id', 'eventId', 'endpointId', 'redeliveryOf');
  return rows.map((row: { id: string; eventId: string; endpointId: string; redeliveryOf: string | null }) => ({
    deliveryId: row.id,
    eventId: row.eventId,
    endpointId: row.endpointId,
    redelivery: row.redeliveryOf !== null,
  }));
}

export async function markDispatched(knex: Knex, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length > 0)
    await knex('webhookDeliveries')
      .whereIn('id', deliveryIds)
      .whereNull('dispatchedAt')
      .update({ dispatchedAt: knex.fn.now() });
}

export interface AttemptRecord {
  deliveryId: string;
  attemptNumber: number;
  statusCode: number | null;
  responseExcerpt: string;
  latencyMs: number;
  error: string | null;
}

/** Records an attempt once (a retried activity finds it) and keeps the delivery's counters current. */
export async function recordAttempt(knex: Knex, attempt: AttemptRecord): Promise<void> {
  await knex.transaction(async (trx) => {
    const inserted = await trx('webhookDeliveryAttempts')
      .insert(attempt)
      .onConflict(['deliveryId', 'attemptNumber'])
      .ignore()
      .returning('id');
    if (inserted.length === 0) return;
    await trx('webhookDeliveries')
      .where({ id: attempt.deliveryId })
      .update({ attemptCount: attempt.attemptNumber, lastStatusCode: attempt.statusCode, updatedAt: trx.fn.now() });
  });
}

export async function earlierAttempt(
  knex: Knex,
  deliveryId: string,
  attemptNumber: number,
): Promise<AttemptRecord | undefined> {
  return knex('webhookDeliveryAttempts').where({ deliveryId, attemptNumber }).first();
}

/**
 * Ends a delivery. A 410 disables its endpoint; so do `disableAfter` failed deliveries in a row.
 * Answers whether this delivery disabled the endpoint, the same when asked again after a retry.
 */
export async function finishDelivery(
  knex: Knex,
  command: { deliveryId: string; status: 'succeeded' | 'failed'; gone: boolean; disableAfter: number },
): Promise<{ endpointDisabled: boolean; endpointId: string | null }> {
  return knex.transaction(async (trx) => {
    const [delivery] = await trx('webhookDeliveries')
      .where({ id: command.deliveryId })
      .update({ status: command.status, completedAt: trx.fn.now(), updatedAt: trx.fn.now() })
      .returning(['endpointId']);
    if (!delivery) return { endpointDisabled: false, endpointId: null }; // the endpoint (and its deliveries) was deleted
    const endpointId: string = delivery.endpointId;
    const endpoint = await trx('webhookEndpoints')
      .where({ id: endpointId })
      .forUpdate()
      .first('isActive', 'disabledByDeliveryId');
    if (endpoint?.disabledByDeliveryId === command.deliveryId) return { endpointDisabled: true, endpointId };
    let reason: string | null = null;
    if (command.gone) reason = 'The receiver answered 410 Gone.';
    else if (command.status === 'failed') {
      const recent = await trx('webhookDeliveries')
        .where({ endpointId })
        .whereNot({ status: 'pending' })
        .orderBy('completedAt', 'desc')
        .limit(command.disableAfter)
        .select('status');
      if (recent.length >= command.disableAfter && recent.every((row: { status: string }) => row.status === 'failed')) {
        reason = `The last ${command.disableAfter} deliveries all failed.`;
      }
    }
    if (!reason || !endpoint?.isActive) return { endpointDisabled: false, endpointId };
    await trx('webhookEndpoints').where({ id: endpointId }).update({
      isActive: false,
      disabledReason: reason,
      disabledByDeliveryId: command.deliveryId,
      updatedAt: trx.fn.now(),
    });
    return { endpointDisabled: true, endpointId };
  });
}
