import type { Knex } from 'knex';
import {
  approveUpdate,
  completeUpdate,
  rejectUpdate,
  withdrawUpdate,
  type RequestState,
} from '../../../contracts/purchase-requests';
import type { CallContext } from '../../../contracts/call-context';
import type { PurchaseRequest } from '../../../db/models';
import { applyTransition } from '../../../db/repositories/request-transitions.repository';
import { RequestStateConflictError } from '../../../db/repositories/request-errors';
import type { Principal } from '../../auth/principal';
import { ConflictError } from '../../http/errors';
import { findVisibleRequest, requireRequestor } from './request-access';
import type { RequestWorkflows } from './request-workflow';

export type Decision = 'approve' | 'reject' | 'withdraw' | 'complete';
const updates = { approve: approveUpdate, reject: rejectUpdate, withdraw: withdrawUpdate, complete: completeUpdate };

/**
 * Approve, reject, withdraw or complete: the workflow's validator decides who may and when (403/409/400),
 * so the API only checks that the caller may see the request. A draft has no workflow yet: withdrawing
 * it is the one decision made here.
 */
export async function decide(
  deps: { knex: Knex; workflows: RequestWorkflows },
  principal: Principal,
  id: string,
  decision: Decision,
  comment: string | undefined,
  call: CallContext,
): Promise<RequestState> {
  const request = await findVisibleRequest(deps.knex, id, principal);
  if (request.status === 'DRAFT' && decision === 'withdraw')
    return withdrawDraft(deps.knex, principal, request, comment, call);
  if (['DRAFT', 'COMPLETED', 'CANCELLED'].includes(request.status)) {
    throw new ConflictError(
      `A request in status ${request.status} cannot be ${decision === 'withdraw' ? 'withdrawn' : `${decision}d`}.`,
    );
  }
  return deps.workflows.update(id, updates[decision], { actorId: principal.userId, comment, call });
}

async function withdrawDraft(
  knex: Knex,
  principal: Principal,
  request: PurchaseRequest,
  comment: string | undefined,
  call: CallContext,
): Promise<RequestState> {
  const id = request.id;
  requireRequestor(request, principal, 'withdraw');
  try {
    await applyTransition(knex, {
      requestId: id,
      operationKey: `api/${id}/withdraw-draft`,
      expectStatus: ['DRAFT'],
      history: { round: 0, stepId: null, actorId: principal.userId, action: 'WITHDRAW', comment, call },
      patch: { status: 'CANCELLED' },
      event: { type: 'purchase_request.cancelled', data: { actor_id: principal.userId, comment } },
    });
  } catch (error) {
    if (error instanceof RequestStateConflictError)
      throw new ConflictError('The request was submitted meanwhile; withdraw it again.');
    throw error;
  }
  return {
    requestId: id,
    status: 'CANCELLED',
    round: 0,
    currentStep: null,
    pendingApprovers: [],
    approvedBy: [],
    escalated: false,
    remindAt: null,
    escalateAt: null,
    rejectionComment: null,
    completedAt: null,
    purchaseOrder: null,
  };
}
