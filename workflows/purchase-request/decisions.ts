// Workflow-safe: the Updates that decide a purchase request, and the signal that refreshes approvers.
import { tenantSearchAttributes } from '../../contracts/search-attributes';
import { ActivityFailure, ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { ErrorType } from '../../contracts/errors';
import { PURCHASE_ORDER_WORKFLOW, purchaseOrderWorkflowId } from '../../contracts/purchase-orders';
import {
  amendUpdate,
  approveUpdate,
  approversChangedSignal,
  completeUpdate,
  rejectUpdate,
  submitUpdate,
  withdrawUpdate,
  type RequestState,
  type StepSnapshot,
  type SubmitArgs,
} from '../../contracts/purchase-requests';
import { startChildOnce } from '../support/start-child-once';
import {
  checkAmend,
  checkApprove,
  checkComplete,
  checkReject,
  checkSubmit,
  checkWithdraw,
  type Facts,
} from '../purchase-request.rules';
import type { ApprovalRun } from './approval-run';
import {
  APPROVERS_SIGNAL_PATCH,
  OPEN_ORDER_PATCH,
  STEP_HELD_PATCH,
  SUBMIT_AMOUNT_PATCH,
  SUBMIT_CHECKS_PATCH,
} from './patches';

/**
 * Registers one decision: the validator refuses the wrong person or state without touching history;
 * an accepted one is judged again under the lock (an earlier decision may have changed the state),
 * applied, and answered with the state the workflow reached. `claim` (approvals): the person's
 * decision counts as taken from the moment it is accepted, so a second click is refused at once.
 */
function decision<A extends { actorId: string }>(
  run: ApprovalRun,
  update: UpdateDefinition<RequestState, [A]>,
  check: (facts: Facts, args: A) => void,
  apply: (args: A) => Promise<void>,
  options: { claim?: boolean } = {},
): void {
  const s = run.state;
  setHandler(
    update,
    async (args) => {
      if (options.claim) s.claimed.add(args.actorId);
      const work = run.exclusive(() => {
        check(options.claim ? { ...s.facts(), claimed: s.recorded } : s.facts(), args);
        return apply(args);
      });
      await (options.claim
        ? work.catch((error: unknown) => {
            s.claimed.delete(args.actorId);
            throw error;
          })
        : work);
      return run.settledView();
    },
    { validator: (args) => check(s.facts(), args) },
  );
}

export function registerDecisions(run: ApprovalRun): void {
  const s = run.state;
  const { requestId, db } = run;

  decision(run, submitUpdate, checkSubmit, async (args) => {
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
        operationKey: run.key(resubmit ? 'resubmit' : 'submit'),
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
          workflowTemplateId: run.input.template.id,
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
          error.cause.type === ErrorType.Conflict
        ) {
          s.status = 'CANCELLED';
          throw ApplicationFailure.create({
            type: ErrorType.Conflict,
            message: 'The request was withdrawn before it could be submitted.',
            nonRetryable: true,
          });
        }
        throw error;
      });
    // The amount as committed with the submit, so an edit racing the submit cannot skip a step.
    // Histories from before this change carry the amount in the Update's arguments instead.
    // Since SUBMIT_CHECKS_PATCH the steps' thresholds meet the amount in their own currency.
    const fromDatabase = patched(SUBMIT_AMOUNT_PATCH) ? amount : (args as SubmitArgs & { amount: string }).amount;
    const committed = checked && routingAmount !== undefined ? routingAmount : fromDatabase;
    Object.assign(s, { round, status, amount: committed, rejectionComment: null, step: null, roundRequested: true });
  });

  decision(
    run,
    approveUpdate,
    checkApprove,
    async (args) => {
      const step = s.step as StepSnapshot;
      await db.recordTransition({
        requestId,
        operationKey: run.key(`approve-${args.actorId}`),
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
      if (s.stepOutcome() === 'approved' && patched(STEP_HELD_PATCH)) s.advancing = true;
      run.send({
        requestId,
        kind: 'step_approved',
        key: `step-${s.stepSequence}.approved.${args.actorId}`,
        actorId: args.actorId,
        stepName: step.stepName,
        comment: args.comment,
      });
    },
    { claim: true },
  );

  decision(run, rejectUpdate, checkReject, async (args) => {
    const step = s.step as StepSnapshot;
    const comment = args.comment?.trim() ?? '';
    await db.recordTransition({
      requestId,
      operationKey: run.key(`reject-${args.actorId}`),
      history: { round: s.round, stepId: step.id, actorId: args.actorId, action: 'REJECT', comment, call: args.call },
      patch: { status: 'REJECTED', rejectionComment: comment },
      event: { type: 'purchase_request.rejected', data: { actor_id: args.actorId, comment, step_id: step.id } },
    });
    Object.assign(s, { status: 'REJECTED', rejectionComment: comment });
    run.send({
      requestId,
      kind: 'rejected',
      key: `round-${s.round}.rejected`,
      actorId: args.actorId,
      stepName: step.stepName,
      comment: args.comment,
    });
  });

  decision(run, withdrawUpdate, checkWithdraw, async (args) => {
    const waiting = s.pendingApprovers().map((approver) => approver.id);
    await db.recordTransition({
      requestId,
      operationKey: run.key('withdraw'),
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
    run.send({
      requestId,
      kind: 'withdrawn',
      key: `round-${s.round}.withdrawn`,
      recipientIds: waiting,
      comment: args.comment,
    });
  });

  decision(run, completeUpdate, checkComplete, async (args) => {
    const { at } = await db.recordTransition({
      requestId,
      operationKey: run.key('complete'),
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
      s.purchaseOrder = await db.openOrderForRequest({ requestId, operationKey: run.key('open-order') });
      // The order lives on after this workflow ends: its own workflow, never cancelled with this one.
      await startChildOnce(PURCHASE_ORDER_WORKFLOW, {
        workflowId: purchaseOrderWorkflowId(s.purchaseOrder.id),
        args: [
          {
            orderId: s.purchaseOrder.id,
            confirmTimeoutHours: s.purchaseOrder.confirmTimeoutHours,
            tenantId: run.input.tenantId,
          },
        ],
        ...tenantSearchAttributes(run.input.tenantId),
      });
    }
    Object.assign(s, { status: 'COMPLETED', completedAt: at });
    s.recorded.add(args.actorId);
    for (const [kind, key] of [
      ['completed', 'completed.requestor'],
      ['completed_finance', 'completed.finance'],
    ] as const) {
      run.send({ requestId, kind, key, actorId: args.actorId, comment: args.comment });
    }
  });

  decision(run, amendUpdate, checkAmend, async (args) => {
    const { amount, routingAmount } = await db.applyEdit({
      requestId,
      actorId: args.actorId,
      edit: args.edit,
      expectStatus: ['RESUBMITTED'],
      operationKey: run.key('amend'),
      call: args.call,
    });
    s.amount = routingAmount !== undefined && patched(SUBMIT_CHECKS_PATCH) ? routingAmount : amount;
    s.restartRequested = true;
  });

  setHandler(approversChangedSignal, async () => {
    if (!patched(APPROVERS_SIGNAL_PATCH)) return;
    // After the lock: a step being started now may have read the approvers before the change committed.
    await run.exclusive(async () => {
      const step = s.step;
      if (!step || !s.stillOpen(step)) return; // between steps: the next step resolves its approvers afresh
      const before = new Set(s.approvers.map((a) => a.id));
      const { approvers, added } = await db.refreshStepApprovers({
        requestId,
        requestorId: s.requestorId,
        stepSequence: s.stepSequence,
        round: s.round,
        step,
        decided: [...s.recorded],
        operationKey: run.key('refresh-approvers'),
      });
      s.approvers = approvers;
      const joined = added.filter((id) => !before.has(id));
      if (joined.length > 0) {
        run.send({
          requestId,
          kind: 'approval_requested',
          key: `step-${s.stepSequence}.requested.${run.keys.sequence}`,
          recipientIds: joined,
          stepName: step.stepName,
        });
      }
      // Nobody left who may decide the step: escalate now rather than wait for a timer that may never come.
      if (s.nobodyToDecide()) {
        s.escalateAt = null;
        await run.escalate(step, 'no_eligible_approver');
      }
    });
  });
}
