import { z } from '../../http/zod';
import { requiredText, timestamp, uuid } from '../../http/common.schemas';

export const fieldTypes = ['TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT'] as const;
const teamRef = z
  .object({ id: uuid, name: z.string() })
  .nullable()
  .describe('null: the template applies to every team');

export const formFieldSchema = z.object({
  id: uuid,
  field_id: z.string(),
  name: z.string(),
  field_type: z.enum(fieldTypes),
  required: z.boolean(),
  order: z.number().int(),
  options: z.array(z.string()),
});

export const formTemplateSchema = z
  .object({
    id: uuid,
    family_id: uuid.describe('Shared by every version of the template'),
    name: z.string(),
    version_number: z.number().int(),
    is_current: z.boolean(),
    team: teamRef,
    fields: z.array(formFieldSchema),
    required_attachment_categories: z.array(z.string()),
    created_at: timestamp,
  })
  .openapi('FormTemplate');

export const workflowStepSchema = z.object({
  id: uuid,
  step_order: z.number().int(),
  step_name: z.string(),
  approver_role: z.string(),
  approvers: z.array(z.object({ role: z.object({ code: z.string(), name: z.string() }) })),
  is_finance_review: z.boolean(),
  min_amount: z.string().nullable(),
  remind_after_hours: z.number().nullable(),
  escalate_after_hours: z.number().nullable(),
});

export const workflowTemplateSchema = z
  .object({
    id: uuid,
    family_id: uuid,
    name: z.string(),
    version_number: z.number().int(),
    is_current: z.boolean(),
    team: teamRef,
    steps: z.array(workflowStepSchema),
    created_at: timestamp,
  })
  .openapi('WorkflowTemplate');

/** Money: a decimal string (a JSON number is read as one), documented with its pattern. */
export const money = z
  .preprocess(
    (value) => (typeof value === 'number' ? String(value) : value),
    z
      .string()
      .trim()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'Enter a positive amount with at most 2 decimal places.'),
  )
  .transform((value) => Number(value).toFixed(2))
  .openapi({ example: '1500.00' })
  .describe('Decimal string with up to 2 places, e.g. "1500.00"');

const hours = z
  .number()
  .positive()
  .max(24 * 365)
  .nullable()
  .optional();
const categoryName = requiredText(100);

export const formTemplateBody = z.strictObject({
  name: requiredText(200),
  team: uuid.nullable().optional(),
  fields: z
    .array(
      z.strictObject({
        field_id: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Use lower-case letters, digits and _, starting with a letter.'),
        name: requiredText(200),
        field_type: z.enum(fieldTypes),
        required: z.boolean().optional(),
        order: z.number().int().min(0).max(10_000).optional(),
        options: z.array(requiredText(200)).max(100).optional(),
      }),
    )
    .max(100),
  required_attachment_categories: z.array(categoryName).max(20).optional(),
});

export const workflowTemplateBody = z.strictObject({
  name: requiredText(200),
  team: uuid.nullable().optional(),
  steps: z
    .array(
      z.strictObject({
        step_order: z.number().int().min(1).max(1000),
        step_name: requiredText(200),
        approver_role: requiredText(64),
        is_finance_review: z.boolean().optional(),
        min_amount: money.nullable().optional(),
        remind_after_hours: hours,
        escalate_after_hours: hours,
      }),
    )
    .min(1)
    .max(20),
});

export const exampleFormTemplate = {
  id: '5d1f0a44-2c7b-4d0e-9a39-0f6f1c1a2b01',
  family_id: '5d1f0a44-2c7b-4d0e-9a39-0f6f1c1a2b01',
  name: 'Standard Purchase Form',
  version_number: 1,
  is_current: true,
  team: null,
  fields: [
    {
      id: '8a3c2f10-1111-4d0e-9a39-0f6f1c1a2b01',
      field_id: 'budget_code',
      name: 'Budget code',
      field_type: 'TEXT' as const,
      required: true,
      order: 1,
      options: [],
    },
    {
      id: '8a3c2f10-2222-4d0e-9a39-0f6f1c1a2b01',
      field_id: 'needed_by',
      name: 'Needed by',
      field_type: 'DATE' as const,
      required: false,
      order: 2,
      options: [],
    },
  ],
  required_attachment_categories: [],
  created_at: '2026-01-01T09:00:00.000Z',
};

export const exampleWorkflowTemplate = {
  id: '9b2e7c55-0a1d-4f8e-b7a3-2c4d6e8f0a01',
  family_id: '9b2e7c55-0a1d-4f8e-b7a3-2c4d6e8f0a01',
  name: 'Standard Approval',
  version_number: 1,
  is_current: true,
  team: null,
  steps: [
    {
      id: 'c1d2e3f4-0001-4a5b-8c9d-0e1f2a3b4c5d',
      step_order: 1,
      step_name: 'Manager Approval',
      approver_role: 'MANAGER',
      approvers: [{ role: { code: 'MANAGER', name: 'Manager' } }],
      is_finance_review: false,
      min_amount: null,
      remind_after_hours: 24,
      escalate_after_hours: 72,
    },
    {
      id: 'c1d2e3f4-0003-4a5b-8c9d-0e1f2a3b4c5d',
      step_order: 3,
      step_name: 'Finance Review',
      approver_role: 'FINANCE_REVIEWER',
      approvers: [{ role: { code: 'FINANCE_REVIEWER', name: 'Finance Reviewer' } }],
      is_finance_review: true,
      min_amount: null,
      remind_after_hours: 24,
      escalate_after_hours: 72,
    },
  ],
  created_at: '2026-01-01T09:00:00.000Z',
};

/**
 * "Try it out" sends these as they stand, so they name a team that does not exist (a 400): a template
 * for `team: null` is the one every team without its own uses, and would replace the demo teams' form.
 */
export const EXAMPLE_TEAM_PLACEHOLDER = '00000000-0000-4000-8000-00000000000e';

export const exampleFormTemplateBody = {
  name: 'IT Hardware Form',
  team: EXAMPLE_TEAM_PLACEHOLDER,
  fields: [
    { field_id: 'asset_tag', name: 'Asset tag', field_type: 'TEXT' as const, required: true, order: 1 },
    {
      field_id: 'urgency',
      name: 'Urgency',
      field_type: 'SELECT' as const,
      required: true,
      order: 2,
      options: ['low', 'normal', 'high'],
    },
  ],
  required_attachment_categories: ['Quote'],
};

export const exampleWorkflowTemplateBody = {
  name: 'Two-step Approval',
  team: EXAMPLE_TEAM_PLACEHOLDER,
  steps: [
    {
      step_order: 1,
      step_name: 'Manager Approval',
      approver_role: 'MANAGER',
      remind_after_hours: 24,
      escalate_after_hours: 72,
    },
    { step_order: 2, step_name: 'Finance Review', approver_role: 'FINANCE_REVIEWER', is_finance_review: true },
  ],
};
