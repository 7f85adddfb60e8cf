import { z } from '../schemas/zod';

/** A date (YYYY-MM-DD; as an upper bound the whole day counts) or an ISO-8601 timestamp. */
export function dateBound(endOfDay: boolean) {
  return z
    .string()
    .max(40)
    .refine((value) => !Number.isNaN(Date.parse(value)), 'Enter a date (YYYY-MM-DD) or an ISO-8601 timestamp.')
    .transform((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) && endOfDay ? new Date(`${value}T23:59:59.999Z`) : new Date(value)))
    .optional();
}

/** `a,b,c` where each value is one of `values`. */
export function commaList<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .max(300)
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(z.enum(values)))
    .optional()
    .describe('One value or several separated by commas');
}
