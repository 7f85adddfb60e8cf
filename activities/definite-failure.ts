import { ApplicationFailure } from '@temporalio/activity';
import { pgErrorKind } from '../lib/pg-errors';
import { OrderMissingError, OrderStateConflictError } from '../db/repositories/purchase-orders.repository';
import { ErrorType } from '../contracts/errors';
import {
  RequestIncompleteError,
  RequestMissingError,
  RequestStateConflictError,
} from '../db/repositories/request-errors';

/**
 * Errors that retrying cannot fix become non-retryable failures typed like the API's errors, so an
 * Update that hits one answers 404/409/400 instead of retrying forever while holding its workflow.
 */
export async function definite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw classify(error) ?? error;
  }
}

function classify(error: unknown): ApplicationFailure | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RequestMissingError || error instanceof OrderMissingError)
    return ApplicationFailure.nonRetryable(message, ErrorType.NotFound);
  if (error instanceof RequestStateConflictError || error instanceof OrderStateConflictError)
    return ApplicationFailure.nonRetryable(message, ErrorType.Conflict);
  if (error instanceof RequestIncompleteError)
    return ApplicationFailure.create({
      message,
      type: ErrorType.Validation,
      nonRetryable: true,
      details: [{ errors: error.errors }],
    });
  const kind = pgErrorKind(error);
  if (kind === 'data')
    return ApplicationFailure.nonRetryable('A value is out of range or has the wrong format.', ErrorType.Validation);
  if (kind && kind !== 'unavailable')
    // any integrity violation: the stored data says no
    return ApplicationFailure.nonRetryable('The change conflicts with the stored data.', ErrorType.Conflict);
  return undefined; // unavailable, or not a database error: a retry may help
}
