/**
 * One reading of PostgreSQL and driver errors, for the API (which answers them) and the activities
 * (which decide whether a retry can help):
 * - `unique` 23505, `foreign_key` 23503, `not_null_or_check` 23502/23514, `integrity` any other 23xxx;
 * - `data` 22xxx (a value out of range or in the wrong format);
 * - `unavailable`: the database cannot be reached or stopped answering (08xxx, 57P01-57P03, 53xxx,
 *   refused or reset connections, a connection that dropped mid-query, a pool that timed out).
 */
export type PgErrorKind = 'unique' | 'foreign_key' | 'not_null_or_check' | 'integrity' | 'data' | 'unavailable';

const unreachable = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE'];

export function pgErrorKind(error: unknown): PgErrorKind | undefined {
  // Objection wraps the driver's error (DBError.nativeError); knex and pg throw it as it is.
  const native = (error as { nativeError?: unknown })?.nativeError ?? error;
  const code = (native as { code?: unknown })?.code;
  if (isPoolTimeout(error) || isConnectionLost(native)) return 'unavailable';
  if (typeof code !== 'string') return undefined;
  if (unreachable.includes(code) || /^(08|57P0[123]|53)/.test(code)) return 'unavailable';
  if (code === '23505') return 'unique';
  if (code === '23503') return 'foreign_key';
  if (code === '23502' || code === '23514') return 'not_null_or_check';
  if (code.startsWith('23')) return 'integrity';
  if (code.startsWith('22')) return 'data';
  return undefined;
}

/** node-postgres rejects a query whose connection drops mid-way (the server stopped) with no error code. */
function isConnectionLost(error: unknown): boolean {
  return (
    error instanceof Error &&
    /Connection terminated unexpectedly|Client has encountered a connection error/.test(error.message)
  );
}

function isPoolTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'KnexTimeoutError';
}
