import { expiryFromDate, tokenBody, tokenDraftErrors, tokenState, toggleScope } from './token-scopes';

describe('toggleScope', () => {
  it("adds and removes scopes in the API's order, once each", () => {
    expect(toggleScope(['orders:read'], 'requests:read', true)).toEqual(['requests:read', 'orders:read']);
    expect(toggleScope(['requests:read', 'orders:read'], 'orders:read', true)).toEqual([
      'requests:read',
      'orders:read',
    ]);
    expect(toggleScope(['requests:read', 'orders:read'], 'requests:read', false)).toEqual(['orders:read']);
    expect(toggleScope([], 'admin', false)).toEqual([]);
  });
});

describe('tokenState', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  it('reads revoked before expired', () => {
    expect(tokenState({ revoked_at: '2026-02-01T00:00:00Z', expires_at: '2026-01-01T00:00:00Z' }, now)).toBe('revoked');
    expect(tokenState({ revoked_at: null, expires_at: '2026-03-01T12:00:00Z' }, now)).toBe('expired');
    expect(tokenState({ revoked_at: null, expires_at: '2026-03-02T00:00:00Z' }, now)).toBe('active');
    expect(tokenState({ revoked_at: null, expires_at: null }, now)).toBe('active');
  });
});

describe('expiryFromDate', () => {
  it('is the end of the chosen day, local time, as ISO', () => {
    const iso = expiryFromDate('2027-01-10');
    const date = new Date(iso as string);
    expect([date.getFullYear(), date.getMonth(), date.getDate(), date.getHours(), date.getMinutes()]).toEqual([
      2027, 0, 10, 23, 59,
    ]);
    expect(iso).toMatch(/Z$/);
  });

  it('is nothing without a date', () => {
    expect(expiryFromDate('')).toBeUndefined();
    expect(expiryFromDate('10/01/2027')).toBeUndefined();
  });
});

describe('tokenDraftErrors and tokenBody', () => {
  const now = new Date(2026, 2, 1, 12).getTime();
  const draft = { name: ' ERP ', scopes: ['orders:read' as const], expires: '', rateLimit: '' };

  it('accepts a named token with a scope', () => {
    expect(tokenDraftErrors(draft, now)).toEqual({});
    expect(tokenBody(draft)).toEqual({ name: 'ERP', scopes: ['orders:read'] });
  });

  it('needs a name, a scope, a future date and a whole rate', () => {
    expect(tokenDraftErrors({ name: ' ', scopes: [], expires: '2026-02-28', rateLimit: '1.5' }, now)).toEqual({
      name: ['Give the token a name.'],
      scopes: ['Choose at least one scope.'],
      expires: ['Choose a date in the future.'],
      rateLimit: ['Enter a whole number of requests per hour, or leave it empty.'],
    });
  });

  it('sends the expiry and the rate limit when given', () => {
    const body = tokenBody({ ...draft, expires: '2027-01-10', rateLimit: '5000' });
    expect(body.rate_limit_per_hour).toBe(5000);
    expect(body.expires_at).toBe(expiryFromDate('2027-01-10'));
  });
});
