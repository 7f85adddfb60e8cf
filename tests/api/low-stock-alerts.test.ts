import { snapshot } from '../kit/snapshot';
import { until } from '../kit/until';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { reply, startReceiver } from '../support/receivers';

/**
 * Issue 16, low-stock alerts (inventory.md §1.3, §1.8; seed 001; decision 0041): an alert opens on the
 * crossing below a level's minimum, with one `inventory.low_stock` webhook, stays one alert while the
 * level stays low, resolves by itself when the level is back, and opens again on the next crossing.
 */
let h: Harness;
const auth: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({
    worker: true,
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_ALLOW_HTTP: 'true', OUTBOX_POLL_SECONDS: '0.2' },
  });
  for (const person of ['admin', 'alice', 'paula']) auth[person] = await bearer(h, person);
});
afterAll(() => h.stop());

const idOf = async (table: string, where: Record<string, unknown>) =>
  ((await h.knex(table).where(where).first('id')) as { id: string }).id;
const levelOf = async (sku: string, code: string) =>
  (await h
    .knex('stockLevels')
    .where({ productId: await idOf('products', { sku }), warehouseId: await idOf('warehouses', { code }) })
    .first()) as { id: string; onHand: string; version: number };
const alertsOf = (levelId: string) =>
  h
    .knex('lowStockAlerts')
    .join('stockLevels', (join) => {
      join
        .on('stockLevels.productId', 'lowStockAlerts.productId')
        .andOn('stockLevels.warehouseId', 'lowStockAlerts.warehouseId');
    })
    .where('stockLevels.id', levelId)
    .orderBy('lowStockAlerts.openedAt')
    .select('lowStockAlerts.*');
const eventsOf = (levelId: string) =>
  h.knex('outboxEvents').where({ aggregateType: 'stock_level', aggregateId: levelId, type: 'inventory.low_stock' });
const count = (levelId: string, quantity: string) =>
  api(h)
    .patch(`/api/inventory/items/${levelId}/`)
    .set('Authorization', auth.paula!)
    .send({ quantity, reason: 'Count' });
const moveOut = async (sku: string, quantity: string) =>
  api(h)
    .post('/api/inventory/transfer/')
    .set('Authorization', auth.paula!)
    .send({
      product_id: await idOf('products', { sku }),
      from_warehouse_id: await idOf('warehouses', { code: 'MAIN' }),
      to_warehouse_id: await idOf('warehouses', { code: 'EAST' }),
      quantity,
      reason: 'Move',
    });

it('lists the demo’s low level as an active alert, for everyone signed in', async () => {
  const level = await levelOf('LAP001', 'EAST');
  const res = await api(h).get('/api/inventory/alerts/').set('Authorization', auth.alice!);
  expect(res.status).toBe(200);
  expect(res.body.results).toEqual([
    expect.objectContaining({
      status: 'open',
      stock_level: level.id,
      product: expect.objectContaining({ sku: 'LAP001' }),
      warehouse: expect.objectContaining({ code: 'EAST' }),
      threshold: '5.000',
      quantity_at_open: '3.000',
      quantity: '3.000',
      resolved_at: null,
    }),
  ]);
  expectProblem(await api(h).get('/api/inventory/alerts/?status=closed').set('Authorization', auth.alice!), 400);
});

