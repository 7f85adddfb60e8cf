import { z } from '../../http/zod';
import { currencyCode, requiredText, text, timestamp, uuid } from '../../http/common.schemas';
import { money } from '../templates/templates.schemas';
import { COMMENT_MAX, REJECT_COMMENT_MIN, requestStatuses } from '../../../contracts/purchase-requests';

export const statusCodes = Object.keys(requestStatuses) as [
  keyof typeof requestStatuses,
  ...Array<keyof typeof requestStatuses>,
];
export const purchaseTypes = { GOODS: 'Goods', SERVICES: 'Services' } as const;

const statusRef = z.object({ code: z.enum(statusCodes), name: z.string() });
const purchaseTypeRef = z.object({ code: z.enum(['GOODS', 'SERVICES']), name: z.string() });
const userRef = z.object({ id: uuid, username: z.string(), first_name: z.string(), last_name: z.string() });
const teamRef = z.object({ id: uuid, name: z.string() });
const templateRef = z.object({ id: uuid, name: z.string(), version_number: z.number().int() });
export const stepRef = z.object({
  id: uuid,
  step_name: z.string(),
  step_order: z.number().int(),
  is_finance_review: z.boolean(),
});
export const approverSchema = z.object({ id: uuid, username: z.string(), reason: z.enum(['role', 'escalation']) });

