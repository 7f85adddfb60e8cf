import type { Harness } from './harness';
import { api } from './http';

export const address = { street: '1 Market St', city: 'San Francisco', state: 'CA', zip_code: '94105', country: 'USA' };

/** A manual order through the API (paula, procurement officer, by default). */
export async function createOrder(h: Harness, auth: string, overrides: Record<string, unknown> = {}) {
  const res = await api(h)
    .post('/api/orders/')
    .set('Authorization', auth)
    .send({
      vendor_name: 'Office Depot',
      items: [{ description: 'Chair', quantity: 2, unit_price: '100.00' }],
      shipping_address: address,
      ...overrides,
    });
  if (res.status !== 201) throw new Error(`create order answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; number: string; total: string; status: string };
}

export const setStatus = (h: Harness, auth: string, id: string, status: string, note?: string) =>
  api(h)
    .patch(`/api/orders/${id}/status/`)
    .set('Authorization', auth)
    .send(note ? { status, note } : { status });

export const ship = (h: Harness, auth: string, orderId: string) =>
  api(h)
    .post('/api/shipping/')
    .set('Authorization', auth)
    .send({
      order_id: orderId,
      carrier: 'UPS',
      service_type: 'Ground',
      tracking_number: `1Z${Date.now()}`,
      shipping_cost: '15.99',
      estimated_delivery: '2026-12-01',
    });
