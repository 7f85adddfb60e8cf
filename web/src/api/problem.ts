import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

/** A refusal from the API, carrying its problem document: screens show `detail` next to the action. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    /** Seconds to wait, from Retry-After on a 429. */
    readonly retryAfter?: number,
  ) {
    super(problem?.detail ?? `The server answered ${status}.`);
    this.name = 'ApiError';
  }

  /** Field errors of a 400/422, keyed by field name. */
  get fieldErrors(): Record<string, string[]> {
    return this.problem?.errors ?? {};
  }
}

/** The API's field errors of a refusal, keyed by its field names (empty for any other failure). */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** The sentence a person reads for an error, whatever threw it. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 429 && error.retryAfter !== undefined) {
      return `${error.message} Try again in ${waitText(error.retryAfter)}.`;
    }
    const fields = Object.entries(error.fieldErrors).map(
      ([field, messages]) => `${humanField(field)}: ${messages.join(' ')}`,
    );
    return fields.length ? `${error.message} ${fields.join(' ')}` : error.message;
  }
  if (error instanceof TypeError) return 'The service cannot be reached. Check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

export function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`;
  return `${Math.round(seconds / 60)} minutes`;
}

function humanField(field: string): string {
  const words = field.replace(/[_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
