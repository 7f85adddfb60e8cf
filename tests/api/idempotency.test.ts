import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { address } from '../support/orders';
import { createDraft } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'paula']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

const orderBody = {
  vendor_name: 'Idempotent Inc',
  items: [{ description: 'Desk', quantity: 1, unit_price: '300.00' }],
  shipping_address: address,
};

describe('Idempotency-Key', () => {
  it('replays an approval instead of approving twice', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Idempotent approval' });
    await api(h).post(`/api/prs/requests/${id}/submit/`).set('Authorization', auth.alice!);
    const first = await api(h)
      .post(`/api/prs/requests/${id}/approve/`)
      .set('Authorization', auth.bob!)
      .set('Idempotency-Key', 'approve-1')
      .send({ comment: 'ok' });
    expect(first.status).toBe(200);
    const again = await api(h)
      .post(`/api/prs/requests/${id}/approve/`)
      .set('Authorization', auth.bob!)
      .set('Idempotency-Key', 'approve-1')
      .send({ comment: 'ok' });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await h.knex('approvals').where({ requestId: id, action: 'APPROVE' })).toHaveLength(1);
    // Without the key the second approval is what it is: a 409.
    expectProblem(
      await api(h).post(`/api/prs/requests/${id}/approve/`).set('Authorization', auth.bob!).send({ comment: 'ok' }),
      409,
    );
  });

  it('replays an order creation, refuses the key with another body (422), and keeps keys per caller', async () => {
    const first = await api(h)
      .post('/api/orders/')
      .set('Authorization', auth.paula!)
      .set('Idempotency-Key', 'order-1')
      .send(orderBody);
    expect(first.status).toBe(201);
    const again = await api(h)
      .post('/api/orders/')
      .set('Authorization', auth.paula!)
      .set('Idempotency-Key', 'order-1')
      .send(orderBody);
    expect({ status: again.status, id: again.body.id, number: again.body.number }).toEqual({
      status: 201,
      id: first.body.id,
      number: first.body.number,
    });
    expect(await h.knex('purchaseOrders').where({ vendorName: 'Idempotent Inc' })).toHaveLength(1);

    const other = await api(h)
      .post('/api/orders/')
      .set('Authorization', auth.paula!)
      .set('Idempotency-Key', 'order-1')
      .send({ ...orderBody, vendor_name: 'Someone Else' });
    expectProblem(other, 422);
    expect(await h.knex('purchaseOrders').where({ vendorName: 'Someone Else' })).toHaveLength(0);

    const admin = await bearer(h, 'admin'); // another caller's key space
    const theirs = await api(h)
      .post('/api/orders/')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'order-1')
      .send(orderBody);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);
  });

  it('runs one of two concurrent requests with the same key; the other gets 409 or the replay', async () => {
    const answers = await Promise.all(
      [1, 2].map(() =>
        api(h)
          .post('/api/orders/')
          .set('Authorization', auth.paula!)
          .set('Idempotency-Key', 'order-race')
          .send({ ...orderBody, vendor_name: 'Race Ltd' }),
      ),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await h.knex('purchaseOrders').where({ vendorName: 'Race Ltd' })).toHaveLength(1);
  });

  it('never keeps a shown-once secret for replays', async () => {
    const admin = await bearer(h, 'admin');
    const body = { name: 'replayed token', scopes: ['requests:read'] };
    const first = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'token-1')
      .send(body);
    expect(first.body.token).toMatch(/^prs_/);
    const replay = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'token-1')
      .send(body);
    expect({ status: replay.status, id: replay.body.id, token: replay.body.token }).toEqual({
      status: 201,
      id: first.body.id,
      token: '[redacted]',
    });
    expect(JSON.stringify(await h.knex('idempotencyKeys').select('*'))).not.toContain(first.body.token);
  });

  it('lets a failed request be retried with the same key, and expires keys after 24 hours', async () => {
    const refused = await api(h)
      .post('/api/orders/')
      .set('Authorization', auth.paula!)
      .set('Idempotency-Key', 'order-fix')
      .send({ ...orderBody, items: [] });
    expectProblem(refused, 400);
    expect(
      (
        await api(h)
          .post('/api/orders/')
          .set('Authorization', auth.paula!)
          .set('Idempotency-Key', 'order-fix')
          .send({ ...orderBody, vendor_name: 'Fixed Co' })
      ).status,
    ).toBe(201);

    await h
      .knex('idempotencyKeys')
      .where({ key: 'order-fix' })
      .update({ createdAt: new Date(Date.now() - 25 * 3600 * 1000) });
    expect(
      (
        await api(h)
          .post('/api/orders/')
          .set('Authorization', auth.paula!)
          .set('Idempotency-Key', 'order-fix')
          .send({ ...orderBody, vendor_name: 'Fixed Co' })
      ).headers['idempotent-replayed'],
    ).toBeUndefined();
    expect(await h.knex('purchaseOrders').where({ vendorName: 'Fixed Co' })).toHaveLength(2);
    expectProblem(
      await api(h)
        .post('/api/orders/')
        .set('Authorization', auth.paula!)
        .set('Idempotency-Key', 'bad key with spaces')
        .send(orderBody),
      400,
    );
  });
});
