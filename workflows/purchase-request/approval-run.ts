// Workflow-safe: one run of a purchase request's workflow — its steps, timers and escalation.
import { ApplicationFailure, condition } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ErrorType } from '../../contracts/errors';
import {
  applicableSteps,
  type PurchaseRequestInput,
  type RequestState,
  type StepSnapshot,
} from '../../contracts/purchase-requests';
import { mailActivities, persistenceActivities } from '../support/activity-options';
import { createLock } from '../support/lock';
import { MailQueue } from '../support/mail-queue';
import { OperationKeys } from '../support/operation-keys';
import { ApprovalState, type RoundOutcome, type StepOutcome } from './approval-state';

type RequestMail = Parameters<Activities['sendRequestEmail']>[0];

/**
 * The moving parts around the state: persistence through activities (each with its operation key),
 * the lock that serialises them, the mail queue, and the step loop with its reminder and escalation
 * timers (workflows.md). Decisions (decisions.ts) and the workflow function drive it.
 */
export class ApprovalRun {
  readonly state: ApprovalState;
  readonly keys: OperationKeys;
  readonly mail = new MailQueue();
  /** Persistence is serialised: two decisions never interleave their writes or their checks. */
  readonly exclusive = createLock();
  /** Persistence and e-mail activities, working for this request's tenant. */
  readonly db: ReturnType<typeof persistenceActivities>;
  private readonly mailer: ReturnType<typeof mailActivities>;

  constructor(readonly input: PurchaseRequestInput) {
    this.db = persistenceActivities(input.tenantId);
    this.mailer = mailActivities(input.tenantId);
    this.state = new ApprovalState(input.requestId, input.requestorId, input.carried);
    this.keys = new OperationKeys(input.carried?.operationSequence ?? 0);
  }

  get requestId(): string {
    return this.input.requestId;
  }

  key(what: string): string {
    return this.keys.next(what);
  }

  /** Sends a request e-mail beside the flow (see MailQueue). */
  send(command: RequestMail): void {
    this.mail.add(this.mailer.sendRequestEmail(command));
  }

  /** Waits until the main loop has acted on this handler's change, then answers the new state. */
  async settledView(): Promise<RequestState> {
    const s = this.state;
    const mine = ++s.changes;
    await condition(() => s.settled >= mine);
    return s.view();
  }

  /** Lets every waiting handler answer, until `done` holds. */
  async settleUntil(done: () => boolean): Promise<void> {
    const s = this.state;
    for (;;) {
      if (done()) return; // not settled: a handler that caused `done` waits for what comes next
      s.settled = s.changes;
      await condition(() => done() || s.changes > s.settled);
    }
  }

  /** One round: every applicable step in order; an approved non-final step publishes its event. */
  async runRound(): Promise<RoundOutcome> {
    const s = this.state;
    for (;;) {
      s.restartRequested = false;
      let restarted = false;
      for (const step of applicableSteps(this.input.template, s.amount)) {
        const outcome = (await this.startStep(step)) ? await this.waitForStep() : s.stepOutcome();
        if (outcome === 'restart') {
          restarted = true;
          break;
        }
        if (outcome !== 'approved' || !(await this.closeStep(step))) return this.endedOutcome();
      }
      if (!restarted)
        throw ApplicationFailure.nonRetryable(
          'the workflow template has no finance-review step',
          ErrorType.InvalidTemplate,
        );
    }
  }

  /** How the round ended once a step can no longer go on. */
  private endedOutcome(): RoundOutcome {
    const outcome = this.state.stepOutcome();
    if (outcome === 'withdrawn' || outcome === 'rejected' || outcome === 'completed') return outcome;
    throw ApplicationFailure.nonRetryable(
      `a step ended without a decision (${this.state.status})`,
      ErrorType.InvalidState,
    );
  }

