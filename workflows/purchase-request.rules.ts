// Pure guards of the purchase-request workflow: each throws the refusal the API turns into 403/409/400.
// They run in Update validators (synchronous, nothing enters history) and again inside the handler,
// because the state may have moved between the validator and the handler's turn.
import { ApplicationFailure } from '@temporalio/workflow';
import { ErrorType, type Refusal } from '../contracts/errors';
import { decidingOwnRequest, notTheRequestor } from '../contracts/request-guards';
import {
  COMMENT_MAX,
  REJECT_COMMENT_MIN,
  approvalStatuses,
  requestStatuses,
  withdrawableStatuses,
  type AmendArgs,
  type Approver,
  type DecisionArgs,
  type RequestStatus,
  type StepSnapshot,
  type SubmitArgs,
} from '../contracts/purchase-requests';

export interface Facts {
  status: RequestStatus;
  step: StepSnapshot | null;
  approvers: Approver[];
  /** People whose decision on the current step was accepted already. */
  claimed: ReadonlySet<string>;
  requestorId: string;
  /** The current step's last approval is in and the workflow is moving to the next step. */
  advancing?: boolean;
}

function requireSettled(f: Facts): void {
  if (f.advancing)
    refuse(
      ErrorType.Conflict,
      'The last approval of this step was just recorded and the request is moving to its next step; reload it.',
    );
}

/** Throws a refusal as the non-retryable ApplicationFailure an Update answers with (the API maps its type). */
export function refuse(type: ErrorType, message: string, errors?: Record<string, string[]>): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: errors ? [{ errors }] : [] });
}

/** Throws the refusal a shared guard (contracts/request-guards.ts) gave, if any. */
export function refuseIf(refusal: Refusal | null): void {
  if (refusal) refuse(refusal.type, refusal.message, refusal.errors);
}

const statusName = (status: RequestStatus) => `${requestStatuses[status]} (${status})`;

function requireRequestor(f: Facts, actorId: string, action: string): void {
  refuseIf(notTheRequestor(f.requestorId, actorId, action));
}

function requireStep(f: Facts): StepSnapshot {
  if (!f.step) refuse(ErrorType.Conflict, 'The request is moving to its next step; try again in a moment.');
  return f.step;
}

function requireApprover(f: Facts, actorId: string, verb: string): void {
  refuseIf(decidingOwnRequest(f.requestorId, actorId, verb));
  if (!f.approvers.some((approver) => approver.id === actorId)) {
    refuse(ErrorType.Forbidden, `You are not an approver of the current step "${requireStep(f).stepName}".`);
  }
}

function checkCommentLength(comment: string | undefined, min = 0): void {
  const length = comment?.trim().length ?? 0;
  if (length < min) {
    const message = `Ensure this field has at least ${min} characters.`;
    refuse(ErrorType.Validation, `A comment of at least ${min} characters is required.`, { comment: [message] });
  }
  if (length > COMMENT_MAX)
    refuse(ErrorType.Validation, 'The comment is too long.', {
      comment: [`Ensure this field has no more than ${COMMENT_MAX} characters.`],
    });
}

export function checkSubmit(f: Facts, args: SubmitArgs): void {
  requireRequestor(f, args.actorId, 'submit');
  if (f.status !== 'DRAFT' && f.status !== 'REJECTED')
    refuse(ErrorType.Conflict, `A request in status ${statusName(f.status)} cannot be submitted.`);
  checkCommentLength(args.comment);
}

export function checkApprove(f: Facts, args: DecisionArgs): void {
  if (!approvalStatuses.includes(f.status))
    refuse(ErrorType.Conflict, `This request is not waiting for approval; its status is ${statusName(f.status)}.`);
  requireStep(f);
  requireApprover(f, args.actorId, 'approve');
  if (f.claimed.has(args.actorId)) refuse(ErrorType.Conflict, 'You have already approved this step.');
  checkCommentLength(args.comment);
}

export function checkReject(f: Facts, args: DecisionArgs): void {
  if (!approvalStatuses.includes(f.status) && f.status !== 'FINANCE_REVIEW') {
    refuse(ErrorType.Conflict, `A request in status ${statusName(f.status)} cannot be rejected.`);
  }
  requireSettled(f);
  requireStep(f);
  requireApprover(f, args.actorId, 'reject');
  if (f.claimed.has(args.actorId)) refuse(ErrorType.Conflict, 'You have already decided on this step.');
  checkCommentLength(args.comment, REJECT_COMMENT_MIN);
}

export function checkWithdraw(f: Facts, args: DecisionArgs): void {
  requireRequestor(f, args.actorId, 'withdraw');
  if (!withdrawableStatuses.includes(f.status))
    refuse(ErrorType.Conflict, `A request in status ${statusName(f.status)} cannot be withdrawn.`);
  requireSettled(f);
  checkCommentLength(args.comment);
}

export function checkComplete(f: Facts, args: DecisionArgs): void {
  if (f.status !== 'FINANCE_REVIEW')
    refuse(
      ErrorType.Conflict,
      `Only a request in finance review can be completed; its status is ${statusName(f.status)}.`,
    );
  requireStep(f);
  if (!f.approvers.some((approver) => approver.id === args.actorId))
    refuse(ErrorType.Forbidden, 'Only a finance reviewer of this request can complete it.');
  checkCommentLength(args.comment);
}

export function checkAmend(f: Facts, args: AmendArgs): void {
  requireRequestor(f, args.actorId, 'edit');
  if (f.status !== 'RESUBMITTED' || f.claimed.size > 0 || !f.step) {
    refuse(ErrorType.Conflict, 'A resubmitted request can be edited only until someone acts on it.');
  }
}
