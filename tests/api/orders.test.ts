import { startHarness, type Harness } from '../support/harness';
import { api, bearer, client, expectProblem } from '../support/http';
import { completedRequest as completedBy } from '../kit/scenarios';
import { waitForEmail } from '../support/mailbox';
import { address, createOrder, setStatus, ship } from '../support/orders';
import { detail } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank', 'paula', 'erin', 'admin'])
    auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

/** The seed-002 chain through the test kit's scenario (bob and mallory approve; 750 skips the director). */
async function completedRequest(subject: string, amount = '750.00') {
  const tokens = Object.fromEntries(
    Object.entries(auth).map(([user, header]) => [user, header.replace(/^Bearer /, '')]),
  );
  const marketing = (await h.knex('teams').where({ name: 'Marketing' }).first('id')).id as string;
  return completedBy(client(h), tokens, { team: marketing, subject, amount, vendor: 'Print Shop' });
}

const snapshot = async (id: string) => ({
  order: await h.knex('purchaseOrders').where({ id }).first(),
  history: (await h.knex('orderStatusHistory').where({ orderId: id })).length,
  shipments: (await h.knex('shipments').where({ orderId: id })).length,
});

describe('orders opened by completed requests', () => {
  it('opens one order per completed request and follows it from pending to delivered, e-mailing the requestor', async () => {
    const subject = `Business cards ${Date.now()}`;
    const { id, completed } = await completedRequest(subject);
    expect(completed.purchase_order).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^PO-\d{4}-\d{6}$/),
    });
    const orderId = completed.purchase_order.id;
    expect((await detail(h, auth.alice!, id)).purchase_order).toEqual(completed.purchase_order);

    const order = await api(h).get(`/api/orders/${orderId}/`).set('Authorization', auth.alice!);
    expect(order.status).toBe(200);
    expect(order.body).toEqual(
      expect.objectContaining({
        status: 'pending',
        vendor_name: 'Print Shop',
        total: '750.00',
        currency: 'USD',
        purchase_request: { id, subject },
        confirm_by: expect.any(String),
      }),
    );
    expect(order.body.items).toEqual([
      expect.objectContaining({ description: subject, quantity: '1.000', unit_price: '750.00', line_total: '750.00' }),
    ]);

    expect((await setStatus(h, auth.paula!, orderId, 'confirmed', 'Vendor confirmed')).body.status).toBe('confirmed');
    expect((await setStatus(h, auth.paula!, orderId, 'processing')).body.status).toBe('processing');
    const shipment = await ship(h, auth.paula!, orderId);
    expect(shipment.status).toBe(201);
    expect(shipment.body).toEqual(
      expect.objectContaining({
        carrier: 'UPS',
        order: { id: orderId, number: completed.purchase_order.number },
        delivered_at: null,
      }),
    );
    await waitForEmail(
      (m) =>
        m.to.includes('alice@example.com') &&
        m.subject === `Shipped: purchase order ${completed.purchase_order.number}`,
    );

    const delivered = await setStatus(h, auth.paula!, orderId, 'delivered');
    expect(delivered.body.status).toBe('delivered');
    expect(delivered.body.shipments[0].delivered_at).toEqual(expect.any(String));
    expect(
      delivered.body.status_history.map(
        (row: { from_status: string | null; to_status: string }) => `${row.from_status}>${row.to_status}`,
      ),
    ).toEqual(['null>pending', 'pending>confirmed', 'confirmed>processing', 'processing>shipped', 'shipped>delivered']);
    await waitForEmail(
      (m) =>
        m.to.includes('alice@example.com') &&
        m.subject === `Delivered: purchase order ${completed.purchase_order.number}`,
    );
    const events = (await h.knex('outboxEvents').where({ aggregateId: orderId })).map(
      (row: { type: string }) => row.type,
    );
    expect(events.filter((type: string) => type === 'order.created')).toHaveLength(1);
    expect(events).toContain('shipment.delivered');

    const timeline = await api(h).get(`/api/prs/requests/${id}/timeline/`).set('Authorization', auth.alice!);
    expect(timeline.body.purchase_order).toEqual(expect.objectContaining({ id: orderId, status: 'delivered' }));
    expect(
      timeline.body.entries.filter((e: { kind: string }) => e.kind === 'order').map((e: { type: string }) => e.type),
    ).toEqual(['pending', 'confirmed', 'processing', 'shipped', 'delivered']);
    // An approver sees the request but not its order (api.md: orders are for procurement, finance, admins, the requestor).
    expect((await detail(h, auth.bob!, id)).purchase_order).toBeNull();
    const bobsTimeline = await api(h).get(`/api/prs/requests/${id}/timeline/`).set('Authorization', auth.bob!);
    expect(bobsTimeline.body.purchase_order).toBeNull();
    expect(bobsTimeline.body.entries.some((e: { kind: string }) => e.kind === 'order')).toBe(false);
  });
});

