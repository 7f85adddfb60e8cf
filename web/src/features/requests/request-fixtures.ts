import type { Capabilities, Me } from '../../session/capabilities';
import type { FormTemplate, RequestDetail, WorkflowTemplate } from './request-types';

/** Test data shaped as the API answers (typed from its OpenAPI document, so it stays in step). */
export function aRequest(overrides: Partial<RequestDetail> = {}): RequestDetail {
  return {
    id: 'r1',
    subject: 'Laptops',
    amount: '1500.00',
    currency: 'EUR',
    vendor_name: 'Acme',
    vendor_account: '',
    description: '',
    created_at: '2026-11-01T10:00:00Z',
    updated_at: '2026-11-01T10:00:00Z',
    submitted_at: '2026-11-01T10:00:00Z',
    completed_at: null,
    escalated: false,
    round: 1,
    purchase_type: { code: 'GOODS', name: 'Goods' },
    status: { code: 'PENDING_APPROVAL', name: 'Pending Approval' },
    requestor: { id: 'alice', username: 'alice', first_name: 'Alice', last_name: 'Anderson' },
    team: { id: 't1', name: 'Marketing' },
    current_template_step: { id: 's1', step_name: 'Manager Approval', step_order: 1, is_finance_review: false },
    pending_approvers: [{ id: 'bob', username: 'bob', reason: 'role' }],
    approval_history: [],
    attachments: [],
    field_values: [],
    form_template: { id: 'f1', name: 'Standard', version_number: 1 },
    workflow_template: { id: 'w1', name: 'Standard Approval', version_number: 1 },
    purchase_order: null,
    rejection_comment: null,
    ...overrides,
  };
}

export function aPerson(id: string, isAdmin = false): Me {
  return {
    id,
    username: id,
    email: `${id}@example.com`,
    first_name: id,
    last_name: '',
    is_active: true,
    is_admin: isAdmin,
    is_service_account: false,
    is_platform_admin: false,
    tenant: { id: 'tn1', name: 'Demo organisation', slug: 'demo' },
    last_login_at: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    access_scopes: [],
  };
}

export const nothing: Capabilities = {
  request: false,
  requestTeams: [],
  approve: false,
  financeReview: false,
  readOrders: false,
  manageOrders: false,
  manageCatalogue: false,
  dashboard: false,
  admin: false,
  platformAdmin: false,
};

export function aFormTemplate(overrides: Partial<FormTemplate> = {}): FormTemplate {
  return {
    id: 'f1',
    family_id: 'fam1',
    name: 'Standard Purchase Form',
    version_number: 1,
    is_current: true,
    created_at: '2026-01-01T00:00:00Z',
    required_attachment_categories: [],
    team: null,
    fields: [
      {
        id: 'a',
        field_id: 'budget_code',
        name: 'Budget code',
        field_type: 'TEXT',
        required: true,
        order: 1,
        options: [],
      },
      { id: 'b', field_id: 'needed_by', name: 'Needed by', field_type: 'DATE', required: false, order: 2, options: [] },
      { id: 'c', field_id: 'rush', name: 'Rush order', field_type: 'BOOLEAN', required: false, order: 4, options: [] },
      {
        id: 'd',
        field_id: 'region',
        name: 'Region',
        field_type: 'SELECT',
        required: true,
        order: 3,
        options: ['EU', 'US'],
      },
    ],
    ...overrides,
  };
}

export function aWorkflow(): WorkflowTemplate {
  const step = (id: string, order: number, name: string, role: string, minAmount: string | null, finance = false) => ({
    id,
    step_order: order,
    step_name: name,
    approver_role: role,
    approvers: [{ role: { code: role, name: role.charAt(0) + role.slice(1).toLowerCase() } }],
    min_amount: minAmount,
    is_finance_review: finance,
    remind_after_hours: 24,
    escalate_after_hours: 72,
  });
  return {
    id: 'w1',
    family_id: 'wf',
    name: 'Standard Approval',
    version_number: 1,
    is_current: true,
    created_at: '2026-01-01T00:00:00Z',
    team: null,
    steps: [
      step('s2', 2, 'Director Approval', 'DIRECTOR', '1000.00'),
      step('s1', 1, 'Manager Approval', 'MANAGER', null),
      step('s3', 3, 'Finance Review', 'FINANCE_REVIEWER', null, true),
    ],
  };
}
