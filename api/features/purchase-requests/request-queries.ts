import type { Knex } from 'knex';
import type { QueryBuilder } from 'objection';
import { PurchaseRequest } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { orderRights, reachCovers } from '../orders/order-access';
import { onlyVisible, findVisibleRequest } from './request-access';
import { containsPattern } from '../../../db/paging';
import { requestCountTotal } from '../../../db/repositories/request-counts.repository';
import { pendingApprovers } from '../../../db/repositories/step-approvers.repository';
import { approvalStatuses } from '../../../contracts/purchase-requests';

/** Joined, not fetched: one statement per list page instead of one per relation (P1 of quality.md). */
export const summaryGraph = '[requestor, team, currentStep]';
const detailGraph =
  '[requestor, team, currentStep, formTemplate.fields, workflowTemplate, attachments, approvals.[actor, step, apiToken], purchaseOrder]';

export async function loadRequestDetail(knex: Knex, id: string, principal: Principal) {
  await findVisibleRequest(knex, id, principal);
  const request = (await PurchaseRequest.query(knex).findById(id).withGraphFetched(detailGraph)) as PurchaseRequest;
  if (request.purchaseOrder && !(await maySeeOrderOf(knex, request, principal))) request.purchaseOrder = null;
  return { request, pending: await pendingApprovers(knex, request) };
}

/** The request's order is shown to those who may read orders (api.md): its requestor, procurement, finance, admins. */
export async function maySeeOrderOf(knex: Knex, request: PurchaseRequest, principal: Principal): Promise<boolean> {
  return (
    request.requestorId === principal.userId || reachCovers((await orderRights(knex, principal)).read, request.teamId)
  );
}

export interface RequestFilters {
  status?: string[];
  team?: string;
  requestor?: string;
  purchase_type?: string;
  min_amount?: string;
  max_amount?: string;
  created_from?: Date;
  created_to?: Date;
  search?: string;
}

export function filteredRequests(
  knex: Knex,
  principal: Principal,
  filters: RequestFilters,
): QueryBuilder<PurchaseRequest, PurchaseRequest[]> {
  const query = onlyVisible(PurchaseRequest.query(knex), principal).withGraphJoined(summaryGraph);
  if (filters.status?.length) query.whereIn('purchaseRequests.status', filters.status);
  if (filters.team) query.where('purchaseRequests.teamId', filters.team);
  if (filters.requestor) query.where('purchaseRequests.requestorId', filters.requestor);
  if (filters.purchase_type) query.where('purchaseRequests.purchaseType', filters.purchase_type);
  if (filters.min_amount) query.where('purchaseRequests.amount', '>=', filters.min_amount);
  if (filters.max_amount) query.where('purchaseRequests.amount', '<=', filters.max_amount);
  if (filters.created_from) query.where('purchaseRequests.createdAt', '>=', filters.created_from);
  if (filters.created_to) query.where('purchaseRequests.createdAt', '<=', filters.created_to);
  if (filters.search) {
    const like = containsPattern(filters.search);
    query.where((q) => {
      q.whereILike('purchaseRequests.subject', like)
        .orWhereILike('purchaseRequests.vendorName', like)
        .orWhereILike('purchaseRequests.description', like);
    });
  }
  return query;
}

/**
 * An admin's total from the per-(team, requestor, status) counts the database keeps (migrations 0011, 0013),
 * when the filters are only those keys; otherwise undefined, and the page counts its filtered rows.
 */
export function totalFromCounts(
  knex: Knex,
  principal: Principal,
  filters: RequestFilters,
): Knex.QueryBuilder | undefined {
  const uncountable: Array<keyof RequestFilters> = [
    'purchase_type',
    'min_amount',
    'max_amount',
    'created_from',
    'created_to',
    'search',
  ];
  if (!principal.isAdmin || uncountable.some((key) => filters[key] !== undefined)) return undefined;
  return requestCountTotal(knex, filters);
}

/** Requests whose current step waits for this user (they are an approver and have not approved yet). */
export function inboxOf(knex: Knex, userId: string): QueryBuilder<PurchaseRequest, PurchaseRequest[]> {
  return PurchaseRequest.query(knex)
    .withGraphJoined(summaryGraph)
    .whereIn('purchaseRequests.status', [...approvalStatuses, 'FINANCE_REVIEW'])
    .whereExists((q) => {
      q.from('requestStepApprovers as rsa')
        .whereColumn('rsa.requestId', 'purchaseRequests.id')
        .where({ 'rsa.userId': userId, 'rsa.isCurrent': true });
    })
    .whereNotExists((q) => {
      q.from('approvals as ap')
        .whereColumn('ap.requestId', 'purchaseRequests.id')
        .whereColumn('ap.round', 'purchaseRequests.round')
        .whereColumn('ap.stepId', 'purchaseRequests.currentStepId')
        .where({ 'ap.actorId': userId, 'ap.action': 'APPROVE' });
    });
}

/** Requests in finance review in the teams this finance reviewer covers (all of them for admins). */
export function financeInboxOf(knex: Knex, principal: Principal): QueryBuilder<PurchaseRequest, PurchaseRequest[]> {
  const query = PurchaseRequest.query(knex)
    .withGraphJoined(summaryGraph)
    .where('purchaseRequests.status', 'FINANCE_REVIEW');
  if (principal.isAdmin) return query;
  return query.whereExists((q) => {
    q.from('accessScopes as fs')
      .where({ 'fs.userId': principal.userId, 'fs.roleCode': 'FINANCE_REVIEWER' })
      .where((team) => {
        team.whereNull('fs.teamId').orWhereColumn('fs.teamId', 'purchaseRequests.teamId');
      });
  });
}
