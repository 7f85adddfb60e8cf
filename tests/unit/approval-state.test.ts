import type { Approver, StepSnapshot } from '../../contracts/purchase-requests';
import { approver, step as stepOf } from '../kit/workflow-fixtures';
import { ApprovalState } from '../../workflows/purchase-request/approval-state';

const step = (overrides: Partial<StepSnapshot> = {}): StepSnapshot =>
  stepOf(1, { stepName: 'Manager Approval', ...overrides, id: overrides.id ?? 'step-1' });

function inReview(approvers: Approver[], current = step()): ApprovalState {
  const state = new ApprovalState('req-1', 'alice');
  Object.assign(state, { status: 'IN_REVIEW', step: current, approvers });
  return state;
}

describe('the purchase-request workflow state', () => {
  it('starts as a draft, or from what continue-as-new carried', () => {
    expect(new ApprovalState('r', 'alice').view()).toMatchObject({ status: 'DRAFT', round: 0, currentStep: null });
    const carried = { status: 'REJECTED' as const, round: 3, amount: '120.00', stepSequence: 7, operationSequence: 40 };
    const state = new ApprovalState('r', 'alice', { ...carried, rejectionComment: 'Too much for this quarter' });
    expect(state.view()).toMatchObject({ status: 'REJECTED', round: 3, rejectionComment: 'Too much for this quarter' });
    expect(state.amount).toBe('120.00');
    expect(state.stepSequence).toBe(7);
  });

  it('approves a step only when every approver by role has approved (AND)', () => {
    const state = inReview([approver('bob'), approver('carol')]);
    expect(state.stepOutcome()).toBeNull();
    state.recorded.add('bob');
    expect(state.stepOutcome()).toBeNull();
    expect(state.pendingApprovers().map((a) => a.id)).toEqual(['carol']);
    state.recorded.add('carol');
    expect(state.stepOutcome()).toBe('approved');
  });

  it('lets one escalation approver decide for the whole step', () => {
    const state = inReview([approver('bob'), approver('dana', 'escalation')]);
    state.recorded.add('dana');
    expect(state.stepOutcome()).toBe('approved');
  });

  it('never approves a step that has nobody by role and no escalation decision', () => {
    const state = inReview([]);
    expect(state.nobodyToDecide()).toBe(true);
    expect(state.stepOutcome()).toBeNull();
    state.approvers = [approver('dana', 'escalation')];
    expect(state.nobodyToDecide()).toBe(false);
  });

  it('ends the step on withdrawal, rejection, completion or a restart, in that order', () => {
    const state = inReview([approver('bob')]);
    state.restartRequested = true;
    expect(state.stepOutcome()).toBe('restart');
    for (const [status, outcome] of [
      ['COMPLETED', 'completed'],
      ['REJECTED', 'rejected'],
      ['CANCELLED', 'withdrawn'],
    ] as const) {
      state.status = status;
      expect(state.stepOutcome()).toBe(outcome);
      expect(state.ended).toBe(true);
    }
  });

  it('leaves the finance review to the complete decision', () => {
    const state = inReview([approver('erin')], step({ isFinanceReview: true }));
    state.status = 'FINANCE_REVIEW';
    state.recorded.add('erin');
    expect(state.stepOutcome()).toBeNull();
  });

  it('is no longer open for a step once another one is current or the step is decided', () => {
    const first = step();
    const state = inReview([approver('bob')], first);
    expect(state.stillOpen(first)).toBe(true);
    expect(state.stillOpen(step({ id: 'step-2' }))).toBe(false);
    state.recorded.add('bob');
    expect(state.stillOpen(first)).toBe(false);
  });

  it('arms the reminder and escalation timers from the template and wakes at the earlier one', () => {
    const state = inReview([approver('bob')]);
    state.armTimers(step({ remindAfterHours: 2, escalateAfterHours: 0.5 }), 1_000);
    expect(state.remindAt).toBe(1_000 + 2 * 3_600_000);
    expect(state.nextDeadline()).toBe(1_000 + 1_800_000);
    expect(state.view().escalateAt).toBe(new Date(1_000 + 1_800_000).toISOString());
    state.clearTimers();
    expect(state.nextDeadline()).toBeNull();
  });

  it('shows no pending approvers outside the approval states', () => {
    const state = inReview([approver('bob')]);
    state.status = 'REJECTED';
    expect(state.pendingApprovers()).toEqual([]);
  });
});