it('opens one alert and one webhook per crossing, resolves it when stock is back, and opens again on the next', async () => {
  const receiver = await startReceiver(reply(200, 'ok'));
  try {
    const registered = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', auth.admin!)
      .send({ url: receiver.url, event_types: ['inventory.low_stock'] });
    expect(registered.status).toBe(201);
    const level = await levelOf('MON001', 'MAIN'); // 20 on hand, minimum 5
    const deliveredFor = () =>
      receiver.calls.map((call) => JSON.parse(call.body)).filter((event) => event.data.stock_level.id === level.id);

    expect((await moveOut('MON001', '16')).status).toBe(201); // 20 → 4: the crossing
    expect((await moveOut('MON001', '1')).status).toBe(201); // 4 → 3: still low, nothing new
    expect(await alertsOf(level.id)).toEqual([expect.objectContaining({ status: 'open', qtyAtOpen: '4.000' })]);
    expect(await eventsOf(level.id)).toHaveLength(1);
    await until(async () => deliveredFor().length === 1, { what: 'the low-stock webhook' });
    expect(deliveredFor()[0]).toMatchObject({
      type: 'inventory.low_stock',
      resource: { type: 'stock_level', id: level.id },
      data: {
        stock_level: {
          product: { sku: 'MON001' },
          warehouse: { code: 'MAIN' },
          quantity: '4.000',
          min_stock_level: '5.000',
        },
      },
    });

    expect((await count(level.id, '10')).status).toBe(200); // back above: resolved by itself
    expect((await alertsOf(level.id)).map((alert) => alert.status)).toEqual(['resolved']);
    const active = await api(h).get('/api/inventory/alerts/').set('Authorization', auth.paula!);
    expect(active.body.results.map((alert: { stock_level: string }) => alert.stock_level)).not.toContain(level.id);

    expect((await moveOut('MON001', '6')).status).toBe(201); // 10 → 4: a second crossing
    expect((await alertsOf(level.id)).map((alert) => alert.status)).toEqual(['resolved', 'open']);
    expect(await eventsOf(level.id)).toHaveLength(2);
    await until(async () => deliveredFor().length === 2, { what: 'the second low-stock webhook' });
    // Nothing else arrives for this level.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(deliveredFor()).toHaveLength(2);
  } finally {
    await receiver.close();
    await h.knex('webhookEndpoints').delete();
  }
});

it('follows a changed minimum without any movement', async () => {
  const level = await levelOf('PAP001', 'MAIN'); // 120 on hand, minimum 50
  const patch = (body: object) =>
    api(h).patch(`/api/inventory/items/${level.id}/`).set('Authorization', auth.paula!).send(body);
  expect((await patch({ min_stock_level: '150', max_stock_level: '300' })).status).toBe(200);
  expect(await alertsOf(level.id)).toEqual([expect.objectContaining({ status: 'open', threshold: '150.000' })]);
  expect(await eventsOf(level.id)).toHaveLength(1);
  expect((await patch({ min_stock_level: '100' })).status).toBe(200);
  expect((await alertsOf(level.id)).map((alert) => alert.status)).toEqual(['resolved']);
  expect((await patch({ min_stock_level: null })).body.stock_status).toBe('normal');
});

it('lets procurement acknowledge an alert once; a requestor or a resolved alert is refused', async () => {
  const level = await levelOf('LAP001', 'EAST');
  const [alert] = await alertsOf(level.id);
  const acknowledge = (id: string, who: string) =>
    api(h).post(`/api/inventory/alerts/${id}/acknowledge/`).set('Authorization', auth[who]!);
  const before = await snapshot(h.knex, ['lowStockAlerts']);
  expectProblem(await acknowledge(alert!.id, 'alice'), 403);
  expectProblem(await acknowledge('00000000-0000-4000-8000-000000000000', 'paula'), 404);
  expect(await snapshot(h.knex, ['lowStockAlerts'])).toEqual(before);

  const done = await acknowledge(alert!.id, 'paula');
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({
    status: 'acknowledged',
    acknowledged_by: await idOf('users', { username: 'paula' }),
  });
  const again = await acknowledge(alert!.id, 'paula');
  expect(again.body.acknowledged_at).toBe(done.body.acknowledged_at);

  // Acknowledged is still active, and still resolves by itself.
  const acknowledged = await api(h).get('/api/inventory/alerts/?status=acknowledged').set('Authorization', auth.paula!);
  expect(acknowledged.body.results.map((row: { id: string }) => row.id)).toEqual([alert!.id]);
  expect((await count(level.id, '12')).status).toBe(200);
  const resolved = await acknowledge(alert!.id, 'paula');
  expectProblem(resolved, 409);
  const all = await api(h).get('/api/inventory/alerts/?status=all').set('Authorization', auth.paula!);
  expect(all.body.results.find((row: { id: string }) => row.id === alert!.id)).toMatchObject({ status: 'resolved' });
});
