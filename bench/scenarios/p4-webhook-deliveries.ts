import type { BenchContext } from '../context';
import { round, waitUntil } from '../helpers';

/** P4: webhook deliveries per second to the local receiver, against a workflow running one HTTP activity. */
export async function measure(ctx: BenchContext) {
  ctx.log('P4: webhook deliveries');
  const product = await measureDeliveries(ctx);
  const baseline = await measureBaselineDeliveries(ctx);
  return { product, baseline };
}

/** Outbox events → relay → one delivery workflow each → signed POST to the local receiver. */
async function measureDeliveries(ctx: BenchContext) {
  const { tenantDb: knex, receiver } = ctx;
  const count = ctx.settings.deliveries;
  await waitUntil(
    async () => !(await knex('outboxEvents').whereNull('publishedAt').first('id')),
    'the outbox to drain',
  );
  const res = await fetch(`${ctx.api.url}/api/webhooks/endpoints/`, {
    method: 'POST',
    headers: { authorization: ctx.auth.admin, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `${receiver.url}/product`, event_types: ['order.updated'], description: 'bench' }),
  });
  if (res.status !== 201) throw new Error(`webhook endpoint answered ${res.status}: ${await res.text()}`);
  const before = receiver.count('/product');
  const startedAt = performance.now();
  const now = new Date().toISOString();
  // Shaped as db/repositories/outbox.repository.ts writes them: each is the first event of its resource.
  const rows = Array.from({ length: count }, (_, i) => {
    const id = `evt_bench${Date.now().toString(36)}${i}`;
    return {
      id,
      type: 'order.updated',
      aggregateType: 'purchase_order',
      aggregateId: `bench-${i}`,
      sequence: 1,
      payload: {
        id,
        type: 'order.updated',
        timestamp: now,
        sequence: 1,
        resource: { type: 'purchase_order', id: `bench-${i}` },
        data: { bench: i },
      },
      occurredAt: now,
    };
  });
  await knex.batchInsert('outboxEvents', rows, 500);
  await waitUntil(async () => receiver.count('/product') - before >= count, `${count} product deliveries`, 300_000);
  const seconds = (performance.now() - startedAt) / 1000;
  return { deliveries: count, seconds: round(seconds), perSecond: round(count / seconds) };
}

async function measureBaselineDeliveries(ctx: BenchContext) {
  const { temporal, receiver } = ctx;
  const count = ctx.settings.deliveries;
  const before = receiver.count('/baseline');
  const startedAt = performance.now();
  const tag = Date.now().toString(36);
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, (_, j) =>
        temporal.workflow.start('oneHttpActivity', {
          workflowId: `baseline-http-${tag}-${i + j}`,
          taskQueue: ctx.baseline.taskQueue,
          args: [
            `${receiver.url}/baseline`,
            JSON.stringify({ id: `evt_${tag}_${i + j}`, type: 'order.updated', data: { bench: i + j } }),
          ],
        }),
      ),
    );
  }
  await waitUntil(async () => receiver.count('/baseline') - before >= count, `${count} baseline deliveries`, 300_000);
  const seconds = (performance.now() - startedAt) / 1000;
  return { deliveries: count, seconds: round(seconds), perSecond: round(count / seconds) };
}
