import type request from 'supertest';
import { signPayload } from '../../lib/webhooks/signature';
import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { createOrder } from '../support/orders';
import { as, snapshot, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API10:2023 Unsafe Consumption of APIs', () => {
  let secret: string;
  let sequence = 0;
  const PROVIDER = 'owasp-logistics';

  beforeAll(async () => {
    const provider = await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', as('admin'))
      .send({ name: PROVIDER });
    expect(provider.status).toBe(201);
    secret = provider.body.secret;
  });

  function signed(
    event: unknown,
    options: {
      id?: string;
      timestamp?: number;
      key?: string;
      provider?: string;
      signedBody?: string;
      signature?: string;
    } = {},
  ) {
    const id = options.id ?? `msg_owasp_${Date.now()}_${(sequence += 1)}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const body = JSON.stringify(event);
    return api(h)
      .post(`/api/integrations/webhooks/${options.provider ?? PROVIDER}/`)
      .set('Content-Type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(timestamp))
      .set(
        'webhook-signature',
        options.signature ?? signPayload(options.key ?? secret, id, timestamp, options.signedBody ?? body),
      )
      .send(body);
  }

  it('refuses unsigned, wrongly signed, tampered, stale and future events with 401, storing and changing nothing', async () => {
    const order = await createOrder(h, as('paula'));
    const event = { type: 'order.confirmed', data: { order_id: order.id } };
    const otherKey = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    const now = Math.floor(Date.now() / 1000);
    const before = await snapshot();
    const attempts: Array<[string, request.Test]> = [
      ['unsigned', api(h).post(`/api/integrations/webhooks/${PROVIDER}/`).send(event)],
      ['other key', signed(event, { key: otherKey })],
      ['tampered body', signed(event, { signedBody: JSON.stringify({ type: 'invoice.paid', data: {} }) })],
      ['stale', signed(event, { timestamp: now - 600 })],
      ['future', signed(event, { timestamp: now + 600 })],
      ['v2 scheme', signed(event, { signature: signPayload(secret, 'x', now, '{}').replace(/^v1,/, 'v2,') })],
      ['empty signature', signed(event, { signature: 'v1,' })],
      ['unknown provider', signed(event, { provider: 'nobody-registered' })],
      [
        'signature for another id',
        signed(event, { id: 'msg_a', signature: signPayload(secret, 'msg_b', now, JSON.stringify(event)) }),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt;
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expectProblem(res, 401);
      expect(res.body.detail).toBe('The webhook signature or timestamp is not valid.');
    }
    expect(await snapshot()).toEqual(before);
    expect((await h.knex('purchaseOrders').where({ id: order.id }).first()).status).toBe('pending');
  });

  it('accepts a correctly signed event once, applying it through the order’s workflow', async () => {
    const order = await createOrder(h, as('paula'));
    const event = { type: 'order.confirmed', data: { order_id: order.id } };
    const first = await signed(event, { id: 'msg_owasp_good' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'applied', event_id: 'msg_owasp_good' });
    expect((await api(h).get(`/api/orders/${order.id}/`).set('Authorization', as('paula'))).body.status).toBe(
      'confirmed',
    );
    const replay = await signed(event, { id: 'msg_owasp_good' });
    expect(replay.body).toEqual({ status: 'duplicate', event_id: 'msg_owasp_good' });
    expect(await h.knex('inboundEvents').where({ eventId: 'msg_owasp_good' })).toHaveLength(1);
    expect(await h.knex('orderStatusHistory').where({ orderId: order.id, toStatus: 'confirmed' })).toHaveLength(1);
  });

  it('refuses events of a deactivated provider', async () => {
    const provider = await h.knex('integrationProviders').where({ name: PROVIDER }).first();
    expect(
      (await api(h).delete(`/api/integrations/providers/${provider.id}/`).set('Authorization', as('admin'))).status,
    ).toBe(204);
    const before = await snapshot();
    expectProblem(await signed({ type: 'invoice.paid', data: {} }), 401);
    expect(await snapshot()).toEqual(before);
  });
});
