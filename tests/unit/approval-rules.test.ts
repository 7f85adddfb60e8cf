import { ApplicationFailure } from '@temporalio/common';
import { applicableSteps, compareMoney, type StepSnapshot } from '../../contracts/purchase-requests';
import {
  checkAmend,
  checkApprove,
  checkComplete,
  checkReject,
  checkSubmit,
  checkWithdraw,
  type Facts,
} from '../../workflows/purchase-request.rules';

const step = (order: number, role: string, minAmount: string | null = null, isFinanceReview = false): StepSnapshot => ({
  id: `step-${order}`,
  stepOrder: order,
  stepName: `Step ${order}`,
  approverRole: role,
  isFinanceReview,
  minAmount,
  remindAfterHours: null,
  escalateAfterHours: null,
});
const facts = (overrides: Partial<Facts> = {}): Facts => ({
  status: 'IN_REVIEW',
  step: step(1, 'MANAGER'),
  approvers: [{ id: 'bob', username: 'bob', reason: 'role' }],
  claimed: new Set(),
  requestorId: 'alice',
  ...overrides,
});

/** The refusal type a guard throws (the API maps it to a status), or 'ok'. */
function outcome(check: () => void): string {
  try {
    check();
    return 'ok';
  } catch (error) {
    if (error instanceof ApplicationFailure) return error.type ?? 'untyped';
    throw error;
  }
}

describe('money without floats', () => {
  it('compares decimal strings exactly', () => {
    expect(compareMoney('999.99', '1000.00')).toBe(-1);
    expect(compareMoney('1000', '1000.00')).toBe(0);
    expect(compareMoney('1000.1', '1000.09')).toBe(1);
    expect(compareMoney('12345678901.23', '12345678901.22')).toBe(1);
  });

  it('skips steps whose min_amount is above the amount', () => {
    const template = {
      id: 't',
      name: 'T',
      versionNumber: 1,
      steps: [step(3, 'FINANCE_REVIEWER', null, true), step(1, 'MANAGER'), step(2, 'DIRECTOR', '1000.00')],
    };
    expect(applicableSteps(template, '999.99').map((s) => s.stepOrder)).toEqual([1, 3]);
    expect(applicableSteps(template, '1000.00').map((s) => s.stepOrder)).toEqual([1, 2, 3]);
  });
});

describe('workflow guards', () => {
  it('approve: wrong state 409, between steps 409, requestor and outsiders 403, twice 409', () => {
    expect(outcome(() => checkApprove(facts(), { actorId: 'bob' }))).toBe('ok');
    expect(outcome(() => checkApprove(facts({ status: 'REJECTED' }), { actorId: 'bob' }))).toBe('ConflictError');
    expect(outcome(() => checkApprove(facts({ step: null }), { actorId: 'bob' }))).toBe('ConflictError');
    expect(outcome(() => checkApprove(facts(), { actorId: 'alice' }))).toBe('ForbiddenError');
    expect(outcome(() => checkApprove(facts(), { actorId: 'carol' }))).toBe('ForbiddenError');
    expect(outcome(() => checkApprove(facts({ claimed: new Set(['bob']) }), { actorId: 'bob' }))).toBe('ConflictError');
    expect(outcome(() => checkApprove(facts({ status: 'FINANCE_REVIEW' }), { actorId: 'bob' }))).toBe('ConflictError');
  });

  it('reject: needs a comment of 10 characters and works in finance review', () => {
    expect(outcome(() => checkReject(facts(), { actorId: 'bob', comment: 'too short' }))).toBe('ValidationError');
    expect(outcome(() => checkReject(facts(), { actorId: 'bob', comment: '          ' }))).toBe('ValidationError');
    expect(outcome(() => checkReject(facts(), { actorId: 'bob', comment: 'Not in this budget' }))).toBe('ok');
    expect(
      outcome(() =>
        checkReject(facts({ status: 'FINANCE_REVIEW' }), { actorId: 'bob', comment: 'Not in this budget' }),
      ),
    ).toBe('ok');
    expect(
      outcome(() => checkReject(facts({ status: 'COMPLETED' }), { actorId: 'bob', comment: 'Not in this budget' })),
    ).toBe('ConflictError');
  });

  it('submit, withdraw, complete and amend check the person and the state', () => {
    expect(outcome(() => checkSubmit(facts({ status: 'DRAFT' }), { actorId: 'alice' }))).toBe('ok');
    expect(outcome(() => checkSubmit(facts({ status: 'DRAFT' }), { actorId: 'bob' }))).toBe('ForbiddenError');
    expect(outcome(() => checkSubmit(facts({ status: 'IN_REVIEW' }), { actorId: 'alice' }))).toBe('ConflictError');
    expect(outcome(() => checkWithdraw(facts({ status: 'FINANCE_REVIEW' }), { actorId: 'alice' }))).toBe(
      'ConflictError',
    );
    expect(outcome(() => checkWithdraw(facts(), { actorId: 'bob' }))).toBe('ForbiddenError');
    expect(outcome(() => checkComplete(facts(), { actorId: 'bob' }))).toBe('ConflictError');
    expect(outcome(() => checkComplete(facts({ status: 'FINANCE_REVIEW' }), { actorId: 'carol' }))).toBe(
      'ForbiddenError',
    );
    expect(
      outcome(() => checkAmend(facts({ status: 'RESUBMITTED' }), { actorId: 'alice', edit: { amount: '1.00' } })),
    ).toBe('ok');
    expect(
      outcome(() =>
        checkAmend(facts({ status: 'RESUBMITTED', claimed: new Set(['bob']) }), {
          actorId: 'alice',
          edit: { amount: '1.00' },
        }),
      ),
    ).toBe('ConflictError');
  });
});
