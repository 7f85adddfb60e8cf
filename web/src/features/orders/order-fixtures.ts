import type { OrderDetail } from './order-types';

/** A pending order as GET /api/orders/{id}/ answers a procurement officer. */
export function orderFixture(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: 'o1',
    number: 'PO-2026-000042',
    purchase_request: { id: 'r1', subject: 'Laptops' },
    vendor_name: 'Office Depot',
    total: '1068.00',
    currency: 'USD',
    status: 'pending',
    created_at: '2026-01-16T09:00:00.000Z',
    updated_at: '2026-01-16T09:00:00.000Z',
    items: [
      { id: 'i1', description: 'Ergonomic chair', quantity: '4.000', unit_price: '249.50', line_total: '998.00' },
      { id: 'i2', description: 'Desk lamp', quantity: '2.000', unit_price: '35.00', line_total: '70.00' },
    ],
    shipping_address: { street: '1 Market St', city: 'San Francisco', state: 'CA', zip_code: '94105', country: 'USA' },
    billing_address: null,
    notes: [],
    shipments: [],
    status_history: [
      {
        from_status: null,
        to_status: 'pending',
        actor: { id: 'u1', username: 'paula' },
        note: '',
        at: '2026-01-16T09:00:00.000Z',
      },
    ],
    confirm_by: '2026-01-23T09:00:00.000Z',
    allowed_transitions: ['confirmed', 'cancelled'],
    ...overrides,
  };
}
