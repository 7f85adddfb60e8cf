import { ApiError } from '../../api/problem';

/** The API's field errors of a refusal, keyed by its field names (empty for any other failure). */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fieldErrors : {};
}
