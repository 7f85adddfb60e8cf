import { requestStatuses, type Approver, type RequestState } from '../../../contracts/purchase-requests';
import type {
  Approval,
  Attachment,
  FieldValue,
  FormTemplate,
  PurchaseRequest,
  Team,
  User,
  WorkflowTemplate,
  WorkflowTemplateStep,
} from '../../../db/models';
import { purchaseTypes } from './requests.schemas';
import { iso } from '../../http/iso';
import { fieldValue } from './field-values';

const status = (code: keyof typeof requestStatuses) => ({ code, name: requestStatuses[code] ?? code });
const userRef = (user: User | undefined) => ({
  id: user?.id ?? '',
  username: user?.username ?? '',
  first_name: user?.firstName ?? '',
  last_name: user?.lastName ?? '',
});
const templateRef = (template: FormTemplate | WorkflowTemplate) => ({
  id: template.id,
  name: template.name,
  version_number: template.versionNumber,
});
const stepRef = (step: WorkflowTemplateStep | null | undefined) =>
  step
    ? { id: step.id, step_name: step.stepName, step_order: step.stepOrder, is_finance_review: step.isFinanceReview }
    : null;

export type RequestRow = PurchaseRequest & { requestor?: User; team?: Team; currentStep?: WorkflowTemplateStep | null };

export function presentRequestSummary(request: RequestRow) {
  return {
    id: request.id,
    requestor: userRef(request.requestor),
    team: { id: request.team?.id ?? request.teamId, name: request.team?.name ?? '' },
    status: status(request.status),
    purchase_type: { code: request.purchaseType, name: purchaseTypes[request.purchaseType] },
    subject: request.subject,
    vendor_name: request.vendorName,
    amount: request.amount,
    currency: request.currency,
    current_template_step: stepRef(request.currentStep),
    round: request.round,
    escalated: request.escalated,
    submitted_at: iso(request.submittedAt),
    created_at: iso(request.createdAt) as string,
    updated_at: iso(request.updatedAt) as string,
  };
}

export function presentAttachment(attachment: Attachment, baseUrl: string) {
  return {
    id: attachment.id,
    filename: attachment.filename,
    category: attachment.category,
    file_type: attachment.fileType,
    file_size: attachment.fileSize,
    sha256: attachment.sha256,
    upload_date: iso(attachment.uploadDate) as string,
    download_url: `${baseUrl}/api/prs/attachments/${attachment.id}/download/`,
  };
}

const typedKey: Record<string, string> = {
  TEXT: 'value_text',
  SELECT: 'value_text',
  NUMBER: 'value_number',
  DATE: 'value_date',
  BOOLEAN: 'value_boolean',
};

function presentFieldValues(template: FormTemplate | undefined, values: Record<string, FieldValue>) {
  return (template?.fields ?? []).map((field) => {
    const value = fieldValue(values, field.fieldId);
    return {
      field: {
        id: field.id,
        field_id: field.fieldId,
        name: field.name,
        field_type: field.fieldType,
        required: field.required,
      },
      value,
      ...(value === null ? {} : { [typedKey[field.fieldType] as string]: value }),
    };
  });
}

function presentHistory(entry: Approval) {
  return {
    id: entry.id,
    round: entry.round,
    template_step: entry.step
      ? { id: entry.step.id, step_name: entry.step.stepName, step_order: entry.step.stepOrder }
      : null,
    approver: entry.actor ? { id: entry.actor.id, username: entry.actor.username } : null,
    via_api_token: entry.apiToken ? { id: entry.apiToken.id, name: entry.apiToken.name } : null,
    action: entry.action,
    comment: entry.comment,
    timestamp: iso(entry.createdAt) as string,
  };
}

export function presentRequestDetail(request: RequestRow, pendingApprovers: Approver[], baseUrl: string) {
  return {
    ...presentRequestSummary(request),
    form_template: templateRef(request.formTemplate as FormTemplate),
    workflow_template: request.workflowTemplate ? templateRef(request.workflowTemplate) : null,
    vendor_account: request.vendorAccount,
    description: request.description,
    field_values: presentFieldValues(request.formTemplate, request.fieldValues),
    attachments: (request.attachments ?? []).map((attachment) => presentAttachment(attachment, baseUrl)),
    approval_history: (request.approvals ?? []).map(presentHistory),
    pending_approvers: pendingApprovers,
    rejection_comment: request.rejectionComment,
    completed_at: iso(request.completedAt),
    purchase_order: request.purchaseOrder
      ? { id: request.purchaseOrder.id, number: request.purchaseOrder.number }
      : null,
  };
}

/** What an action answers: the state the workflow decided, not a re-read that could race. */
export function presentDecision(state: RequestState) {
  return {
    id: state.requestId,
    status: status(state.status),
    round: state.round,
    current_template_step: state.currentStep
      ? {
          id: state.currentStep.id,
          step_name: state.currentStep.stepName,
          step_order: state.currentStep.stepOrder,
          is_finance_review: state.currentStep.isFinanceReview,
        }
      : null,
    pending_approvers: state.pendingApprovers,
    rejection_comment: state.rejectionComment,
    completed_at: state.completedAt,
    purchase_order: state.purchaseOrder,
  };
}
