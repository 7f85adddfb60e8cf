import {
  ActivityFailure,
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { PURCHASE_ORDER_WORKFLOW, purchaseOrderWorkflowId } from '../contracts/purchase-orders';
import type { Activities } from '../activities';
import {
  amendUpdate,
  applicableSteps,
  approversChangedSignal,
  approvalStatuses,
  approveUpdate,
  completeUpdate,
  rejectUpdate,
  stateQuery,
  submitUpdate,
  withdrawUpdate,
  type Approver,
  type PurchaseRequestInput,
  type RequestState,
  type StepSnapshot,
  type SubmitArgs,
} from '../contracts/purchase-requests';
import { mailActivities, persistenceActivities } from './activity-options';
import { createLock } from './lock';
import {
  checkAmend,
  checkApprove,
  checkComplete,
  checkReject,
  checkSubmit,
  checkWithdraw,
} from './purchase-request.rules';

const db = persistenceActivities();
const mail = mailActivities();

const DEFAULT_HISTORY_LIMIT = 5_000;
const OPEN_ORDER_PATCH = 'open-purchase-order-on-completion';
/** Submit and amend check completeness and route in the thresholds' currency inside their transaction. */
const SUBMIT_CHECKS_PATCH = 'submit-checks-completeness-and-currency';
/** The approval that completes a step holds it until the next step starts (no withdrawal in between). */
const STEP_HELD_PATCH = 'approval-holds-step-until-next';
/**
 * Open steps re-resolve their approvers on the approversChanged signal. A worker from before this
 * handler existed records the signal and does nothing; replaying such a history must do nothing too.
 */
const APPROVERS_SIGNAL_PATCH = 'approvers-changed-signal';
type StepOutcome = 'approved' | 'rejected' | 'withdrawn' | 'completed' | 'restart';

/**
 * One purchase request from its first submit to completion or withdrawal (workflows.md): rounds of
 * approval steps, AND logic per step, reminders and escalation on durable timers, finance review.
 * Every decision arrives as an Update whose validator refuses the wrong person or state without
 * touching history; accepted ones persist through activities and answer what the workflow decided.
 */
export async function purchaseRequestWorkflow(input: PurchaseRequestInput): Promise<RequestState> {
  const { requestId, requestorId, template } = input;
  const carried = input.carried;
  const s = {
    status: carried?.status ?? ('DRAFT' as RequestState['status']),
    round: carried?.round ?? 0,
    amount: carried?.amount ?? '0',
    stepSequence: carried?.stepSequence ?? 0,
    operationSequence: carried?.operationSequence ?? 0,
    step: null as StepSnapshot | null,
    approvers: [] as Approver[],
    claimed: new Set<string>(), // accepted by a validator: a second try by the same person is refused at once
    recorded: new Set<string>(), // persisted approvals of the current step
    escalated: false,
    remindAt: null as number | null,
    escalateAt: null as number | null,
    rejectionComment: carried?.rejectionComment ?? null,
    completedAt: null as string | null,
    purchaseOrder: null as { id: string; number: string; confirmTimeoutHours: number } | null,
    roundRequested: false,
    restartRequested: false,
    /** The step's last approval is in; until the next step starts nobody may withdraw or reject. */
    advancing: false,
    // Handlers wait until the main loop has acted on their change, so each Update answers the new state.
    changes: 0,
    settled: 0,
    mailInFlight: 0,
  };
  const outgoing: Promise<unknown>[] = [];
  const key = (what: string) => `${workflowInfo().workflowId}/${++s.operationSequence}-${what}`;

  // Persistence is serialised: two decisions never interleave their writes or their checks.
  const exclusive = createLock();

  const view = (): RequestState => ({
    requestId,
    status: s.status,
    round: s.round,
    currentStep: s.step
      ? {
          id: s.step.id,
          stepName: s.step.stepName,
          stepOrder: s.step.stepOrder,
          isFinanceReview: s.step.isFinanceReview,
        }
      : null,
    pendingApprovers: pendingApprovers(),
    approvedBy: [...s.recorded],
    escalated: s.escalated,
    remindAt: s.remindAt === null ? null : new Date(s.remindAt).toISOString(),
    escalateAt: s.escalateAt === null ? null : new Date(s.escalateAt).toISOString(),
    rejectionComment: s.rejectionComment,
    completedAt: s.completedAt,
    purchaseOrder: s.purchaseOrder ? { id: s.purchaseOrder.id, number: s.purchaseOrder.number } : null,
  });
  const pendingApprovers = (): Approver[] => {
    if (!s.step || !(approvalStatuses.includes(s.status) || s.status === 'FINANCE_REVIEW')) return [];
    return s.approvers.filter((approver) => !s.recorded.has(approver.id));
  };
  const settledView = async (): Promise<RequestState> => {
    const mine = ++s.changes;
    await condition(() => s.settled >= mine);
    return view();
  };
  const send = (command: Parameters<Activities['sendRequestEmail']>[0]) => {
    s.mailInFlight += 1;
    outgoing.push(
      mail
        .sendRequestEmail(command)
        .catch(() => undefined)
        .finally(() => {
          s.mailInFlight -= 1;
        }),
    );
  };
  const facts = () => ({
    status: s.status,
    step: s.step,
    approvers: s.approvers,
    claimed: s.claimed,
    requestorId,
    advancing: s.advancing,
  });

  setHandler(stateQuery, view);

  setHandler(
    submitUpdate,
    async (args) => {
      await exclusive(async () => {
        checkSubmit(facts(), args);
        const resubmit = s.round > 0;
        const round = s.round + 1;
        const status = resubmit ? 'RESUBMITTED' : 'PENDING_APPROVAL';
        // The transaction checks completeness and the currency with the request row locked, so an edit
        // or an attachment removal racing the submit cannot leave an incomplete request under way.
        const checked = patched(SUBMIT_CHECKS_PATCH);
        const { amount, routingAmount } = await db
          .recordTransition({
            requestId,
            expectStatus: [resubmit ? 'REJECTED' : 'DRAFT'],
            operationKey: key(resubmit ? 'resubmit' : 'submit'),
            history: {
              round,
              stepId: null,
              actorId: args.actorId,
              action: resubmit ? 'RESUBMIT' : 'SUBMIT',
              comment: args.comment,
              call: args.call,
            },
            patch: {
              status,
              round,
              workflowTemplateId: template.id,
              rejectionComment: null,
              escalated: false,
              currentStepId: null,
              ...(resubmit ? {} : { submittedAt: true }),
            },
            event: { type: 'purchase_request.submitted', data: { round, actor_id: args.actorId } },
            ...(checked ? { requireComplete: true } : {}),
          })
          .catch((error: unknown) => {
            // The draft was withdrawn through the API while this first submit started: nothing to run.
            if (
              !resubmit &&
              error instanceof ActivityFailure &&
              error.cause instanceof ApplicationFailure &&
              error.cause.type === 'ConflictError'
            ) {
              s.status = 'CANCELLED';
              throw ApplicationFailure.create({
                type: 'ConflictError',
                message: 'The request was withdrawn before it could be submitted.',
                nonRetryable: true,
              });
            }
            throw error;
          });
        // The amount as committed with the submit, so an edit racing the submit cannot skip a step.
        // Histories from before this change carry the amount in the Update's arguments instead.
        // Since SUBMIT_CHECKS_PATCH the steps' thresholds meet the amount in their own currency.
        const fromDatabase = patched('submit-amount-from-database')
          ? amount
          : (args as SubmitArgs & { amount: string }).amount;
        const committed = checked && routingAmount !== undefined ? routingAmount : fromDatabase;
        Object.assign(s, {
          round,
          status,
          amount: committed,
          rejectionComment: null,
          step: null,
          roundRequested: true,
        });
      });
      return settledView();
    },
    { validator: (args) => checkSubmit(facts(), args) },
  );

  setHandler(
    approveUpdate,
    async (args) => {
      s.claimed.add(args.actorId);
      await exclusive(async () => {
        checkApprove({ ...facts(), claimed: s.recorded }, args);
        const step = s.step as StepSnapshot;
        await db.recordTransition({
          requestId,
          operationKey: key(`approve-${args.actorId}`),
          history: {
            round: s.round,
            stepId: step.id,
            actorId: args.actorId,
            action: 'APPROVE',
            comment: args.comment,
            call: args.call,
          },
          patch: { status: 'IN_REVIEW' },
        });
        s.recorded.add(args.actorId);
        s.status = 'IN_REVIEW';
        // The approval that completes the step holds the step until the workflow has moved it on: a
        // withdrawal or rejection queued behind it is refused (409) instead of undoing it.
        if (stepOutcome() === 'approved' && patched(STEP_HELD_PATCH)) s.advancing = true;
        send({
          requestId,
          kind: 'step_approved',
          key: `step-${s.stepSequence}.approved.${args.actorId}`,
          actorId: args.actorId,
          stepName: step.stepName,
          comment: args.comment,
        });
      }).catch((error: unknown) => {
        s.claimed.delete(args.actorId);
        throw error;
      });
      return settledView();
    },
    { validator: (args) => checkApprove(facts(), args) },
  );

  setHandler(
    rejectUpdate,
    async (args) => {
      await exclusive(async () => {
        checkReject(facts(), args);
        const step = s.step as StepSnapshot;
        const comment = args.comment?.trim() ?? '';
        await db.recordTransition({
          requestId,
          operationKey: key(`reject-${args.actorId}`),
          history: {
            round: s.round,
            stepId: step.id,
            actorId: args.actorId,
            action: 'REJECT',
            comment,
            call: args.call,
          },
          patch: { status: 'REJECTED', rejectionComment: comment },
          event: { type: 'purchase_request.rejected', data: { actor_id: args.actorId, comment, step_id: step.id } },
        });
        Object.assign(s, { status: 'REJECTED', rejectionComment: comment });
        send({
          requestId,
          kind: 'rejected',
          key: `round-${s.round}.rejected`,
          actorId: args.actorId,
          stepName: step.stepName,
          comment: args.comment,
        });
      });
      return settledView();
    },
    { validator: (args) => checkReject(facts(), args) },
  );

  setHandler(
    withdrawUpdate,
    async (args) => {
      await exclusive(async () => {
        checkWithdraw(facts(), args);
        const waiting = pendingApprovers().map((approver) => approver.id);
        await db.recordTransition({
          requestId,
          operationKey: key('withdraw'),
          history: {
            round: s.round,
            stepId: s.step?.id ?? null,
            actorId: args.actorId,
            action: 'WITHDRAW',
            comment: args.comment,
            call: args.call,
          },
          patch: { status: 'CANCELLED', currentStepId: null },
          event: { type: 'purchase_request.cancelled', data: { actor_id: args.actorId, comment: args.comment } },
        });
        s.status = 'CANCELLED';
        send({
          requestId,
          kind: 'withdrawn',
          key: `round-${s.round}.withdrawn`,
          recipientIds: waiting,
          comment: args.comment,
        });
      });
      return settledView();
    },
    { validator: (args) => checkWithdraw(facts(), args) },
  );

  setHandler(
    completeUpdate,
    async (args) => {
      await exclusive(async () => {
        checkComplete(facts(), args);
        const { at } = await db.recordTransition({
          requestId,
          operationKey: key('complete'),
          history: {
            round: s.round,
            stepId: s.step?.id ?? null,
            actorId: args.actorId,
            action: 'COMPLETE',
            comment: args.comment,
            call: args.call,
          },
          patch: { status: 'COMPLETED', completedAt: true, currentStepId: null },
          event: { type: 'purchase_request.completed', data: { actor_id: args.actorId, comment: args.comment } },
        });
        // The order opens before the workflow calls the request completed, so the main loop, which
        // moves on at COMPLETED, always finds it. Histories from before orders existed skip this.
        if (patched(OPEN_ORDER_PATCH)) {
          s.purchaseOrder = await db.openOrderForRequest({ requestId, operationKey: key('open-order') });
          await startOrderWorkflow(s.purchaseOrder);
        }
        Object.assign(s, { status: 'COMPLETED', completedAt: at });
        s.recorded.add(args.actorId);
        send({
          requestId,
          kind: 'completed',
          key: 'completed.requestor',
          actorId: args.actorId,
          comment: args.comment,
        });
        send({
          requestId,
          kind: 'completed_finance',
          key: 'completed.finance',
          actorId: args.actorId,
          comment: args.comment,
        });
      });
      return settledView();
    },
    { validator: (args) => checkComplete(facts(), args) },
  );

  setHandler(
    amendUpdate,
    async (args) => {
      await exclusive(async () => {
        checkAmend(facts(), args);
        const { amount, routingAmount } = await db.applyEdit({
          requestId,
          actorId: args.actorId,
          edit: args.edit,
          expectStatus: ['RESUBMITTED'],
          operationKey: key('amend'),
          call: args.call,
        });
        s.amount = routingAmount !== undefined && patched(SUBMIT_CHECKS_PATCH) ? routingAmount : amount;
        s.restartRequested = true;
      });
      return settledView();
    },
    { validator: (args) => checkAmend(facts(), args) },
  );

  setHandler(approversChangedSignal, async () => {
    if (!patched(APPROVERS_SIGNAL_PATCH)) return;
    // After the lock: a step being started now may have read the approvers before the change committed.
    await exclusive(async () => {
      const step = s.step;
      if (!step || !stillOpen(step)) return; // between steps: the next step resolves its approvers afresh
      const before = new Set(s.approvers.map((a) => a.id));
      const { approvers, added } = await db.refreshStepApprovers({
        requestId,
        requestorId,
        stepSequence: s.stepSequence,
        round: s.round,
        step,
        decided: [...s.recorded],
        operationKey: key('refresh-approvers'),
      });
      s.approvers = approvers;
      const joined = added.filter((id) => !before.has(id));
      if (joined.length > 0) {
        send({
          requestId,
          kind: 'approval_requested',
          key: `step-${s.stepSequence}.requested.${s.operationSequence}`,
          recipientIds: joined,
          stepName: step.stepName,
        });
      }
      // Nobody left who may decide the step: escalate now rather than wait for a timer that may never come.
      if (!s.approvers.some((a) => a.reason === 'role') && !s.approvers.some((a) => a.reason === 'escalation')) {
        s.escalateAt = null;
        await escalate(step, 'no_eligible_approver');
      }
    });
  });

  /** Waits for decisions on the current step, firing its reminder and escalation timers on the way. */
  async function waitForStep(): Promise<StepOutcome> {
    for (;;) {
      const outcome = stepOutcome();
      if (outcome) return outcome;
      s.settled = s.changes;
      const deadline = nextDeadline();
      const wake = () => stepOutcome() !== null || s.changes > s.settled;
      if (deadline === null) await condition(wake);
      else if (!(await condition(wake, Math.max(1, deadline - Date.now())))) await fireDeadline();
    }
  }

  function stepOutcome(): StepOutcome | null {
    if (s.status === 'CANCELLED') return 'withdrawn';
    if (s.status === 'REJECTED') return 'rejected';
    if (s.status === 'COMPLETED') return 'completed';
    if (s.restartRequested) return 'restart';
    if (!s.step || s.step.isFinanceReview) return null;
    const byRole = s.approvers.filter((a) => a.reason === 'role');
    const escalationDecided = s.approvers.some((a) => a.reason === 'escalation' && s.recorded.has(a.id));
    const allApproved = byRole.length > 0 && byRole.every((a) => s.recorded.has(a.id));
    return allApproved || escalationDecided ? 'approved' : null;
  }

  function nextDeadline(): number | null {
    const candidates = [s.remindAt, s.escalateAt].filter((t): t is number => t !== null);
    return candidates.length ? Math.min(...candidates) : null;
  }

  /** The order lives on after this workflow ends: its own workflow, never cancelled with this one. */
  async function startOrderWorkflow(order: { id: string; confirmTimeoutHours: number }): Promise<void> {
    try {
      await startChild(PURCHASE_ORDER_WORKFLOW, {
        workflowId: purchaseOrderWorkflowId(order.id),
        args: [{ orderId: order.id, confirmTimeoutHours: order.confirmTimeoutHours }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
    } catch (error) {
      if ((error as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw error; // already running: nothing to do
    }
  }

  /** Still deciding this step? A decision queued ahead of a timer or a transition wins. */
  const stillOpen = (step: StepSnapshot) => stepOutcome() === null && s.step === step;

  async function fireDeadline(): Promise<void> {
    const step = s.step as StepSnapshot;
    const now = Date.now();
    if (s.remindAt !== null && s.remindAt <= now) {
      s.remindAt = null;
      await exclusive(async () => {
        if (!stillOpen(step)) return;
        const waiting = pendingApprovers().map((a) => a.id);
        await db.recordTransition({
          requestId,
          operationKey: key('remind'),
          history: {
            round: s.round,
            stepId: step.id,
            actorId: null,
            action: 'REMIND',
            comment: `Reminder sent to ${waiting.length} pending approver(s).`,
          },
        });
        send({
          requestId,
          kind: 'reminder',
          key: `step-${s.stepSequence}.reminder`,
          recipientIds: waiting,
          stepName: step.stepName,
        });
      });
    }
    if (s.escalateAt !== null && s.escalateAt <= now) {
      s.escalateAt = null;
      await exclusive(async () => {
        if (stillOpen(step)) await escalate(step, 'overdue');
      });
    }
  }

  /** Adds the escalation approvers to the step; the caller holds the lock. */
  async function escalate(step: StepSnapshot, reason: 'no_eligible_approver' | 'overdue'): Promise<void> {
    const before = new Set(s.approvers.map((a) => a.id));
    s.approvers = await db.escalate({
      requestId,
      requestorId,
      round: s.round,
      stepSequence: s.stepSequence,
      stepId: step.id,
      reason,
      operationKey: key('escalate'),
    });
    s.escalated = true;
    const added = s.approvers.filter((a) => !before.has(a.id)).map((a) => a.id);
    send({
      requestId,
      kind: 'escalated',
      key: `step-${s.stepSequence}.escalated`,
      recipientIds: added,
      stepName: step.stepName,
    });
  }

  /**
   * Makes `step` current, under the lock so that no decision interleaves: answers false (and changes
   * nothing) when a withdrawal or rejection got there first.
   */
  function startStep(step: StepSnapshot): Promise<boolean> {
    return exclusive(async () => {
      if (s.status === 'CANCELLED' || s.status === 'REJECTED' || s.status === 'COMPLETED') return false;
      s.step = null; // between steps nobody may decide: validators answer 409 until the step is ready
      s.stepSequence += 1;
      s.claimed.clear();
      s.recorded.clear();
      s.escalated = false;
      const from = s.status;
      if (step.isFinanceReview) {
        await db.recordTransition({
          requestId,
          operationKey: key('fully-approved'),
          expectStatus: [from],
          patch: { status: 'FULLY_APPROVED' },
          event: { type: 'purchase_request.fully_approved' },
        });
        s.status = 'FULLY_APPROVED';
      }
      const status = step.isFinanceReview ? 'FINANCE_REVIEW' : s.status;
      s.approvers = await db.startStep({
        requestId,
        requestorId,
        round: s.round,
        stepSequence: s.stepSequence,
        step,
        status,
        expectStatus: [s.status],
        operationKey: key(`step-${step.stepOrder}`),
      });
      s.status = status;
      s.step = step;
      s.advancing = false;
      const now = Date.now();
      s.remindAt = step.remindAfterHours === null ? null : now + step.remindAfterHours * 3_600_000;
      s.escalateAt = step.escalateAfterHours === null ? null : now + step.escalateAfterHours * 3_600_000;
      send({
        requestId,
        kind: 'approval_requested',
        key: `step-${s.stepSequence}.requested`,
        recipientIds: s.approvers.map((a) => a.id),
        stepName: step.stepName,
      });
      if (s.approvers.length === 0) {
        s.escalateAt = null;
        await escalate(step, 'no_eligible_approver');
      }
      return true;
    });
  }

  /** Publishes that a step is approved, unless a decision queued ahead of it ended the round. */
  function closeStep(step: StepSnapshot): Promise<boolean> {
    return exclusive(async () => {
      if (stepOutcome() !== 'approved') return false;
      await db.recordTransition({
        requestId,
        operationKey: key(`step-${step.stepOrder}-approved`),
        event: { type: 'purchase_request.approved', data: { step_id: step.id, step_name: step.stepName } },
      });
      return true;
    });
  }

  /** One round: every applicable step in order; an approved non-final step publishes its event. */
  async function runRound(): Promise<Exclude<StepOutcome, 'approved' | 'restart'>> {
    for (;;) {
      s.restartRequested = false;
      let restarted = false;
      for (const step of applicableSteps(template, s.amount)) {
        const outcome = (await startStep(step)) ? await waitForStep() : stepOutcome();
        if (outcome === 'restart') {
          restarted = true;
          break;
        }
        if (outcome !== 'approved' || !(await closeStep(step))) return endedOutcome();
      }
      if (!restarted)
        throw ApplicationFailure.nonRetryable('the workflow template has no finance-review step', 'InvalidTemplate');
    }
  }

  /** How the round ended once a step can no longer go on. */
  function endedOutcome(): Exclude<StepOutcome, 'approved' | 'restart'> {
    const outcome = stepOutcome();
    if (outcome === 'withdrawn' || outcome === 'rejected' || outcome === 'completed') return outcome;
    throw ApplicationFailure.nonRetryable(`a step ended without a decision (${s.status})`, 'InvalidState');
  }

  /** Lets every waiting handler answer, until `done` holds. */
  async function settleUntil(done: () => boolean): Promise<void> {
    for (;;) {
      if (done()) return; // not settled: a handler that caused `done` waits for what comes next
      s.settled = s.changes;
      await condition(() => done() || s.changes > s.settled);
    }
  }

  await condition(() => s.roundRequested || s.status === 'CANCELLED');
  while (s.status !== 'CANCELLED') {
    s.roundRequested = false;
    const outcome = await runRound();
    if (outcome !== 'rejected') break;
    s.remindAt = s.escalateAt = null;
    if (shouldContinueAsNew(input.historyLimit)) {
      // A quiet point: the round has ended; the rejection has been answered; once its e-mails are out
      // and no handler runs, the next run takes over. A resubmit or withdrawal meanwhile goes first.
      const quiet = () =>
        (allHandlersFinished() && s.mailInFlight === 0) || s.roundRequested || s.status === 'CANCELLED';
      await settleUntil(quiet);
      if (!s.roundRequested && s.status === 'REJECTED') {
        const { status, round, amount, stepSequence, operationSequence, rejectionComment } = s;
        await continueAsNew<typeof purchaseRequestWorkflow>({
          ...input,
          carried: { status, round, amount, stepSequence, operationSequence, rejectionComment },
        });
      }
    }
    await settleUntil(() => s.roundRequested || s.status === 'CANCELLED');
  }
  s.remindAt = s.escalateAt = null;
  // Answer the last Update first; the e-mails it caused may still be retrying against SMTP.
  await settleUntil(allHandlersFinished);
  await Promise.all(outgoing);
  return view();

  function shouldContinueAsNew(limit = DEFAULT_HISTORY_LIMIT): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit;
  }
}
