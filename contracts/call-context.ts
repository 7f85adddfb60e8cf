// Workflow-safe: the API call behind an action, carried in Update arguments to the activity that
// records the action, so its history row and its one audit row say who acted, how and from where.
// Never a secret: a token is named by its id and name, not its value.

export interface CallContext {
  /** The API's X-Request-Id of the call. */
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** Set when the person acted through an API token ("via API token <name>" in the history). */
  token: { id: string; name: string } | null;
}
