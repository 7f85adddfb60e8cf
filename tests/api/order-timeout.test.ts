import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { createOrder, setStatus } from '../support/orders';

// ORDER_CONFIRM_TIMEOUT_HOURS of 2 seconds: the durable timer cancels orders nobody confirms.
let h: Harness;
let paula: string;
beforeAll(async () => {
  h = await startHarness({ worker: true, env: { ORDER_CONFIRM_TIMEOUT_HOURS: String(2 / 3600) } });
  paula = await bearer(h, 'paula');
});
afterAll(() => h.stop());

async function statusAfter(
  id: string,
  ms: number,
): Promise<{
  status: string;
  notes: Array<{ note: string; author: unknown }>;
  status_history: Array<{ to_status: string; actor: unknown; note: string }>;
}> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await api(h).get(`/api/orders/${id}/`).set('Authorization', paula)).body;
}

describe('the confirmation timeout', () => {
  it('cancels a pending order that nobody confirms, with a note saying why', async () => {
    const order = await createOrder(h, paula);
    const fresh = (await api(h).get(`/api/orders/${order.id}/`).set('Authorization', paula)).body;
    expect(Date.parse(fresh.confirm_by) - Date.parse(fresh.created_at)).toBeLessThan(5000);
    let view = await statusAfter(order.id, 2500);
    for (let tries = 0; tries < 20 && view.status !== 'cancelled'; tries += 1) view = await statusAfter(order.id, 250);
    expect(view.status).toBe('cancelled');
    expect(view.status_history.at(-1)).toEqual(
      expect.objectContaining({
        to_status: 'cancelled',
        actor: null,
        note: expect.stringContaining('Not confirmed within'),
      }),
    );
    expect(view.notes).toEqual([
      expect.objectContaining({ author: null, note: expect.stringContaining('cancelled automatically') }),
    ]);
    expectProblem(await setStatus(h, paula, order.id, 'confirmed'), 409);
  });

  it('leaves a confirmed order alone', async () => {
    const order = await createOrder(h, paula);
    expect((await setStatus(h, paula, order.id, 'confirmed')).body).toEqual(
      expect.objectContaining({ status: 'confirmed', confirm_by: null }),
    );
    expect((await statusAfter(order.id, 3000)).status).toBe('confirmed');
  });
});
