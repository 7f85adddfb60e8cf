// Workflow-safe: the guards that the API (before the body is read) and the workflows (in their Update
// validators) both apply, written once so they refuse alike.
import { ErrorType, refused, type Refusal } from './errors';

/** A requestor never decides their own request. */
export function decidingOwnRequest(requestorId: string, actorId: string, verb: string): Refusal | null {
  return actorId === requestorId ? refused(ErrorType.Forbidden, `You cannot ${verb} your own request.`) : null;
}

/** Only the requestor submits, withdraws or edits their request. */
export function notTheRequestor(requestorId: string, actorId: string, action: string): Refusal | null {
  return actorId !== requestorId
    ? refused(ErrorType.Forbidden, `Only the requestor can ${action} this request.`)
    : null;
}

/** Only procurement officers (of some team) and administrators change orders. */
export function notAnOrderManager(mayManage: boolean): Refusal | null {
  return mayManage ? null : refused(ErrorType.Forbidden, 'Only procurement officers and administrators manage orders.');
}
