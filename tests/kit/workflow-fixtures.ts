import type { Approver, StepSnapshot } from '../../contracts/purchase-requests';

// Builders for the purchase-request workflow's inputs, shared by its unit tests and its harness.

/** Step `order` of a template: a MANAGER step without timers unless `overrides` say otherwise. */
export const step = (order: number, overrides: Partial<StepSnapshot> = {}): StepSnapshot => ({
  id: `s${order}`,
  stepOrder: order,
  stepName: `Step ${order}`,
  approverRole: 'MANAGER',
  isFinanceReview: false,
  minAmount: null,
  remindAfterHours: null,
  escalateAfterHours: null,
  ...overrides,
});

export const approver = (id: string, reason: Approver['reason'] = 'role'): Approver => ({ id, username: id, reason });
