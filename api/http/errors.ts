import { ErrorType, type Refusal } from '../../contracts/errors';

/** Field name → messages, as in the `errors` member of a validation problem document. */
export type FieldErrors = Record<string, string[]>;

/**
 * Adds a message under `field`, which may come from the caller (a key named `constructor` or
 * `__proto__` is just a key): own properties only, defined rather than assigned.
 */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  if (Object.hasOwn(errors, field)) (errors[field] as string[]).push(message);
  else Object.defineProperty(errors, field, { value: [message], enumerable: true, writable: true, configurable: true });
}

/** Base of every error the application throws on purpose; the status comes from problem-table.ts. */
export abstract class AppError extends Error {
  override readonly name: string = this.constructor.name;
  headers?: Record<string, string>;
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldErrors,
    message = 'The request is not valid.',
  ) {
    super(message);
  }
  static field(field: string, message: string): ValidationError {
    const errors: FieldErrors = {};
    addFieldError(errors, field, message);
    return new ValidationError(errors, message);
  }
}

export class BadRequestError extends AppError {}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication credentials were not provided or are invalid.') {
    super(message);
    this.headers = { 'WWW-Authenticate': 'Bearer' };
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to perform this action.') {
    super(message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(message);
  }
}
export class ConflictError extends AppError {}
/** A stock movement would take a level below zero (inventory.md §1.6): 409 `insufficient-stock`. */
export class InsufficientStockError extends ConflictError {}
/** The caller's `If-Match` or expected value no longer matches what is stored (412). */
export class PreconditionFailedError extends AppError {}
export class PayloadTooLargeError extends AppError {}
/** The same Idempotency-Key with a different request (422). */
export class IdempotencyKeyReusedError extends AppError {}
export class UnsupportedMediaTypeError extends AppError {}
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many requests. Try again later.',
  ) {
    super(message);
    this.headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  }
}
export class DependencyUnavailableError extends AppError {
  constructor(
    readonly dependency: string,
    message = `${dependency} is unavailable. Try again shortly.`,
  ) {
    super(message);
    this.headers = { 'Retry-After': '5' };
  }
}

/** The API's error for a refusal of the shared vocabulary (contracts/errors.ts), with its wording. */
export function errorForRefusal(refusal: Refusal): Error {
  switch (refusal.type) {
    case ErrorType.Validation:
      return new ValidationError(refusal.errors ?? {}, refusal.message);
    case ErrorType.Forbidden:
      return new ForbiddenError(refusal.message);
    case ErrorType.NotFound:
      return new NotFoundError(refusal.message);
    case ErrorType.Conflict:
      return new ConflictError(refusal.message);
    default:
      return new Error(refusal.message); // a defect: answered 500
  }
}

/** Route guards: throws the refusal a shared guard gave, if any. */
export function throwIf(refusal: Refusal | null): void {
  if (refusal) throw errorForRefusal(refusal);
}
