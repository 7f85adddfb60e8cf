import { ErrorType } from '../../contracts/errors';
import {
  AppError,
  BadRequestError,
  ConflictError,
  DependencyUnavailableError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  InsufficientStockError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors';

export interface ProblemKind {
  status: number;
  title: string;
  /** Last segment of the problem `type` URI (`/problems/<slug>`), documented in docs/architecture.md ("Errors"). */
  slug: string;
}

/** The one table mapping error types to HTTP statuses. */
export const problemTable = new Map<abstract new (...args: never[]) => AppError, ProblemKind>([
  [ValidationError, { status: 400, title: 'Validation failed', slug: 'validation-error' }],
  [BadRequestError, { status: 400, title: 'Bad request', slug: 'bad-request' }],
  [UnauthenticatedError, { status: 401, title: 'Not authenticated', slug: 'not-authenticated' }],
  [ForbiddenError, { status: 403, title: 'Forbidden', slug: 'forbidden' }],
  [NotFoundError, { status: 404, title: 'Not found', slug: 'not-found' }],
  // Before ConflictError, its parent: the first class an error is an instance of decides.
  [InsufficientStockError, { status: 409, title: 'Insufficient stock', slug: 'insufficient-stock' }],
  [ConflictError, { status: 409, title: 'Conflict', slug: 'conflict' }],
  [PreconditionFailedError, { status: 412, title: 'Precondition failed', slug: 'precondition-failed' }],
  [PayloadTooLargeError, { status: 413, title: 'Payload too large', slug: 'payload-too-large' }],
  [UnsupportedMediaTypeError, { status: 415, title: 'Unsupported media type', slug: 'unsupported-media-type' }],
  [IdempotencyKeyReusedError, { status: 422, title: 'Idempotency key reused', slug: 'idempotency-key-reused' }],
  [RateLimitedError, { status: 429, title: 'Too many requests', slug: 'rate-limited' }],
  [DependencyUnavailableError, { status: 503, title: 'Service unavailable', slug: 'service-unavailable' }],
]);

const kindOf = (type: abstract new (...args: never[]) => AppError) => problemTable.get(type) as ProblemKind;

/**
 * The problem of each type in the shared vocabulary, for refusals and failures that reach the API
 * from workflows and activities (ApplicationFailure.type); `null`: a defect, answered 500.
 */
export const byErrorType: Record<ErrorType, ProblemKind | null> = {
  [ErrorType.Validation]: kindOf(ValidationError),
  [ErrorType.Forbidden]: kindOf(ForbiddenError),
  [ErrorType.NotFound]: kindOf(NotFoundError),
  [ErrorType.Conflict]: kindOf(ConflictError),
  [ErrorType.InvalidTemplate]: null,
  [ErrorType.InvalidState]: null,
};

export const internalProblem: ProblemKind = { status: 500, title: 'Internal server error', slug: 'internal-error' };

/** Titles for statuses that arrive from libraries (koa-body, koa-jwt) rather than from our own errors. */
export function problemKindForStatus(status: number): ProblemKind {
  if (status === 400) return { status, title: 'Bad request', slug: 'bad-request' };
  for (const kind of problemTable.values()) if (kind.status === status) return kind;
  if (status === 405) return { status, title: 'Method not allowed', slug: 'method-not-allowed' };
  if (status === 422) return { status, title: 'Unprocessable content', slug: 'unprocessable' };
  if (status === 501) return { status, title: 'Not implemented', slug: 'not-implemented' };
  return status >= 500 ? internalProblem : { status, title: 'Bad request', slug: 'bad-request' };
}
