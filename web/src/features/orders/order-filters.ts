import { ORDER_STATUSES, type OrderListQuery, type OrderStatus } from './order-types';

export const ORDER_PAGE_SIZE = 20;

type Ordering = NonNullable<OrderListQuery['ordering']>;
export const ORDER_ORDERINGS: Array<[Ordering, string]> = [
  ['-created_at', 'Newest first'],
  ['created_at', 'Oldest first'],
  ['-total', 'Largest total'],
  ['total', 'Smallest total'],
  ['-number', 'Number, high to low'],
  ['number', 'Number, low to high'],
];
const DEFAULT_ORDERING: Ordering = '-created_at';

/** Text filters the page keeps in the URL as the API takes them; `status` is read apart (one at a time). */
const TEXT_FILTERS = [
  'search',
  'vendor',
  'date_from',
  'date_to',
  'min_total',
  'max_total',
  'purchase_request',
] as const;

/** The list's query from the page's URL: unknown values are dropped so a hand-edited link still works. */
export function orderListQuery(params: URLSearchParams): OrderListQuery {
  const query: OrderListQuery = { page: pageOf(params), page_size: ORDER_PAGE_SIZE, ordering: orderingOf(params) };
  const status = params.get('status');
  if (status && ORDER_STATUSES.includes(status as OrderStatus)) query.status = [status as OrderStatus];
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value;
  }
  return query;
}

function pageOf(params: URLSearchParams): number {
  const page = Math.floor(Number(params.get('page') ?? '1'));
  return Number.isFinite(page) && page >= 1 ? page : 1;
}

function orderingOf(params: URLSearchParams): Ordering {
  const ordering = params.get('ordering');
  return ORDER_ORDERINGS.some(([value]) => value === ordering) ? (ordering as Ordering) : DEFAULT_ORDERING;
}

/** The URL after a change: empty values are removed, and any filter change goes back to page 1. */
export function withChanges(params: URLSearchParams, changes: Record<string, string | null>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    const trimmed = value?.trim();
    if (trimmed) next.set(key, trimmed);
    else next.delete(key);
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}
