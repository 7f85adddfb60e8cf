// Pure guards of the purchase-request workflow: each throws the refusal the API turns into 403/409/400.
// They run in Update validators (synchronous, nothing enters history) and again inside the handler,
// because the state may have moved between the validator and the handler's turn.
import { ApplicationFailure } from '@temporalio/workflow';
import {
  COMMENT_MAX,
  REJECT_COMMENT_MIN,
  approvalStatuses,
  ownRequestRefusal,
  refusal,
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
      refusal.conflict,
      'The last approval of this step was just recorded and the request is moving to its next step; reload it.',
    );
}

export function refuse(
  type: (typeof refusal)[keyof typeof refusal],
  message: string,
  errors?: Record<string, string[]>,
): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: errors ? [{ errors }] : [] });
}

const statusName = (status: RequestStatus) => `${requestStatuses[status]} (${status})`;

function requireRequestor(f: Facts, actorId: string, action: string): void {
  if (actorId !== f.requestorId) refuse(refusal.forbidden, `Only the requestor can ${action} this request.`);
}

function requireStep(f: Facts): StepSnapshot {
  if (!f.step) refuse(refusal.conflict, 'The request is moving to its next step; try again in a moment.');
  return f.step;
}

function requireApprover(f: Facts, actorId: string, verb: string): void {
  if (actorId === f.requestorId) refuse(refusal.forbidden, ownRequestRefusal(verb));
  if (!f.approvers.some((approver) => approver.id === actorId)) {
    refuse(refusal.forbidden, `You are not an approver of the current step "${requireStep(f).stepName}".`);
  }
}

function checkCommentLength(comment: string | undefined, min = 0): void {
  const length = comment?.trim().length ?? 0;
  if (length < min) {
    const message = `Ensure this field has at least ${min} characters.`;
    refuse(refusal.invalid, `A comment of at least ${min} characters is required.`, { comment: [message] });
  }
  if (length > COMMENT_MAX)
    refuse(refusal.invalid, 'The comment is too long.', {
      comment: [`Ensure this field has no more than ${COMMENT_MAX} characters.`],
    });
}

export function checkSubmit(f: Facts, args: SubmitArgs): void {
  requireRequestor(f, args.actorId, 'submit');
  if (f.status !== 'DRAFT' && f.status !== 'REJECTED')
    refuse(refusal.conflict, `A request in status ${statusName(f.status)} cannot be submitted.`);
  checkCommentLength(args.comment);
}

export function checkApprove(f: Facts, args: DecisionArgs): void {
  if (!approvalStatuses.includes(f.status))
    refuse(refusal.conflict, `This request is not waiting for approval; its status is ${statusName(f.status)}.`);
  requireStep(f);
  requireApprover(f, args.actorId, 'approve');
  if (f.claimed.has(args.actorId)) refuse(refusal.conflict, 'You have already approved this step.');
  checkCommentLength(args.comment);
}

export function checkReject(f: Facts, args: DecisionArgs): void {
  if (!approvalStatuses.includes(f.status) && f.status !== 'FINANCE_REVIEW') {
    refuse(refusal.conflict, `A request in status ${statusName(f.status)} cannot be rejected.`);
  }
  requireSettled(f);
  requireStep(f);
  requireApprover(f, args.actorId, 'reject');
  if (f.claimed.has(args.actorId)) refuse(refusal.conflict, 'You have already decided on this step.');
  checkCommentLength(args.comment, REJECT_COMMENT_MIN);
}

export function checkWithdraw(f: Facts, args: DecisionArgs): void {
  requireRequestor(f, args.actorId, 'withdraw');
  if (!withdrawableStatuses.includes(f.status))
    refuse(refusal.conflict, `A request in status ${statusName(f.status)} cannot be withdrawn.`);
  requireSettled(f);
  checkCommentLength(args.comment);
}

export function checkComplete(f: Facts, args: DecisionArgs): void {
  if (f.status !== 'FINANCE_REVIEW')
    refuse(
      refusal.conflict,
      `Only a request in finance review can be completed; its status is ${statusName(f.status)}.`,
    );
  requireStep(f);
  if (!f.approvers.some((approver) => approver.id === args.actorId))
    refuse(refusal.forbidden, 'Only a finance reviewer of this request can complete it.');
  checkCommentLength(args.comment);
}

export function checkAmend(f: Facts, args: AmendArgs): void {
  requireRequestor(f, args.actorId, 'edit');
  if (f.status !== 'RESUBMITTED' || f.claimed.size > 0 || !f.step) {
    refuse(refusal.conflict, 'A resubmitted request can be edited only until someone acts on it.');
  }
}
