import { z } from './zod';
import { isIsoCurrency } from '../../config/currencies';

export const uuid = z.string().uuid('Must be a valid UUID.');
export const idParams = z.strictObject({ id: uuid });
export const timestamp = z.string().describe('ISO-8601 UTC timestamp');
export const detailSchema = z.object({ detail: z.string() });

/** Text inputs: trimmed, bounded, and free of control characters that break logs and e-mails. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(
      (value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value),
      'Must not contain control characters.',
    );

export const requiredText = (max: number) => text(max).pipe(z.string().min(1, 'This field may not be blank.'));

/** `true` or `false` in a query string, documented as the boolean it is. */
export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .openapi({ type: 'boolean' })
  .optional();

/** An ISO 4217 code the platform knows (`ZZZ` and other made-up codes are refused). */
export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'Use an ISO 4217 code such as USD.')
  .refine(isIsoCurrency, 'Not an ISO 4217 currency code.')
  .openapi({ example: 'USD', description: 'ISO 4217 currency code' });

const quantityText = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z
    .string()
    .trim()
    .regex(/^\d{1,11}(\.\d{1,3})?$/, 'Enter a quantity with at most 3 decimal places.'),
);

/** A quantity: a decimal string with up to 3 places, above zero (a JSON number is read as one). */
export const quantity = quantityText
  .refine((value) => Number(value) > 0, 'The quantity must be greater than zero.')
  .transform((value) => Number(value).toFixed(3))
  .openapi({ example: '10.000' });

/** A quantity that may be zero: a stock count, a minimum. */
export const quantityOrZero = quantityText.transform((value) => Number(value).toFixed(3)).openapi({ example: '0.000' });
