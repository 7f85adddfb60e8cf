// Workflow-safe: the guards on a purchase request that the API (before the body is read) and the
// workflow (in its Update validators) both apply, written once so they refuse alike.
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
