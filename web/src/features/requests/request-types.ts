import type { components } from '../../api/schema';

export type RequestSummary = components['schemas']['PurchaseRequestSummary'];
export type RequestDetail = components['schemas']['PurchaseRequest'];
export type RequestDecision = components['schemas']['PurchaseRequestDecision'];
export type Timeline = components['schemas']['PurchaseRequestTimeline'];
export type FormTemplate = components['schemas']['FormTemplate'];
export type FormField = FormTemplate['fields'][number];
export type WorkflowTemplate = components['schemas']['WorkflowTemplate'];
export type RequestStatus = RequestSummary['status']['code'];

export const REQUEST_STATUSES: RequestStatus[] = [
  'DRAFT',
  'PENDING_APPROVAL',
  'IN_REVIEW',
  'REJECTED',
  'RESUBMITTED',
  'FULLY_APPROVED',
  'FINANCE_REVIEW',
  'COMPLETED',
  'CANCELLED',
];

/** api.md: a rejection needs a comment of at least this many characters (the API says so too). */
export const REJECT_COMMENT_MIN = 10;
