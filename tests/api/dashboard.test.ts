import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { teamId, userId } from '../support/requests';

// Known data written straight into a database of its own, then the figures checked exactly.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const hour = 3600 * 1000;
  const now = Date.now();
  const base = {
    requestorId: await userId(h, 'alice'),
    teamId: await teamId(h, 'Marketing'),
    formTemplateId: (await h.knex('formTemplates').first('id')).id,
    purchaseType: 'GOODS',
    subject: 'Dashboard',
    amount: '10.00',
    currency: 'USD',
  };
  const manager = (await h.knex('workflowTemplateSteps').where({ stepName: 'Manager Approval' }).first('id')).id;
  const completed = (hours: number, createdDaysAgo = 1) => ({
    ...base,
    status: 'COMPLETED',
    createdAt: new Date(now - createdDaysAgo * 24 * hour),
    submittedAt: new Date(now - createdDaysAgo * 24 * hour),
    completedAt: new Date(now - createdDaysAgo * 24 * hour + hours * hour),
  });
  await h.knex('purchaseRequests').insert([
    completed(1),
    completed(2),
    completed(10),
    completed(5, 100), // outside every period
    { ...base, status: 'IN_REVIEW', currentStepId: manager },
    { ...base, status: 'PENDING_APPROVAL', currentStepId: manager },
    { ...base, status: 'DRAFT' },
  ]);
  const order = (status: string, number: string) => ({
    number,
    vendorName: 'V',
    currency: 'USD',
    total: '1.00',
    status,
  });
  await h
    .knex('purchaseOrders')
    .insert([
      order('pending', 'PO-2026-900001'),
      order('pending', 'PO-2026-900002'),
      order('delivered', 'PO-2026-900003'),
    ]);
  const [endpoint] = await h
    .knex('webhookEndpoints')
    .insert({ url: 'https://93.184.216.34/hook', eventTypes: JSON.stringify(['*']), secretEncrypted: 'x' })
    .returning('id');
  const events = ['evt_a', 'evt_b', 'evt_c', 'evt_d'];
  await h.knex('outboxEvents').insert(
    events.map((id) => ({
      id,
      type: 'order.created',
      aggregateType: 'purchase_order',
      aggregateId: 'x',
      sequence: events.indexOf(id) + 1,
      payload: '{}',
    })),
  );
  await h.knex('webhookDeliveries').insert(
    events.map((eventId, index) => ({
      eventId,
      endpointId: endpoint.id,
      eventType: 'order.created',
      status: index < 3 ? 'succeeded' : 'failed',
      completedAt: new Date(),
    })),
  );
});
afterAll(() => h.stop());

describe('dashboard metrics', () => {
  it('computes every figure correctly on known data', async () => {
    const res = await api(h)
      .get('/api/dashboard/metrics/?period=30d')
      .set('Authorization', await bearer(h, 'frank'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        period: '30d',
        requests_by_status: { COMPLETED: 3, IN_REVIEW: 1, PENDING_APPROVAL: 1, DRAFT: 1 },
        pending_approvals_per_step: [{ step_name: 'Manager Approval', step_order: 1, count: 2 }],
        submit_to_completion_seconds: { completed: 3, median: 7200, p90: 30240 }, // 1 h, 2 h, 10 h
        orders_by_status: { pending: 2, delivered: 1 },
        webhooks: { succeeded: 3, failed: 1, success_rate: 0.75 },
        // The demo stock (seed 001's two stock figures): the laptops in EAST are low.
        low_stock_items: 1,
        total_inventory_value: { USD: '64279.47' },
      }),
    );
    const longer = await api(h)
      .get('/api/dashboard/metrics/?period=90d')
      .set('Authorization', await bearer(h, 'admin'));
    expect(longer.body.submit_to_completion_seconds.completed).toBe(3); // the 100-day-old one stays out
  });

  it('is for admins and finance reviewers only, and checks the period', async () => {
    expectProblem(
      await api(h)
        .get('/api/dashboard/metrics/')
        .set('Authorization', await bearer(h, 'bob')),
      403,
    );
    expectProblem(
      await api(h)
        .get('/api/dashboard/metrics/?period=1y')
        .set('Authorization', await bearer(h, 'admin')),
      400,
    );
  });
});

describe('inventory levels (seed 001)', () => {
  it('sums the demo stock per warehouse at catalogue prices, for everyone who reads stock', async () => {
    const res = await api(h)
      .get('/api/dashboard/inventory-levels/')
      .set('Authorization', await bearer(h, 'alice'));
    expect(res.status).toBe(200);
    const byCode = Object.fromEntries(
      res.body.warehouses.map((row: { warehouse: { code: string } }) => [row.warehouse.code, row]),
    );
    // MAIN: 50 × 999.99 + 20 × 249.00 + 120 × 39.90; EAST: 3 × 999.99 + 8 × 189.00.
    expect(byCode.MAIN).toMatchObject({
      levels: 3,
      low_stock_items: 0,
      out_of_stock_items: 0,
      value: { USD: '59767.50' },
    });
    expect(byCode.EAST).toMatchObject({
      levels: 2,
      low_stock_items: 1,
      out_of_stock_items: 0,
      value: { USD: '4511.97' },
    });
    expect(res.body.totals).toEqual({
      levels: 5,
      low_stock_items: 1,
      out_of_stock_items: 0,
      value: { USD: '64279.47' },
    });
    // An emptied level counts as low and as out of stock.
    const level = await h.knex('stockLevels').where({ onHand: '8.000' }).first('id');
    expect(
      (
        await api(h)
          .patch(`/api/inventory/items/${level.id}/`)
          .set('Authorization', await bearer(h, 'paula'))
          .send({ quantity: 0, reason: 'Sold out' })
      ).status,
    ).toBe(200);
    const after = await api(h)
      .get('/api/dashboard/inventory-levels/')
      .set('Authorization', await bearer(h, 'alice'));
    expect(after.body.totals).toEqual({
      levels: 5,
      low_stock_items: 2,
      out_of_stock_items: 1,
      value: { USD: '62767.47' },
    });
  });
});
