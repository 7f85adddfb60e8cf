// Workflow-safe: the one error vocabulary of workflow rules, activities and the API (house.md R4).

/**
 * The type of every refusal and definite failure. Workflows and activities throw ApplicationFailures
 * of these types; the API turns each into its problem (api/http/problem-table.ts, `byErrorType`).
 * The values are recorded in workflow histories (an activity's failure type): never change one.
 */
export const ErrorType = {
  Validation: 'ValidationError',
  Forbidden: 'ForbiddenError',
  NotFound: 'NotFoundError',
  Conflict: 'ConflictError',
  /** A workflow template the workflow cannot run (no finance-review step): a defect, answered 500. */
  InvalidTemplate: 'InvalidTemplate',
  /** A workflow reached a state its code does not expect: a defect, answered 500. */
  InvalidState: 'InvalidState',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Why an action is refused: what both the API's pre-check and the workflow's validator say. */
export interface Refusal {
  type: ErrorType;
  message: string;
  /** Field → messages, for a validation refusal. */
  errors?: Record<string, string[]>;
}

export const refused = (type: ErrorType, message: string, errors?: Record<string, string[]>): Refusal => ({
  type,
  message,
  ...(errors ? { errors } : {}),
});
