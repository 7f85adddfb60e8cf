import type { Knex } from 'knex';
import { z } from '../../http/zod';
import { idParams, timestamp, uuid } from '../../http/common.schemas';
import { money } from '../templates/templates.schemas';
import {
  approverSchema,
  createRequestBody,
  exampleCreateBody,
  exampleRequestDetail,
  exampleRequestSummary,
  patchRequestBody,
  requestDetailSchema,
  requestSummarySchema,
  statusCodes,
} from './requests.schemas';
import { commaList, dateBound } from '../../http/query-params';
import type { AppContext } from '../../http/context';
import { defineRoute, type AnyRoute } from '../../http/route';
import { applyOrdering, listQuery, pageBody, paginated } from '../../http/pagination';
import { type TotalQuery } from '../../../db/paging';
import { ForbiddenError } from '../../http/errors';
import type { AppDeps } from '../../app-deps';
import type { PurchaseRequest } from '../../../db/models';
import type { QueryBuilder } from 'objection';
import { presentRequestDetail, presentRequestSummary } from './requests.presenter';
import { createRequest } from './create-request';
import { editRequest } from './edit-request';
import { holdsRole, mayActAsRequestor, mayCreateRequests } from './request-access';
import { filteredRequests, financeInboxOf, inboxOf, loadRequestDetail, totalFromCounts } from './request-queries';
import { requestTimeline } from './request-timeline';
import { requestWorkflows } from './request-workflow';

const ordering = ['created_at', 'updated_at', 'amount', 'submitted_at'] as const;
const orderColumns = {
  created_at: 'purchaseRequests.createdAt',
  updated_at: 'purchaseRequests.updatedAt',
  amount: 'purchaseRequests.amount',
  submitted_at: 'purchaseRequests.submittedAt',
};

const listFilters = {
  status: commaList(statusCodes),
  team: uuid.optional(),
  requestor: uuid.optional(),
  purchase_type: z.enum(['GOODS', 'SERVICES']).optional(),
  min_amount: money.optional(),
  max_amount: money.optional(),
  created_from: dateBound(false),
  created_to: dateBound(true),
};