describe('status changes', () => {
  it('refuses every transition domain.md does not list, and changes nothing', async () => {
    const refusedFrom: Record<string, string[]> = {
      pending: ['processing', 'shipped', 'delivered', 'pending'],
      confirmed: ['pending', 'shipped', 'delivered', 'confirmed'],
      processing: ['pending', 'confirmed', 'shipped', 'delivered'],
      shipped: ['pending', 'confirmed', 'processing', 'cancelled'],
      delivered: ['pending', 'confirmed', 'processing', 'shipped', 'cancelled'],
    };
    const { id } = await createOrder(h, auth.paula!);
    const path = {
      pending: [],
      confirmed: ['confirmed'],
      processing: ['processing'],
      shipped: ['ship'],
      delivered: ['delivered'],
    } as Record<string, string[]>;
    for (const state of Object.keys(refusedFrom)) {
      for (const step of path[state]!) {
        const res = step === 'ship' ? await ship(h, auth.paula!, id) : await setStatus(h, auth.paula!, id, step);
        expect(res.status).toBeLessThan(300);
      }
      const before = await snapshot(id);
      for (const target of refusedFrom[state]!) {
        expectProblem(await setStatus(h, auth.paula!, id, target), 409);
      }
      if (state !== 'processing') expectProblem(await ship(h, auth.paula!, id), 409);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it('lets only procurement and admins change orders; others get 403 or 404', async () => {
    const { completed } = await completedRequest(`Roles ${Date.now()}`);
    const orderId = completed.purchase_order.id;
    const before = await snapshot(orderId);
    expectProblem(await setStatus(h, auth.alice!, orderId, 'confirmed'), 403); // the requestor sees it, cannot change it
    expectProblem(await setStatus(h, auth.frank!, orderId, 'confirmed'), 403); // finance reads every order
    expectProblem(await setStatus(h, auth.erin!, orderId, 'confirmed'), 404);
    expectProblem(await api(h).get(`/api/orders/${orderId}/`).set('Authorization', auth.bob!), 404);
    expectProblem(
      await api(h)
        .post('/api/orders/')
        .set('Authorization', auth.alice!)
        .send({
          vendor_name: 'X',
          items: [{ description: 'x', quantity: 1, unit_price: '1.00' }],
          shipping_address: address,
        }),
      403,
    );
    expect(await snapshot(orderId)).toEqual(before);
    expect((await setStatus(h, auth.admin!, orderId, 'confirmed')).body.status).toBe('confirmed');
  });

  it('offers the transitions the order can make only to those who manage it', async () => {
    const { id } = await createOrder(h, auth.paula!);
    const allowed = async (who: string) =>
      (await api(h).get(`/api/orders/${id}/`).set('Authorization', auth[who]!)).body.allowed_transitions;
    expect(await allowed('paula')).toEqual(['confirmed', 'cancelled']);
    expect(await allowed('admin')).toEqual(['confirmed', 'cancelled']);
    expect(await allowed('frank')).toEqual([]); // finance reads, never changes
    expect((await setStatus(h, auth.paula!, id, 'confirmed')).body.allowed_transitions).toEqual([
      'processing',
      'cancelled',
    ]);
    await setStatus(h, auth.paula!, id, 'cancelled');
    expect(await allowed('paula')).toEqual([]);
  });

  it('cancels from pending, confirmed and processing, with the note in the history', async () => {
    for (const path of [[], ['confirmed'], ['confirmed', 'processing']]) {
      const { id } = await createOrder(h, auth.paula!);
      for (const status of path) await setStatus(h, auth.paula!, id, status);
      const res = await setStatus(h, auth.paula!, id, 'cancelled', 'Vendor out of stock');
      expect(res.body.status).toBe('cancelled');
      expect(res.body.status_history.at(-1)).toEqual(
        expect.objectContaining({
          to_status: 'cancelled',
          note: 'Vendor out of stock',
          actor: expect.objectContaining({ username: 'paula' }),
        }),
      );
      expectProblem(await setStatus(h, auth.paula!, id, 'confirmed'), 409);
    }
  });
});

describe('creating orders', () => {
  it('computes totals on the server and ignores a client total', async () => {
    const order = await createOrder(h, auth.paula!, {
      total: '1.00',
      items: [
        { description: 'Chair', quantity: 4, unit_price: '249.50' },
        { description: 'Cable', quantity: '2.5', unit_price: '0.99' },
      ],
    });
    expect(order.total).toBe('1000.48'); // 998.00 + 2.475 → 2.48
    expect((await h.knex('purchaseOrders').where({ id: order.id }).first()).total).toBe('1000.48');
  });

  it('refuses negative or zero quantities and negative prices, and creates nothing', async () => {
    const count = async () => Number(((await h.knex('purchaseOrders').count({ n: '*' }).first()) as { n: string }).n);
    const before = await count();
    for (const item of [
      { quantity: -1, unit_price: '1.00' },
      { quantity: 0, unit_price: '1.00' },
      { quantity: 1, unit_price: '-1.00' },
      { quantity: 'lots', unit_price: '1.00' },
    ]) {
      const res = await api(h)
        .post('/api/orders/')
        .set('Authorization', auth.paula!)
        .send({ vendor_name: 'X', items: [{ description: 'x', ...item }], shipping_address: address });
      expectProblem(res, 400);
    }
    expectProblem(
      await api(h)
        .post('/api/orders/')
        .set('Authorization', auth.paula!)
        .send({ vendor_name: 'X', items: [], shipping_address: address }),
      400,
    );
    const huge = await api(h)
      .post('/api/orders/')
      .set('Authorization', auth.paula!)
      .send({
        vendor_name: 'X',
        items: [{ description: 'x', quantity: 999999999, unit_price: '999999999999.99' }],
        shipping_address: address,
      });
    expectProblem(huge, 400);
    expect(huge.body.errors['items.0.quantity']).toEqual(['This line’s total is too large.']);
    expect(await count()).toBe(before);
  });

  it('numbers concurrent orders distinctly and in strictly increasing order', async () => {
    const orders = await Promise.all(Array.from({ length: 8 }, () => createOrder(h, auth.paula!)));
    const numbers = orders.map((order) => order.number);
    expect(new Set(numbers).size).toBe(8);
    const sequence = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b);
    expect(sequence.at(-1)! - sequence[0]!).toBe(7); // contiguous: allocated one after another, no gaps
    const next = await createOrder(h, auth.paula!);
    expect(Number(next.number.slice(-6))).toBe(sequence.at(-1)! + 1);
    expect(numbers.every((number) => number.startsWith(`PO-${new Date().getUTCFullYear()}-`))).toBe(true);
  });
});

describe('lists, notes and shipments', () => {
  it('filters and orders the order list', async () => {
    const vendor = `Filter Vendor ${Date.now()}`;
    const small = await createOrder(h, auth.paula!, {
      vendor_name: vendor,
      items: [{ description: 'a', quantity: 1, unit_price: '10.00' }],
    });
    const large = await createOrder(h, auth.paula!, {
      vendor_name: vendor,
      items: [{ description: 'b', quantity: 1, unit_price: '5000.00' }],
    });
    await setStatus(h, auth.paula!, large.id, 'confirmed');
    const ids = async (query: string) => {
      const res = await api(h)
        .get(`/api/orders/?vendor=${encodeURIComponent(vendor)}&${query}`)
        .set('Authorization', auth.frank!);
      expect(res.status).toBe(200);
      return res.body.results.map((r: { id: string }) => r.id);
    };
    expect((await ids('')).sort()).toEqual([small.id, large.id].sort());
    expect(await ids('status=confirmed')).toEqual([large.id]);
    expect(await ids('min_total=100')).toEqual([large.id]);
    expect(await ids('max_total=100')).toEqual([small.id]);
    expect(await ids('ordering=-total')).toEqual([large.id, small.id]);
    expect(await ids('ordering=number')).toEqual([small.id, large.id]);
    expect(await ids('ordering=created_at')).toEqual([small.id, large.id]);
    expect(await ids('ordering=-created_at')).toEqual([large.id, small.id]);
    expect(await ids('date_from=2000-01-01&date_to=2999-12-31')).toHaveLength(2);
    expect(await ids('date_to=2000-01-01')).toEqual([]);
    const { completed } = await completedRequest(`Filter by request ${Date.now()}`);
    const byRequest = await api(h)
      .get(
        `/api/orders/?purchase_request=${(await h.knex('purchaseOrders').where({ id: completed.purchase_order.id }).first()).purchaseRequestId}`,
      )
      .set('Authorization', auth.paula!);
    expect(byRequest.body.results.map((r: { id: string }) => r.id)).toEqual([completed.purchase_order.id]);
    const mine = await api(h).get('/api/orders/').set('Authorization', auth.alice!);
    expect(mine.body.results.every((r: { purchase_request: unknown }) => r.purchase_request !== null)).toBe(true); // never manual orders
    for (const query of [
      'status=lost',
      'min_total=-1',
      'ordering=vendor_name',
      'date_from=soon',
      'purchase_request=1',
    ]) {
      expectProblem(await api(h).get(`/api/orders/?${query}`).set('Authorization', auth.paula!), 400);
    }
  });

  it('takes notes from procurement and the requestor only, and lists visible shipments', async () => {
    const { completed } = await completedRequest(`Notes ${Date.now()}`);
    const orderId = completed.purchase_order.id;
    expect(
      (
        await api(h)
          .post(`/api/orders/${orderId}/notes/`)
          .set('Authorization', auth.alice!)
          .send({ note: 'Please deliver before Friday' })
      ).status,
    ).toBe(201);
    expect(
      (
        await api(h)
          .post(`/api/orders/${orderId}/notes/`)
          .set('Authorization', auth.paula!)
          .send({ note: 'Asked the vendor' })
      ).status,
    ).toBe(201);
    expectProblem(
      await api(h)
        .post(`/api/orders/${orderId}/notes/`)
        .set('Authorization', auth.frank!)
        .send({ note: 'Finance note' }),
      403,
    );
    expectProblem(
      await api(h).post(`/api/orders/${orderId}/notes/`).set('Authorization', auth.erin!).send({ note: 'Not mine' }),
      404,
    );
    const view = await api(h).get(`/api/orders/${orderId}/`).set('Authorization', auth.alice!);
    expect(
      view.body.notes.map((n: { author: { username: string }; note: string }) => `${n.author.username}: ${n.note}`),
    ).toEqual(['alice: Please deliver before Friday', 'paula: Asked the vendor']);

    await setStatus(h, auth.paula!, orderId, 'confirmed');
    await setStatus(h, auth.paula!, orderId, 'processing');
    const badDate = await api(h)
      .post('/api/shipping/')
      .set('Authorization', auth.paula!)
      .send({ order_id: orderId, carrier: 'UPS', tracking_number: 'T1', estimated_delivery: '0000-01-01' });
    expectProblem(badDate, 400);
    expect(badDate.body.errors.estimated_delivery).toBeDefined();
    const shipment = (await ship(h, auth.paula!, orderId)).body;
    expect((await api(h).get(`/api/shipping/${shipment.id}/`).set('Authorization', auth.alice!)).body.id).toBe(
      shipment.id,
    );
    expectProblem(await api(h).get(`/api/shipping/${shipment.id}/`).set('Authorization', auth.erin!), 404);
    const list = await api(h).get(`/api/shipping/?order=${orderId}`).set('Authorization', auth.paula!);
    expect(list.body.results.map((s: { id: string }) => s.id)).toEqual([shipment.id]);
    expect((await api(h).get('/api/shipping/').set('Authorization', auth.erin!)).body.results).toEqual([]);
  });
});
