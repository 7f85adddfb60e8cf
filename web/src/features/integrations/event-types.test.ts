import { describeEventTypes, toggleEventType } from './event-types';
import { nextParams, pageFrom } from '../../ui/url-filters';

const order = ['purchase_request.submitted', 'order.created', 'order.updated'];

describe('toggleEventType', () => {
  it('keeps "all events" alone', () => {
    expect(toggleEventType(['order.created'], '*', true, order)).toEqual(['*']);
    expect(toggleEventType(['*'], '*', false, order)).toEqual([]);
    expect(toggleEventType(['*'], 'order.updated', true, order)).toEqual(['order.updated']);
  });

  it("keeps the catalogue's order", () => {
    expect(toggleEventType(['order.updated'], 'purchase_request.submitted', true, order)).toEqual([
      'purchase_request.submitted',
      'order.updated',
    ]);
    expect(toggleEventType(['order.created', 'order.updated'], 'order.created', false, order)).toEqual([
      'order.updated',
    ]);
  });

  it('describes a subscription', () => {
    expect(describeEventTypes(['*'])).toBe('All events');
    expect(describeEventTypes(['order.created', 'order.updated'])).toBe('order.created, order.updated');
    expect(describeEventTypes([])).toBe('None');
  });
});

describe('URL filters', () => {
  it('drops empty filters and goes back to page 1 on a change', () => {
    const next = nextParams(new URLSearchParams('status=failed&page=3'), { status: null, event_type: 'order.created' });
    expect(next.toString()).toBe('event_type=order.created');
    expect(nextParams(new URLSearchParams('status=failed'), { page: '2' }).toString()).toBe('status=failed&page=2');
  });

  it('reads a page number, 1 for anything odd', () => {
    expect(pageFrom(new URLSearchParams('page=4'))).toBe(4);
    expect(pageFrom(new URLSearchParams('page=-1'))).toBe(1);
    expect(pageFrom(new URLSearchParams('page=x'))).toBe(1);
  });
});
