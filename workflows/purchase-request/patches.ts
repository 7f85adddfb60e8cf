// Workflow-safe: the patch ids of the purchase-request workflow. Never rename or remove one: running
// executions and the histories in tests/fixtures/histories/ replay through them.

/** A completed request opens its purchase order (histories from before orders skip it). */
export const OPEN_ORDER_PATCH = 'open-purchase-order-on-completion';
/** The submit routes on the amount committed in its transaction, not the one in the Update. */
export const SUBMIT_AMOUNT_PATCH = 'submit-amount-from-database';
/** Submit and amend check completeness and route in the thresholds' currency inside their transaction. */
export const SUBMIT_CHECKS_PATCH = 'submit-checks-completeness-and-currency';
/** The approval that completes a step holds it until the next step starts (no withdrawal in between). */
export const STEP_HELD_PATCH = 'approval-holds-step-until-next';
/**
 * Open steps re-resolve their approvers on the approversChanged signal. A worker from before this
 * handler existed records the signal and does nothing; replaying such a history must do nothing too.
 */
export const APPROVERS_SIGNAL_PATCH = 'approvers-changed-signal';
