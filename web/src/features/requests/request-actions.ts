import type { Capabilities, Me } from '../../session/capabilities';
import type { RequestDetail, RequestStatus } from './request-types';

export interface RequestActions {
  edit: boolean;
  submit: boolean;
  resubmit: boolean;
  withdraw: boolean;
  /** Approve or reject: the person is one of the current step's pending approvers. */
  decide: boolean;
  /** Finance completes the request (and the purchase order opens). */
  complete: boolean;
}

const IN_FLIGHT: RequestStatus[] = ['PENDING_APPROVAL', 'IN_REVIEW', 'RESUBMITTED', 'FULLY_APPROVED', 'FINANCE_REVIEW'];

/**
 * Which actions the page offers this person. Only a convenience: the API and the workflow decide
 * again, and a refusal is shown next to the action.
 */
export function requestActionsFor(request: RequestDetail, me: Me, can: Capabilities): RequestActions {
  const status = request.status.code;
  const mine = request.requestor.id === me.id;
  const waitingOnMe = request.pending_approvers.some((approver) => approver.id === me.id);
  const financeStep = request.current_template_step?.is_finance_review === true || status === 'FINANCE_REVIEW';
  return {
    edit: mine && (status === 'DRAFT' || status === 'REJECTED'),
    submit: mine && status === 'DRAFT',
    resubmit: mine && status === 'REJECTED',
    withdraw: mine && IN_FLIGHT.includes(status) && status !== 'FINANCE_REVIEW',
    decide: waitingOnMe && !financeStep && status !== 'REJECTED',
    complete: can.financeReview && status === 'FINANCE_REVIEW',
  };
}
