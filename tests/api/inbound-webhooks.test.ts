import { signPayload } from '../../lib/webhooks/signature';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { createOrder, setStatus, ship } from '../support/orders';

let h: Harness;
let admin: string;
let paula: string;
let secret: string;
beforeAll(async () => {
  h = await startHarness({ worker: true });
  [admin, paula] = await Promise.all([bearer(h, 'admin'), bearer(h, 'paula')]);
  const provider = await api(h)
    .post('/api/integrations/providers/')
    .set('Authorization', admin)
    .send({ name: 'acme-logistics' });
  expect(provider.status).toBe(201);
  secret = provider.body.secret;
});
afterAll(() => h.stop());

let sequence = 0;
/** Sends an event signed the Standard Webhooks way; `tamper` lets a test break one part. */
function send(
  event: Record<string, unknown>,
  options: { id?: string; timestamp?: number; key?: string; provider?: string } = {},
) {
  const id = options.id ?? `msg_${Date.now()}_${(sequence += 1)}`;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify(event);
  return api(h)
    .post(`/api/integrations/webhooks/${options.provider ?? 'acme-logistics'}/`)
    .set('Content-Type', 'application/json')
    .set('webhook-id', id)
    .set('webhook-timestamp', String(timestamp))
    .set('webhook-signature', signPayload(options.key ?? secret, id, timestamp, body))
    .send(body);
}

async function shippedOrder() {
  const order = await createOrder(h, paula);
  await setStatus(h, paula, order.id, 'confirmed');
  await setStatus(h, paula, order.id, 'processing');
  expect((await ship(h, paula, order.id)).status).toBe(201);
  return order;
}

describe('inbound webhooks', () => {
  it('refuses a bad signature, a stale timestamp and an unknown provider with 401, storing nothing', async () => {
    const order = await shippedOrder();
    const event = { type: 'shipment.delivered', data: { order_id: order.id } };
    expectProblem(await send(event, { key: 'whsec_' + Buffer.alloc(32, 7).toString('base64') }), 401);
    expectProblem(await send(event, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401);
    expectProblem(await send(event, { timestamp: Math.floor(Date.now() / 1000) + 600 }), 401);
    expectProblem(await send(event, { provider: 'nobody' }), 401);
    const unsigned = await api(h).post('/api/integrations/webhooks/acme-logistics/').send(event);
    expectProblem(unsigned, 401);
    expect(await h.knex('inboundEvents')).toEqual([]);
    expect((await h.knex('purchaseOrders').where({ id: order.id }).first()).status).toBe('shipped');
  });

  it('applies a valid shipment.delivered to the order once, however often it is sent', async () => {
    const order = await shippedOrder();
    const event = { type: 'shipment.delivered', data: { order_number: order.number } };
    const first = await send(event, { id: 'msg_delivered_1' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'applied', event_id: 'msg_delivered_1' });
    const repeat = await send(event, { id: 'msg_delivered_1' });
    expect(repeat.body).toEqual({ status: 'duplicate', event_id: 'msg_delivered_1' });
    const view = await api(h).get(`/api/orders/${order.id}/`).set('Authorization', paula);
    expect(view.body.status).toBe('delivered');
    expect(view.body.status_history.at(-1)).toEqual(
      expect.objectContaining({ to_status: 'delivered', actor: null, note: 'acme-logistics event msg_delivered_1' }),
    );
    expect(view.body.status_history.filter((row: { to_status: string }) => row.to_status === 'delivered')).toHaveLength(
      1,
    );
    const events = await api(h)
      .get('/api/integrations/events/?provider=acme-logistics&status=applied')
      .set('Authorization', admin);
    expect(events.body.results.map((e: { event_id: string }) => e.event_id)).toContain('msg_delivered_1');
  });

  it('confirms a pending order, refuses a transition the order cannot make (409), and ignores other types', async () => {
    const order = await createOrder(h, paula);
    expect((await send({ type: 'order.confirmed', data: { order_id: order.id } })).body.status).toBe('applied');
    expect((await api(h).get(`/api/orders/${order.id}/`).set('Authorization', paula)).body.status).toBe('confirmed');
    expectProblem(
      await send({ type: 'shipment.delivered', data: { order_id: order.id } }, { id: 'msg_too_early' }),
      409,
    );
    expect((await h.knex('inboundEvents').where({ eventId: 'msg_too_early' }).first()).status).toBe('rejected');
    expect((await send({ type: 'invoice.paid', data: {} })).body.status).toBe('ignored');
    // Issue 12 item 5: a type named like an Object.prototype member is just an unknown type.
    for (const type of ['constructor', 'toString', 'hasOwnProperty'])
      expect((await send({ type, data: {} })).body.status).toBe('ignored');
    // An event still being processed (pending, fresh) makes a concurrent repeat wait: 409, retry later.
    const provider = await h.knex('integrationProviders').where({ name: 'acme-logistics' }).first();
    await h.knex('inboundEvents').insert({
      providerId: provider.id,
      eventId: 'msg_in_flight',
      type: 'order.confirmed',
      payload: '{}',
      status: 'pending',
    });
    expectProblem(await send({ type: 'order.confirmed', data: { order_id: order.id } }, { id: 'msg_in_flight' }), 409);
    expectProblem(await send({ type: 'order.confirmed', data: { order_number: 'PO-1999-000001' } }), 404);
  });
});