export const requestSummarySchema = z
  .object({
    id: uuid,
    requestor: userRef,
    team: teamRef,
    status: statusRef,
    purchase_type: purchaseTypeRef,
    subject: z.string(),
    vendor_name: z.string(),
    amount: z.string(),
    currency: z.string(),
    current_template_step: stepRef.nullable(),
    round: z.number().int(),
    escalated: z.boolean(),
    submitted_at: timestamp.nullable(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .openapi('PurchaseRequestSummary');

export const fieldValueSchema = z.object({
  field: z.object({ id: uuid, field_id: z.string(), name: z.string(), field_type: z.string(), required: z.boolean() }),
  value: z.union([z.string(), z.boolean()]).nullable(),
  value_text: z.string().optional(),
  value_number: z.string().optional(),
  value_date: z.string().optional(),
  value_boolean: z.boolean().optional(),
});

export const attachmentSchema = z
  .object({
    id: uuid,
    filename: z.string(),
    category: z.string(),
    file_type: z.string(),
    file_size: z.number().int(),
    sha256: z.string(),
    upload_date: timestamp,
    download_url: z.string(),
  })
  .openapi('Attachment');

export const historyEntrySchema = z.object({
  id: uuid,
  round: z.number().int(),
  template_step: z.object({ id: uuid, step_name: z.string(), step_order: z.number().int() }).nullable(),
  approver: z
    .object({ id: uuid, username: z.string() })
    .nullable()
    .describe('null for actions of the workflow itself (reminders, escalations)'),
  via_api_token: z
    .object({ id: uuid, name: z.string() })
    .nullable()
    .describe('The API token the approver acted with ("via API token <name>"); null when they acted themselves'),
  action: z.enum(['SUBMIT', 'APPROVE', 'REJECT', 'RESUBMIT', 'WITHDRAW', 'COMPLETE', 'REMIND', 'ESCALATE']),
  comment: z.string(),
  timestamp,
});

export const requestDetailSchema = requestSummarySchema
  .extend({
    form_template: templateRef,
    workflow_template: templateRef.nullable().describe('Pinned at the first submit'),
    vendor_account: z.string(),
    description: z.string(),
    field_values: z.array(fieldValueSchema),
    attachments: z.array(attachmentSchema),
    approval_history: z.array(historyEntrySchema),
    pending_approvers: z.array(approverSchema),
    rejection_comment: z.string().nullable(),
    completed_at: timestamp.nullable(),
    purchase_order: z.object({ id: uuid, number: z.string() }).nullable().describe('Opened when the request completes'),
  })
  .openapi('PurchaseRequest');

export const decisionSchema = z
  .object({
    id: uuid,
    status: statusRef,
    round: z.number().int(),
    current_template_step: stepRef.nullable(),
    pending_approvers: z.array(approverSchema),
    rejection_comment: z.string().nullable(),
    completed_at: timestamp.nullable(),
    purchase_order: z.object({ id: uuid, number: z.string() }).nullable(),
  })
  .openapi('PurchaseRequestDecision', { description: 'The state the workflow decided after the action' });

const fieldValuesInput = z
  .record(z.string().max(64), z.unknown())
  .refine((value) => Object.keys(value).length <= 100, 'At most 100 field values.')
  .describe('field_id → value (string, number, YYYY-MM-DD date, boolean, or a SELECT option); null clears a value');

export const editableFields = {
  purchase_type: z.enum(['GOODS', 'SERVICES']),
  vendor_name: requiredText(200),
  vendor_account: text(100),
  subject: requiredText(200),
  description: text(5000),
  amount: money.refine((value) => Number(value) > 0, 'The amount must be greater than zero.'),
  currency: currencyCode.describe(
    'ISO 4217; the deployment must be able to route it (DEFAULT_CURRENCY or a CURRENCY_RATES entry)',
  ),
  field_values: fieldValuesInput,
};

export const createRequestBody = z.strictObject({
  team: uuid,
  form_template: uuid.optional(),
  ...editableFields,
  vendor_account: editableFields.vendor_account.optional(),
  description: editableFields.description.optional(),
  currency: editableFields.currency.optional(),
  field_values: fieldValuesInput.optional(),
});

export const patchRequestBody = z
  .strictObject(
    Object.fromEntries(Object.entries(editableFields).map(([key, schema]) => [key, schema.optional()])) as {
      [K in keyof typeof editableFields]: z.ZodOptional<(typeof editableFields)[K]>;
    },
  )
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change.');

export const comment = text(COMMENT_MAX);
export const optionalCommentBody = z.strictObject({ comment: comment.optional() });
export const rejectBody = z.strictObject({
  comment: comment.pipe(
    z.string().min(REJECT_COMMENT_MIN, `Ensure this field has at least ${REJECT_COMMENT_MIN} characters.`),
  ),
});

export const exampleRequestSummary = {
  id: '123e4567-e89b-12d3-a456-426614174000',
  requestor: {
    id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11',
    username: 'alice',
    first_name: 'Alice',
    last_name: 'Anderson',
  },
  team: { id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', name: 'Marketing' },
  status: { code: 'IN_REVIEW', name: 'In Review' },
  purchase_type: { code: 'GOODS', name: 'Goods' },
  subject: 'Conference booth',
  vendor_name: 'Expo GmbH',
  amount: '5000.00',
  currency: 'USD',
  current_template_step: {
    id: 'c1d2e3f4-0002-4a5b-8c9d-0e1f2a3b4c5d',
    step_name: 'Director Approval',
    step_order: 2,
    is_finance_review: false,
  },
  round: 1,
  escalated: false,
  submitted_at: '2026-01-15T10:35:00.000Z',
  created_at: '2026-01-15T10:30:00.000Z',
  updated_at: '2026-01-15T11:00:00.000Z',
};

export const exampleRequestDetail = {
  ...exampleRequestSummary,
  form_template: { id: '5d1f0a44-2c7b-4d0e-9a39-0f6f1c1a2b01', name: 'Standard Purchase Form', version_number: 1 },
  workflow_template: { id: '9b2e7c55-0a1d-4f8e-b7a3-2c4d6e8f0a01', name: 'Standard Approval', version_number: 1 },
  vendor_account: 'DE44 5001 0517 5407 3249 31',
  description: 'Booth and furniture for the spring trade fair',
  field_values: [
    {
      field: {
        id: '8a3c2f10-1111-4d0e-9a39-0f6f1c1a2b01',
        field_id: 'budget_code',
        name: 'Budget code',
        field_type: 'TEXT',
        required: true,
      },
      value: 'MKT-2026-EVENTS',
      value_text: 'MKT-2026-EVENTS',
    },
  ],
  attachments: [],
  approval_history: [
    {
      id: 'e0f1a2b3-0001-4c5d-8e9f-0a1b2c3d4e5f',
      round: 1,
      template_step: null,
      approver: { id: '3f0e8c2a-8a55-4a59-9d0c-1f1f4d6f2b11', username: 'alice' },
      via_api_token: null,
      action: 'SUBMIT' as const,
      comment: '',
      timestamp: '2026-01-15T10:35:00.000Z',
    },
    {
      id: 'e0f1a2b3-0002-4c5d-8e9f-0a1b2c3d4e5f',
      round: 1,
      template_step: { id: 'c1d2e3f4-0001-4a5b-8c9d-0e1f2a3b4c5d', step_name: 'Manager Approval', step_order: 1 },
      approver: { id: '1b2c3d4e-0000-4f5a-8b9c-0d1e2f3a4b5c', username: 'bob' },
      via_api_token: null,
      action: 'APPROVE' as const,
      comment: 'Approved',
      timestamp: '2026-01-15T11:00:00.000Z',
    },
  ],
  pending_approvers: [{ id: '2c3d4e5f-0000-4a5b-8c9d-0e1f2a3b4c5d', username: 'carol', reason: 'role' as const }],
  rejection_comment: null,
  completed_at: null,
  purchase_order: null,
};

export const exampleDecision = {
  id: exampleRequestSummary.id,
  status: { code: 'IN_REVIEW', name: 'In Review' },
  round: 1,
  current_template_step: exampleRequestSummary.current_template_step,
  pending_approvers: exampleRequestDetail.pending_approvers,
  rejection_comment: null,
  completed_at: null,
  purchase_order: null,
};

export const exampleCreateBody = {
  team: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  purchase_type: 'GOODS' as const,
  vendor_name: 'Expo GmbH',
  vendor_account: 'DE44 5001 0517 5407 3249 31',
  subject: 'Conference booth',
  description: 'Booth and furniture for the spring trade fair',
  amount: '5000.00',
  currency: 'USD',
  field_values: { budget_code: 'MKT-2026-EVENTS', needed_by: '2026-03-01' },
};
