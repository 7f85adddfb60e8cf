import type { Knex } from 'knex';
import { decidingOwnRequest, notTheRequestor } from '../../../contracts/request-guards';
import type { QueryBuilder } from 'objection';
import { PurchaseRequest } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { ForbiddenError, NotFoundError, throwIf } from '../../http/errors';

/**
 * Who sees a request (api.md): the requestor; approvers it waits or waited for, and anyone who acted
 * on it; finance reviewers of its team once it reaches finance review; admins. One SQL condition, so
 * lists and single reads agree.
 */
export function onlyVisible(query: QueryBuilder<PurchaseRequest, PurchaseRequest[]>, principal: Principal) {
  if (principal.isAdmin) return query;
  const me = principal.userId;
  return query.where((visible) => {
    visible
      .where('purchaseRequests.requestorId', me)
      .orWhereExists((q) => {
        q.from('requestStepApprovers as rsa')
          .whereColumn('rsa.requestId', 'purchaseRequests.id')
          .where('rsa.userId', me);
      })
      .orWhereExists((q) => {
        q.from('approvals as ap').whereColumn('ap.requestId', 'purchaseRequests.id').where('ap.actorId', me);
      })
      .orWhere((finance) => {
        finance.whereIn('purchaseRequests.status', ['FINANCE_REVIEW', 'COMPLETED']).whereExists((q) => {
          q.from('accessScopes as fs')
            .where('fs.userId', me)
            .where('fs.roleCode', 'FINANCE_REVIEWER')
            .where((team) => {
              team.whereNull('fs.teamId').orWhereColumn('fs.teamId', 'purchaseRequests.teamId');
            });
        });
      });
  });
}

/** The request if the caller may see it; otherwise 404, never revealing that it exists. */
export async function findVisibleRequest(knex: Knex, id: string, principal: Principal): Promise<PurchaseRequest> {
  const request = await onlyVisible(PurchaseRequest.query(knex).where('purchaseRequests.id', id), principal).first();
  if (!request) throw new NotFoundError();
  return request;
}

export function requireRequestor(request: PurchaseRequest, principal: Principal, action: string): void {
  throwIf(notTheRequestor(request.requestorId, principal.userId, action));
}

/** Whether the user holds `role` in the team, or in every team (a scope without a team). */
export async function holdsRole(knex: Knex, userId: string, role: string, teamId?: string): Promise<boolean> {
  const query = knex('accessScopes').where({ userId, roleCode: role });
  if (teamId)
    query.where((q) => {
      q.where('teamId', teamId).orWhereNull('teamId');
    });
  return Boolean(await query.first('id'));
}

/**
 * Route guard for approve, reject and complete (before the body is read): the request is visible (404)
 * and the caller is not its requestor, who never decides their own request (403). Whether the caller
 * may decide the current step is the workflow's to say, against its own state.
 */
export async function mayDecide(knex: Knex, principal: Principal, id: string, decision: string): Promise<void> {
  const request = await findVisibleRequest(knex, id, principal);
  throwIf(decidingOwnRequest(request.requestorId, principal.userId, decision));
}

/** Route guard: the caller is the request's requestor (403), on a request they can see (404). */
export async function mayActAsRequestor(knex: Knex, principal: Principal, id: string, action: string): Promise<void> {
  requireRequestor(await findVisibleRequest(knex, id, principal), principal, action);
}

/** Route guard for creating requests: an INITIATOR somewhere (the team in the body is checked after). */
export async function mayCreateRequests(knex: Knex, principal: Principal): Promise<void> {
  if (!(await holdsRole(knex, principal.userId, 'INITIATOR')))
    throw new ForbiddenError('Only initiators create purchase requests.');
}
