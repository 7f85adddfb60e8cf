/**
 * The entries of `values` that are not undefined: a PATCH changes only what the caller sent, and
 * `null` (clear the value) is kept.
 */
export function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
