import type { ZodError, ZodType } from 'zod';
import { addFieldError, ValidationError, type FieldErrors } from './errors';

/** Parses one part of the request; a failure becomes a 400 naming every bad field. */
export function parseOrThrow<T extends ZodType>(schema: T | undefined, value: unknown, part: string): unknown {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(fieldErrors(result.error, part), `The ${part} is not valid.`);
}

export function fieldErrors(error: ZodError, part: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of keys) {
      const field = path.length > 0 ? path.map(String).join('.') : part === 'body' ? 'non_field_errors' : part;
      const message = issue.code === 'unrecognized_keys' ? 'This field is not allowed.' : issue.message;
      addFieldError(errors, field, message);
    }
  }
  return errors;
}
