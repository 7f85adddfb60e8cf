import { z } from '../../http/zod';
import { idParams, text } from '../../http/common.schemas';
import { decisionSchema, exampleDecision, optionalCommentBody, rejectBody } from './requests.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { AppDeps } from '../../app-deps';
import type { ApiScope } from '../../auth/scopes';
import { createFileStore } from '../attachments/storage';
import { presentDecision } from './requests.presenter';
import { decide, type Decision } from './decide-request';
import { requestWorkflows } from './request-workflow';
import { submitRequest } from './submit-request';
import { mayActAsRequestor, mayDecide } from './request-access';

const MAX_SUBMIT_FILES = 5;

const actions: Array<{
  decision: Decision;
  /** A decision on someone else's request needs approvals:write; withdrawing one's own, requests:write. */
  scope: ApiScope;
  summary: string;
  description: string;
  reject?: boolean;
  example: unknown;
}> = [
  {
    decision: 'approve',
    scope: 'approvals:write',
    summary: 'Approve the current step',
    description:
      'An eligible approver of the current step (never the requestor). Every approver of a step must approve (AND); the answer is the state the workflow reached. 403: not your step; 409: already approved or wrong state.',
    example: exampleDecision,
  },
  {
    decision: 'reject',
    scope: 'approvals:write',
    summary: 'Reject the request',
    description:
      'An eligible approver of the current step, or a finance reviewer in finance review. The comment needs at least 10 characters.',
    reject: true,
    example: {
      ...exampleDecision,
      status: { code: 'REJECTED', name: 'Rejected' },
      pending_approvers: [],
      rejection_comment: 'Budget exceeds the quarterly limit',
    },
  },
  {
    decision: 'withdraw',
    scope: 'requests:write',
    summary: 'Withdraw the request (CANCELLED)',
    description: 'The requestor, while the request is a draft, pending, in review, rejected or resubmitted.',
    example: {
      ...exampleDecision,
      status: { code: 'CANCELLED', name: 'Cancelled' },
      current_template_step: null,
      pending_approvers: [],
    },
  },
  {
    decision: 'complete',
    scope: 'approvals:write',
    summary: 'Complete the finance review (COMPLETED)',
    description:
      'A finance reviewer of the request, in FINANCE_REVIEW. The completion e-mail goes to COMPLETION_EMAIL_TO and the requestor; the answer links the purchase order the completion opened.',
    example: {
      ...exampleDecision,
      status: { code: 'COMPLETED', name: 'Completed' },
      current_template_step: null,
      pending_approvers: [],
      completed_at: '2026-01-15T12:00:00.000Z',
    },
  },
];

export function requestActionRoutes(deps: AppDeps): AnyRoute[] {
  const workflows = requestWorkflows(deps.temporal);
  const files = createFileStore(deps.config.storageDir);
  return [
    defineRoute({
      method: 'post',
      path: '/prs/requests/{id}/submit/',
      operationId: 'submitPurchaseRequest',
      scope: 'requests:write',
      idempotent: true,
      audit: 'domain',
      summary: 'Submit (or resubmit) a request for approval',
      description:
        'Requestor only. A draft starts its approval workflow (PENDING_APPROVAL, round 1); a rejected request starts the next round (RESUBMITTED). Send JSON, or multipart/form-data with up to 5 `files` (and an optional `category` for them), which are attached before required fields and attachment categories are checked.',
      tags: ['Purchase requests'],
      auth: 'user',
      params: idParams,
      body: z.strictObject({ comment: text(2000).optional(), category: text(100).optional() }),
      bodyExample: { comment: 'Quote attached' },
      multipart: { fileField: 'files', maxFiles: MAX_SUBMIT_FILES, allowJson: true },
      errors: [403, 409, 503],
      responses: {
        200: {
          description: 'The state the workflow reached',
          schema: decisionSchema,
          example: { ...exampleDecision, status: { code: 'PENDING_APPROVAL', name: 'Pending Approval' } },
        },
      },
      authorize: ({ params, principal, db }) => mayActAsRequestor(db, principal, params.id, 'submit'),
      handler: async ({ params, body, files: uploaded, principal, call, db }) => {
        const state = await submitRequest({ knex: db, files, workflows }, principal, params.id, {
          comment: body.comment,
          files: uploaded,
          category: body.category ?? '',
          call,
        });
        return { body: presentDecision(state) };
      },
    }),
    ...actions.map((action) =>
      defineRoute({
        method: 'post',
        path: `/prs/requests/{id}/${action.decision}/`,
        operationId: `${action.decision}PurchaseRequest`,
        scope: action.scope,
        idempotent: true,
        audit: 'domain' as const,
        summary: action.summary,
        description: action.description,
        tags: ['Purchase requests'],
        auth: 'user',
        params: idParams,
        body: action.reject ? rejectBody : optionalCommentBody,
        bodyExample: action.reject ? { comment: 'Budget exceeds the quarterly limit' } : { comment: 'Looks good' },
        errors: [403, 409, 503],
        responses: {
          200: { description: 'The state the workflow decided', schema: decisionSchema, example: action.example },
        },
        authorize: ({ params, principal, db }) =>
          action.decision === 'withdraw'
            ? mayActAsRequestor(db, principal, params.id, 'withdraw')
            : mayDecide(db, principal, params.id, action.decision),
        handler: async ({ params, body, principal, call, db }) => ({
          body: presentDecision(
            await decide({ knex: db, workflows }, principal, params.id, action.decision, body.comment, call),
          ),
        }),
      }),
    ),
  ];
}
