// Workflow-safe: the API, the worker and the workflow code share these names and shapes.
// Only @temporalio/workflow may be imported here (the lint rule on contracts/ enforces it).
import type { TenantScoped } from './tenants';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CallContext } from './call-context';
import { compareMoney } from './money';

export { compareMoney };

export const PURCHASE_REQUEST_WORKFLOW = 'purchaseRequestWorkflow';

/** Workflow ids are business ids: one workflow per request, ever. */
export function purchaseRequestWorkflowId(requestId: string): string {
  return `purchase-request-${requestId}`;
}

export const requestStatuses = {
  DRAFT: 'Draft',
  PENDING_APPROVAL: 'Pending Approval',
  IN_REVIEW: 'In Review',
  REJECTED: 'Rejected',
  RESUBMITTED: 'Resubmitted',
  FULLY_APPROVED: 'Fully Approved',
  FINANCE_REVIEW: 'Finance Review',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
} as const;
export type RequestStatus = keyof typeof requestStatuses;

export const approvalStatuses: RequestStatus[] = ['PENDING_APPROVAL', 'RESUBMITTED', 'IN_REVIEW'];
export const editableStatuses: RequestStatus[] = ['DRAFT', 'REJECTED', 'RESUBMITTED'];
export const withdrawableStatuses: RequestStatus[] = [
  'DRAFT',
  'PENDING_APPROVAL',
  'IN_REVIEW',
  'REJECTED',
  'RESUBMITTED',
];

export const REJECT_COMMENT_MIN = 10;
export const COMMENT_MAX = 2000;

/** One step of the workflow template, as pinned by the request at its first submit. */
export interface StepSnapshot {
  id: string;
  stepOrder: number;
  stepName: string;
  approverRole: string;
  isFinanceReview: boolean;
  /** Decimal string; the step applies only when the request amount is at least this. */
  minAmount: string | null;
  remindAfterHours: number | null;
  escalateAfterHours: number | null;
}

export interface WorkflowTemplateSnapshot {
  id: string;
  name: string;
  versionNumber: number;
  steps: StepSnapshot[];
}

export interface Approver {
  id: string;
  username: string;
  /** `role`: holds the step's role in the team; `escalation`: added when the step escalated. */
  reason: 'role' | 'escalation';
}

/** Everything the workflow carries across continue-as-new. */
export interface CarriedState {
  status: RequestStatus;
  round: number;
  amount: string;
  stepSequence: number;
  operationSequence: number;
  rejectionComment: string | null;
}

export interface PurchaseRequestInput extends TenantScoped {
  requestId: string;
  requestorId: string;
  template: WorkflowTemplateSnapshot;
  /** Present when the workflow continued as new. */
  carried?: CarriedState;
  /** History length after which the workflow continues as new at its next quiet point. */
  historyLimit?: number;
}

export interface StepView {
  id: string;
  stepName: string;
  stepOrder: number;
  isFinanceReview: boolean;
}

/** The `state` query, and what every Update answers: what the workflow decided. */
export interface RequestState {
  requestId: string;
  status: RequestStatus;
  round: number;
  currentStep: StepView | null;
  pendingApprovers: Approver[];
  approvedBy: string[];
  escalated: boolean;
  remindAt: string | null;
  escalateAt: string | null;
  rejectionComment: string | null;
  completedAt: string | null;
  /** The order opened by completion. */
  purchaseOrder: { id: string; number: string } | null;
}

export interface SubmitArgs {
  actorId: string;
  comment?: string;
  /** The API call behind the action (absent in histories recorded before it was carried). */
  call?: CallContext;
}
export interface DecisionArgs {
  actorId: string;
  comment?: string;
  call?: CallContext;
}
/** The editable fields of a request, as stored (camelCase); absent fields stay as they are. */
export interface RequestEdit {
  purchaseType?: 'GOODS' | 'SERVICES';
  vendorName?: string;
  vendorAccount?: string;
  subject?: string;
  description?: string;
  amount?: string;
  currency?: string;
  fieldValues?: Record<string, string | boolean>;
}
export interface AmendArgs {
  actorId: string;
  edit: RequestEdit;
  call?: CallContext;
}

/** First submit and every resubmit: starts a round. */
export const submitUpdate = defineUpdate<RequestState, [SubmitArgs]>('submit');
export const approveUpdate = defineUpdate<RequestState, [DecisionArgs]>('approve');
export const rejectUpdate = defineUpdate<RequestState, [DecisionArgs]>('reject');
export const withdrawUpdate = defineUpdate<RequestState, [DecisionArgs]>('withdraw');
export const completeUpdate = defineUpdate<RequestState, [DecisionArgs]>('complete');
/** An edit while RESUBMITTED (nobody has acted yet): the workflow saves it and restarts the round. */
export const amendUpdate = defineUpdate<RequestState, [AmendArgs]>('amend');
export const stateQuery = defineQuery<RequestState>('state');
/**
 * People or scopes changed (a deactivation, a role granted or revoked): the open step resolves its
 * approvers again, and escalates at once when nobody eligible is left.
 */
export const approversChangedSignal = defineSignal<[]>('approversChanged');

/** Error types the validators throw; the API maps each to its HTTP status (api/http/problem-table.ts). */
/** The steps that apply to an amount, in order: `min_amount` above the amount skips a step. */
export function applicableSteps(template: WorkflowTemplateSnapshot, amount: string): StepSnapshot[] {
  return [...template.steps]
    .sort((a, b) => a.stepOrder - b.stepOrder)
    .filter((step) => step.minAmount === null || compareMoney(amount, step.minAmount) >= 0);
}
