import { z } from './zod';

/** `YYYY-MM-DD` naming a day that exists (2026-02-30 is not rolled into March). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isoTimestamp = z.iso.datetime({ offset: true });

/**
 * A date (YYYY-MM-DD; as an upper bound the whole day counts) or an ISO-8601 timestamp with a time
 * zone (`2026-03-07T10:00:00Z`, `…+01:00`). Nothing else: `1`, `March 7` and `2026-02-31` are 400s.
 */
export function dateBound(endOfDay: boolean) {
  return z
    .string()
    .max(40)
    .refine(
      (value) => isCalendarDate(value) || isoTimestamp.safeParse(value).success,
      'Enter a date (YYYY-MM-DD) or an ISO-8601 timestamp with a time zone.',
    )
    .transform((value) =>
      isCalendarDate(value) ? new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`) : new Date(value),
    )
    .optional()
    .openapi({
      description: 'YYYY-MM-DD or an ISO-8601 timestamp with a time zone',
      examples: ['2026-03-07', '2026-03-07T10:00:00Z'],
    });
}

/** `a,b,c` where each value is one of `values`. */
export function commaList<const V extends readonly [string, ...string[]]>(values: V) {
  return z
    .string()
    .max(300)
    .transform((value) => value.split(',').map((item) => item.trim()))
    .pipe(z.array(z.enum(values)))
    .openapi({ type: 'array', items: { type: 'string', enum: [...values] }, param: { style: 'form', explode: false } })
    .optional()
    .describe(`One value or several separated by commas: ${values.join(', ')}`);
}
