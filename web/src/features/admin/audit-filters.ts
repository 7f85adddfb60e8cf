import type { operations } from '../../api/schema';
import type { FieldErrors } from './people';

type AuditQuery = NonNullable<operations['listAuditLogs']['parameters']['query']>;
export type Verification = operations['verifyAuditLog']['responses'][200]['content']['application/json'];
export type Ordering = 'timestamp' | '-timestamp';

/** The filters of the audit log, as the URL holds them (a filtered view can be shared as a link). */
export interface AuditFilters {
  action: string;
  resource_type: string;
  resource_id: string;
  user_id: string;
  date_from: string;
  date_to: string;
  ordering: Ordering;
  page: number;
}

/** Newest first: what an administrator looking into something usually wants (the API's default is oldest first). */
export const DEFAULT_ORDERING: Ordering = '-timestamp';
const TEXT_FILTERS = ['action', 'resource_type', 'resource_id', 'user_id', 'date_from', 'date_to'] as const;

export const emptyAuditFilters: AuditFilters = {
  action: '',
  resource_type: '',
  resource_id: '',
  user_id: '',
  date_from: '',
  date_to: '',
  ordering: DEFAULT_ORDERING,
  page: 1,
};

export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = { ...emptyAuditFilters };
  for (const key of TEXT_FILTERS) filters[key] = params.get(key)?.trim() ?? '';
  const ordering = params.get('ordering');
  if (ordering === 'timestamp' || ordering === '-timestamp') filters.ordering = ordering;
  const page = Number(params.get('page') ?? '1');
  filters.page = Number.isInteger(page) && page >= 1 ? page : 1;
  return filters;
}

export function auditFilterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of TEXT_FILTERS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (filters.ordering !== DEFAULT_ORDERING) params.set('ordering', filters.ordering);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function auditQuery(filters: AuditFilters, pageSize: number): AuditQuery {
  const query: AuditQuery = { page: filters.page, page_size: pageSize, ordering: filters.ordering };
  for (const key of TEXT_FILTERS) {
    const value = filters[key].trim();
    if (value) query[key] = value;
  }
  return query;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Filters the API would refuse with a 400, caught before the list is asked for. */
export function validateAuditFilters(filters: AuditFilters): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of ['date_from', 'date_to'] as const) {
    const value = filters[key];
    if (value && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) errors[key] = ['Enter a date as YYYY-MM-DD.'];
  }
  if (
    !errors.date_from &&
    !errors.date_to &&
    filters.date_from &&
    filters.date_to &&
    filters.date_from > filters.date_to
  )
    errors.date_to = ['The end date comes before the start date.'];
  if (filters.user_id && !UUID.test(filters.user_id)) errors.user_id = ['Not a user id.'];
  return errors;
}

/** The chain's verification as a sentence; `ok: false` names the first broken entry. */
export function describeVerification(result: Verification): { intact: boolean; text: string; note?: string } {
  const note =
    result.unchained > 0
      ? `${plural(result.unchained, 'recent entry', 'recent entries')} not linked into the chain yet, so not covered by this check: verify again in a moment.`
      : undefined;
  if (result.ok)
    return { intact: true, text: `Chain intact: ${plural(result.rows, 'entry', 'entries')} verified.`, note };
  const where = result.broken_at === undefined ? 'Chain broken' : `Chain broken at entry #${result.broken_at}`;
  const why = result.reason ? `: ${result.reason}` : '';
  return { intact: false, text: `${where}${why}. ${plural(result.rows, 'entry', 'entries')} checked.`, note };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export interface ValueChange {
  key: string;
  before: unknown;
  after: unknown;
}

/** Keys whose value differs between the old and new values: the row's summary before it is expanded. */
export function changedValues(
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
): ValueChange[] {
  const before = oldValues ?? {};
  const after = newValues ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => ({ key, before: before[key], after: after[key] }));
}

export function formatValues(values: Record<string, unknown> | null): string {
  return values === null ? '(none)' : JSON.stringify(values, null, 2);
}
