import type { Approver, PurchaseRequestInput, StepSnapshot } from '../../contracts/purchase-requests';

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

/** The template the workflow tests use: a manager step (with `first`'s overrides), then finance review. */
export const twoStepTemplate = (first: Partial<StepSnapshot> = {}): PurchaseRequestInput['template'] => ({
  id: 'tpl',
  name: 'Two steps',
  versionNumber: 1,
  steps: [
    step(1, { stepName: 'Manager Approval', ...first }),
    step(2, { stepName: 'Finance Review', approverRole: 'FINANCE_REVIEWER', isFinanceReview: true }),
  ],
});
