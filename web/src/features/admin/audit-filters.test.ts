import {
  auditFilterParams,
  auditFiltersFromParams,
  auditQuery,
  changedValues,
  describeVerification,
  emptyAuditFilters,
  validateAuditFilters,
} from './audit-filters';

const actor = '1b2c3d4e-0000-4f5a-8b9c-0d1e2f3a4b5c';

describe('audit filters in the URL', () => {
  it('round-trips every filter and leaves the defaults out', () => {
    const filters = {
      ...emptyAuditFilters,
      action: 'purchase_request.approve',
      resource_type: 'purchase_request',
      user_id: actor,
      date_from: '2026-03-01',
      date_to: '2026-03-07',
      ordering: 'timestamp' as const,
      page: 2,
    };
    const params = auditFilterParams(filters);
    expect(params.get('resource_id')).toBeNull();
    expect(params.get('ordering')).toBe('timestamp');
    expect(auditFiltersFromParams(params)).toEqual(filters);
    expect(auditFilterParams(emptyAuditFilters).toString()).toBe('');
  });

  it('falls back to newest first and page 1 on nonsense', () => {
    const filters = auditFiltersFromParams(new URLSearchParams('ordering=id&page=x'));
    expect(filters.ordering).toBe('-timestamp');
    expect(filters.page).toBe(1);
  });

  it('asks the API only for the filters that are set', () => {
    const query = auditQuery({ ...emptyAuditFilters, action: ' api.createUser ', page: 3 }, 25);
    expect(query).toEqual({ page: 3, page_size: 25, ordering: '-timestamp', action: 'api.createUser' });
  });

  it('refuses dates and actors the API would refuse', () => {
    expect(validateAuditFilters({ ...emptyAuditFilters, date_from: '07/03/2026', user_id: 'bob' })).toEqual({
      date_from: ['Enter a date as YYYY-MM-DD.'],
      user_id: ['Not a user id.'],
    });
    expect(validateAuditFilters({ ...emptyAuditFilters, date_from: '2026-03-08', date_to: '2026-03-07' })).toEqual({
      date_to: ['The end date comes before the start date.'],
    });
    expect(validateAuditFilters({ ...emptyAuditFilters, date_from: '2026-03-07', date_to: '2026-03-07' })).toEqual({});
  });
});

describe('chain verification', () => {
  it('reports an intact chain with its size', () => {
    expect(describeVerification({ ok: true, rows: 1234, unchained: 0 })).toEqual({
      intact: true,
      text: 'Chain intact: 1234 entries verified.',
      note: undefined,
    });
    expect(describeVerification({ ok: true, rows: 1, unchained: 2 }).note).toMatch(/^2 recent entries not linked/);
  });

  it('names the first broken entry and why', () => {
    const result = describeVerification({
      ok: false,
      rows: 42,
      unchained: 0,
      broken_at: 42,
      reason: 'the row was changed after it was written',
    });
    expect(result).toEqual({
      intact: false,
      text: 'Chain broken at entry #42: the row was changed after it was written. 42 entries checked.',
      note: undefined,
    });
  });
});

it('lists the values that changed', () => {
  expect(
    changedValues({ status: 'PENDING_APPROVAL', round: 1 }, { status: 'IN_REVIEW', round: 1, comment: 'ok' }).map(
      (change) => change.key,
    ),
  ).toEqual(['status', 'comment']);
  expect(changedValues(null, null)).toEqual([]);
});
