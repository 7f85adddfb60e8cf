import { formatAge, formatBytes, formatDuration, formatMoney } from './format';

describe('money', () => {
  it('formats with the currency and grouping of the locale', () => {
    expect(formatMoney('1500.00', 'EUR', 'en-GB')).toBe('€1,500.00');
    expect(formatMoney('999.99', 'USD', 'en-US')).toBe('$999.99');
    expect(formatMoney('1234.5', 'JPY', 'en-US')).toBe('¥1,235');
  });

  it('never rounds an amount too long for a Number: grouped by hand with the code', () => {
    expect(formatMoney('1234567890123456.78', 'EUR')).toBe('EUR 1,234,567,890,123,456.78');
  });
});

describe('ages and sizes', () => {
  const now = Date.parse('2026-12-02T12:00:00Z');
  it.each([
    ['2026-12-02T11:59:30Z', '0 minutes'],
    ['2026-12-02T11:59:00Z', '1 minute'],
    ['2026-12-02T09:00:00Z', '3 hours'],
    ['2026-11-28T12:00:00Z', '4 days'],
  ])('%s waited %s', (iso, expected) => {
    expect(formatAge(iso, now)).toBe(expected);
  });

  it('durations and bytes', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42)).toBe('42 seconds');
    expect(formatDuration(95)).toBe('2 minutes');
    expect(formatDuration(1800)).toBe('30 minutes');
    expect(formatDuration(7200)).toBe('2.0 hours');
    expect(formatDuration(3 * 86400)).toBe('3.0 days');
    expect(formatBytes(48)).toBe('48 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
