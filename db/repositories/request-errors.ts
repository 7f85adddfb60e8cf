// What a change to a purchase request can refuse with; activities and the API map these to their answers.

export class RequestMissingError extends Error {}
export class RequestStateConflictError extends Error {}
/** The request may not be submitted as it is: field → messages, answered as a 400. */
export class RequestIncompleteError extends Error {
  constructor(
    readonly errors: Record<string, string[]>,
    message = 'The request is not complete enough to submit.',
  ) {
    super(message);
  }
}
