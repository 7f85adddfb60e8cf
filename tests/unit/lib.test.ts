import { definedOnly } from '../../lib/defined-only';
import { pgErrorKind } from '../../lib/pg-errors';
import { TimeoutError, withTimeout } from '../../lib/with-timeout';

const pg = (code: string) => Object.assign(new Error('pg'), { code });

describe('pgErrorKind', () => {
  it.each([
    ['23505', 'unique'],
    ['23503', 'foreign_key'],
    ['23502', 'not_null_or_check'],
    ['23514', 'not_null_or_check'],
    ['23P01', 'integrity'],
    ['22P02', 'data'],
    ['22003', 'data'],
    ['08006', 'unavailable'],
    ['57P01', 'unavailable'],
    ['53300', 'unavailable'],
    ['ECONNREFUSED', 'unavailable'],
    ['42P01', undefined],
  ])('reads %s as %s', (code, kind) => {
    expect(pgErrorKind(pg(code))).toBe(kind);
  });

  it('reads the driver error inside an Objection DBError', () => {
    expect(pgErrorKind(Object.assign(new Error('wrapped'), { nativeError: pg('23505') }))).toBe('unique');
  });

  it('calls a dropped connection and a pool timeout unavailable, anything else unknown', () => {
    expect(pgErrorKind(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(pgErrorKind(Object.assign(new Error('Knex: Timeout acquiring'), { name: 'KnexTimeoutError' }))).toBe(
      'unavailable',
    );
    expect(pgErrorKind(new Error('something else'))).toBeUndefined();
    expect(pgErrorKind(undefined)).toBeUndefined();
  });
});

describe('withTimeout', () => {
  it('answers what the work answers in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('no')), 1_000)).rejects.toThrow('no');
  });

  it('rejects with a TimeoutError, or the caller’s error, when the time runs out', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeout(never, 5)).rejects.toBeInstanceOf(TimeoutError);
    await expect(withTimeout(never, 5)).rejects.toThrow('no answer within 5 ms');
    await expect(withTimeout(never, 5, () => new RangeError('too slow'))).rejects.toBeInstanceOf(RangeError);
  });
});

describe('definedOnly', () => {
  it('drops undefined entries and keeps null (a PATCH that clears a value)', () => {
    expect(definedOnly({ a: 1, b: undefined, c: null, d: '' })).toEqual({ a: 1, c: null, d: '' });
  });
});
