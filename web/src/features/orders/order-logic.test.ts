import { addressLines } from './AddressBlock';
import { orderActionsFor, transitionLabel } from './order-actions';
import { orderListQuery, withChanges } from './order-filters';
import { trimQuantity } from './OrderItemsTable';
import { shipmentBody, EMPTY_SHIPMENT } from './shipment-form';

describe('orderActionsFor', () => {
  const manager = { manageOrders: true };
  const reader = { manageOrders: false };

  it('offers a manager exactly the transitions the API allows', () => {
    expect(orderActionsFor({ allowed_transitions: ['confirmed', 'cancelled'] }, manager)).toEqual({
      transitions: ['confirmed', 'cancelled'],
      ship: false,
      addNote: true,
    });
  });

  it('turns "shipped" into the shipment form, never a status button', () => {
    expect(orderActionsFor({ allowed_transitions: ['shipped', 'cancelled'] }, manager)).toEqual({
      transitions: ['cancelled'],
      ship: true,
      addNote: true,
    });
  });

  it('offers nothing to a reader, or when the API offers nothing', () => {
    const none = { transitions: [], ship: false, addNote: false };
    expect(orderActionsFor({ allowed_transitions: ['confirmed', 'cancelled'] }, reader)).toEqual(none);
    expect(orderActionsFor({ allowed_transitions: [] }, manager)).toEqual(none);
  });

  it('names each action', () => {
    expect(transitionLabel('confirmed')).toBe('Mark as confirmed');
    expect(transitionLabel('processing')).toBe('Mark as processing');
    expect(transitionLabel('delivered')).toBe('Mark as delivered');
    expect(transitionLabel('cancelled')).toBe('Cancel order');
  });
});

describe('order list filters in the URL', () => {
  it('reads the query the API takes, dropping unknown values', () => {
    const params = new URLSearchParams(
      'status=confirmed&search=PO-2026&ordering=-total&page=3&min_total=100&vendor=%20&date_from=2026-01-01',
    );
    expect(orderListQuery(params)).toEqual({
      page: 3,
      page_size: 20,
      ordering: '-total',
      status: ['confirmed'],
      search: 'PO-2026',
      min_total: '100',
      date_from: '2026-01-01',
    });
    expect(orderListQuery(new URLSearchParams('status=lost&ordering=vendor&page=-2'))).toEqual({
      page: 1,
      page_size: 20,
      ordering: '-created_at',
    });
  });

  it('goes back to page 1 when a filter changes and removes empty filters', () => {
    const params = new URLSearchParams('status=pending&page=4&search=chair');
    expect(withChanges(params, { search: '  ' }).toString()).toBe('status=pending');
    expect(withChanges(params, { page: '5' }).toString()).toBe('status=pending&page=5&search=chair');
  });
});

describe('order details', () => {
  it('sends a shipment with the blanks left out', () => {
    expect(
      shipmentBody({ ...EMPTY_SHIPMENT, carrier: ' UPS ', tracking_number: '1Z9', shipping_cost: '15.99' }),
    ).toEqual({
      carrier: 'UPS',
      tracking_number: '1Z9',
      shipping_cost: '15.99',
    });
  });

  it('prints addresses and quantities as people read them', () => {
    expect(
      addressLines({ street: '1 Market St', city: 'San Francisco', state: 'CA', zip_code: '94105', country: 'USA' }),
    ).toEqual(['1 Market St', '94105 San Francisco, CA', 'USA']);
    expect(addressLines(null)).toEqual([]);
    expect(trimQuantity('4.000')).toBe('4');
    expect(trimQuantity('2.500')).toBe('2.5');
    expect(trimQuantity('10')).toBe('10');
  });
});