const timelineSchema = z
  .object({
    id: uuid,
    status: z.string(),
    workflow: z
      .object({
        status: z.string(),
        round: z.number().int(),
        pending_approvers: z.array(approverSchema),
        remind_at: timestamp.nullable(),
        escalate_at: timestamp.nullable(),
        escalated: z.boolean(),
      })
      .nullable()
      .describe('The workflow’s own state (deadlines included); null for drafts or when it cannot answer within 2 s'),
    purchase_order: z
      .object({ id: uuid, number: z.string(), status: z.string() })
      .nullable()
      .describe('The order the completed request opened'),
    entries: z.array(
      z.object({
        at: timestamp,
        kind: z.enum(['history', 'email', 'event', 'order']),
        type: z.string(),
        summary: z.string(),
        actor: z.object({ id: uuid, username: z.string() }).nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    ),
  })
  .openapi('PurchaseRequestTimeline');

const examplePage = { count: 1, next: null, previous: null, results: [exampleRequestSummary] };

export function requestRoutes(deps: AppDeps): AnyRoute[] {
  const workflows = requestWorkflows(deps.temporal);
  const routing = { currency: deps.config.defaultCurrency, rates: deps.config.currencyRates };
  const page = async (
    ctx: AppContext,
    builder: QueryBuilder<PurchaseRequest, PurchaseRequest[]>,
    query: { ordering?: string; page: number; page_size: number },
    total?: TotalQuery,
  ) => {
    applyOrdering(builder, query.ordering, orderColumns, '-created_at', 'purchaseRequests.id');
    return pageBody(ctx, deps.config.publicBaseUrl, builder, query, presentRequestSummary, total);
  };
  const detail = async (db: Knex, id: string, principal: Parameters<typeof loadRequestDetail>[2]) => {
    const { request, pending } = await loadRequestDetail(db, id, principal);
    return presentRequestDetail(request, pending, deps.config.publicBaseUrl);
  };

  return [
    defineRoute({
      method: 'get',
      path: '/prs/requests/',
      operationId: 'listPurchaseRequests',
      scope: 'requests:read',
      summary: 'List purchase requests you may see',
      description:
        'Requestors see their own; approvers those they act or acted on; finance reviewers those in finance review or completed (in their teams); admins all. `search` matches subject, vendor and description.',
      tags: ['Purchase requests'],
      auth: 'user',
      query: listQuery(ordering, listFilters),
      responses: {
        200: { description: 'A page of requests', schema: paginated(requestSummarySchema), example: examplePage },
      },
      handler: async ({ query, ctx, principal, db }) => {
        const total = totalFromCounts(db, principal, query);
        return { body: await page(ctx, filteredRequests(db, principal, query), query, total) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/prs/requests/inbox/',
      operationId: 'approvalInbox',
      scope: 'requests:read',
      summary: 'Requests waiting for your decision',
      description: 'Requests whose current step lists you as an approver and that you have not approved yet.',
      tags: ['Purchase requests'],
      auth: 'user',
      query: listQuery(ordering, {}),
      responses: {
        200: { description: 'A page of requests', schema: paginated(requestSummarySchema), example: examplePage },
      },
      handler: async ({ query, ctx, principal, db }) => ({
        body: await page(ctx, inboxOf(db, principal.userId), query),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/prs/requests/finance-inbox/',
      operationId: 'financeInbox',
      scope: 'requests:read',
      summary: 'Requests in finance review',
      description: 'For finance reviewers (their teams) and admins (all teams).',
      tags: ['Purchase requests'],
      auth: 'user',
      query: listQuery(ordering, {}),
      errors: [403],
      responses: {
        200: { description: 'A page of requests', schema: paginated(requestSummarySchema), example: examplePage },
      },
      handler: async ({ query, ctx, principal, db }) => {
        if (!principal.isAdmin && !(await holdsRole(db, principal.userId, 'FINANCE_REVIEWER'))) {
          throw new ForbiddenError('The finance inbox is for finance reviewers.');
        }
        return { body: await page(ctx, financeInboxOf(db, principal), query) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/prs/requests/',
      operationId: 'createPurchaseRequest',
      scope: 'requests:write',
      idempotent: true,
      summary: 'Create a purchase request (DRAFT)',
      description:
        'The caller must be an INITIATOR of `team`. `form_template` defaults to the team’s current form; field values are checked against it (required fields only at submit).',
      tags: ['Purchase requests'],
      auth: 'user',
      body: createRequestBody,
      bodyExample: exampleCreateBody,
      errors: [403],
      responses: {
        201: {
          description: 'The new draft',
          schema: requestDetailSchema,
          example: { ...exampleRequestDetail, status: { code: 'DRAFT', name: 'Draft' } },
        },
      },
      authorize: ({ principal, db }) => mayCreateRequests(db, principal),
      handler: async ({ body, principal, db }) => {
        const id = await createRequest(db, principal, body, routing);
        return { status: 201, body: await detail(db, id, principal) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/prs/requests/{id}/',
      operationId: 'getPurchaseRequest',
      scope: 'requests:read',
      summary: 'A purchase request with its history, attachments and pending approvers',
      tags: ['Purchase requests'],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The request', schema: requestDetailSchema, example: exampleRequestDetail } },
      handler: async ({ params, principal, db }) => ({ body: await detail(db, params.id, principal) }),
    }),
    defineRoute({
      method: 'patch',
      path: '/prs/requests/{id}/',
      operationId: 'updatePurchaseRequest',
      scope: 'requests:write',
      audit: 'domain',
      summary: 'Edit a draft, rejected or resubmitted request',
      description:
        'Requestor only. `status`, `requestor`, `team` and `id` are not editable (400). A resubmitted request can be edited only until someone acts in the round, which then restarts (409 otherwise).',
      tags: ['Purchase requests'],
      auth: 'user',
      params: idParams,
      body: patchRequestBody,
      bodyExample: {
        vendor_name: 'Expo Events GmbH',
        amount: '4800.00',
        field_values: { justification: 'Cheaper quote' },
      },
      errors: [403, 409, 503],
      responses: {
        200: { description: 'The updated request', schema: requestDetailSchema, example: exampleRequestDetail },
      },
      authorize: ({ params, principal, db }) => mayActAsRequestor(db, principal, params.id, 'edit'),
      handler: async ({ params, body, principal, call, db }) => {
        await editRequest({ knex: db, workflows }, principal, params.id, body, call, routing);
        return { body: await detail(db, params.id, principal) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/prs/requests/{id}/timeline/',
      operationId: 'purchaseRequestTimeline',
      readTransaction: false, // the workflow's own view is asked of Temporal
      scope: 'requests:read',
      summary: 'Everything that happened to a request, in order',
      description:
        'History rows, e-mails sent, events published and the status changes of the order it opened, plus the workflow’s current deadlines.',
      tags: ['Purchase requests'],
      auth: 'user',
      params: idParams,
      responses: {
        200: {
          description: 'The timeline',
          schema: timelineSchema,
          example: {
            id: exampleRequestSummary.id,
            status: 'IN_REVIEW',
            workflow: {
              status: 'IN_REVIEW',
              round: 1,
              pending_approvers: exampleRequestDetail.pending_approvers,
              remind_at: '2026-01-16T11:00:00.000Z',
              escalate_at: '2026-01-18T11:00:00.000Z',
              escalated: false,
            },
            purchase_order: null,
            entries: [
              {
                at: '2026-01-15T10:35:00.000Z',
                kind: 'history',
                type: 'SUBMIT',
                summary: 'alice: SUBMIT (round 1)',
                actor: { id: exampleRequestSummary.requestor.id, username: 'alice' },
                details: { comment: '', round: 1, step_id: null },
              },
            ],
          },
        },
      },
      handler: async ({ params, principal, db }) => ({
        body: await requestTimeline({ knex: db, workflows }, principal, params.id),
      }),
    }),
  ];
}