  /**
   * Makes `step` current, under the lock so that no decision interleaves: answers false (and changes
   * nothing) when a withdrawal or rejection got there first.
   */
  private startStep(step: StepSnapshot): Promise<boolean> {
    const s = this.state;
    return this.exclusive(async () => {
      if (s.ended) return false;
      s.step = null; // between steps nobody may decide: validators answer 409 until the step is ready
      s.stepSequence += 1;
      s.claimed.clear();
      s.recorded.clear();
      s.escalated = false;
      const from = s.status;
      if (step.isFinanceReview) {
        await this.db.recordTransition({
          requestId: this.requestId,
          operationKey: this.key('fully-approved'),
          expectStatus: [from],
          patch: { status: 'FULLY_APPROVED' },
          event: { type: 'purchase_request.fully_approved' },
        });
        s.status = 'FULLY_APPROVED';
      }
      const status = step.isFinanceReview ? 'FINANCE_REVIEW' : s.status;
      s.approvers = await this.db.startStep({
        requestId: this.requestId,
        requestorId: s.requestorId,
        round: s.round,
        stepSequence: s.stepSequence,
        step,
        status,
        expectStatus: [s.status],
        operationKey: this.key(`step-${step.stepOrder}`),
      });
      s.status = status;
      s.step = step;
      s.advancing = false;
      s.armTimers(step, Date.now());
      this.send({
        requestId: this.requestId,
        kind: 'approval_requested',
        key: `step-${s.stepSequence}.requested`,
        recipientIds: s.approvers.map((a) => a.id),
        stepName: step.stepName,
      });
      if (s.approvers.length === 0) {
        s.escalateAt = null;
        await this.escalate(step, 'no_eligible_approver');
      }
      return true;
    });
  }

  /** Waits for decisions on the current step, firing its reminder and escalation timers on the way. */
  private async waitForStep(): Promise<StepOutcome> {
    const s = this.state;
    for (;;) {
      const outcome = s.stepOutcome();
      if (outcome) return outcome;
      s.settled = s.changes;
      const deadline = s.nextDeadline();
      const wake = () => s.stepOutcome() !== null || s.changes > s.settled;
      if (deadline === null) await condition(wake);
      else if (!(await condition(wake, Math.max(1, deadline - Date.now())))) await this.fireDeadline();
    }
  }

  /** Publishes that a step is approved, unless a decision queued ahead of it ended the round. */
  private closeStep(step: StepSnapshot): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.state.stepOutcome() !== 'approved') return false;
      await this.db.recordTransition({
        requestId: this.requestId,
        operationKey: this.key(`step-${step.stepOrder}-approved`),
        event: { type: 'purchase_request.approved', data: { step_id: step.id, step_name: step.stepName } },
      });
      return true;
    });
  }

  private async fireDeadline(): Promise<void> {
    const s = this.state;
    const step = s.step as StepSnapshot;
    const now = Date.now();
    if (s.remindAt !== null && s.remindAt <= now) {
      s.remindAt = null;
      await this.exclusive(async () => {
        if (!s.stillOpen(step)) return;
        const waiting = s.pendingApprovers().map((a) => a.id);
        await this.db.recordTransition({
          requestId: this.requestId,
          operationKey: this.key('remind'),
          history: {
            round: s.round,
            stepId: step.id,
            actorId: null,
            action: 'REMIND',
            comment: `Reminder sent to ${waiting.length} pending approver(s).`,
          },
        });
        this.send({
          requestId: this.requestId,
          kind: 'reminder',
          key: `step-${s.stepSequence}.reminder`,
          recipientIds: waiting,
          stepName: step.stepName,
        });
      });
    }
    if (s.escalateAt !== null && s.escalateAt <= now) {
      s.escalateAt = null;
      await this.exclusive(async () => {
        if (s.stillOpen(step)) await this.escalate(step, 'overdue');
      });
    }
  }

  /**
   * Adds the escalation approvers to the step (the policy of who they are lives with the step
   * approvers in the database layer); the caller holds the lock.
   */
  async escalate(step: StepSnapshot, reason: 'no_eligible_approver' | 'overdue'): Promise<void> {
    const s = this.state;
    const before = new Set(s.approvers.map((a) => a.id));
    s.approvers = await this.db.escalate({
      requestId: this.requestId,
      requestorId: s.requestorId,
      round: s.round,
      stepSequence: s.stepSequence,
      stepId: step.id,
      reason,
      operationKey: this.key('escalate'),
    });
    s.escalated = true;
    const added = s.approvers.filter((a) => !before.has(a.id)).map((a) => a.id);
    this.send({
      requestId: this.requestId,
      kind: 'escalated',
      key: `step-${s.stepSequence}.escalated`,
      recipientIds: added,
      stepName: step.stepName,
    });
  }
}
