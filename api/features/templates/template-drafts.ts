import type { Knex } from 'knex';
import type { z } from 'zod';
import { Role, Team } from '../../../db/models';
import type { FormTemplateDraft, WorkflowTemplateDraft } from '../../../db/repositories/templates.repository';
import { addFieldError as add, ValidationError, type FieldErrors } from '../../http/errors';
import type { formTemplateBody, workflowTemplateBody } from './templates.schemas';

async function checkTeam(knex: Knex, teamId: string | null | undefined, errors: FieldErrors): Promise<void> {
  if (!teamId) return;
  const team = await Team.query(knex).findById(teamId);
  if (!team || !team.isActive) add(errors, 'team', 'No active team has this id.');
}

/** Checks a form-template body beyond its shape: unique field ids, SELECT options, the team. */
export async function formTemplateDraft(
  knex: Knex,
  body: z.output<typeof formTemplateBody>,
  createdBy: string,
): Promise<FormTemplateDraft> {
  const errors: FieldErrors = {};
  await checkTeam(knex, body.team, errors);
  const seen = new Set<string>();
  body.fields.forEach((field, index) => {
    if (seen.has(field.field_id))
      add(errors, `fields.${index}.field_id`, 'Field ids must be unique within a template.');
    seen.add(field.field_id);
    const options = field.options ?? [];
    if (field.field_type === 'SELECT' && options.length === 0)
      add(errors, `fields.${index}.options`, 'A SELECT field needs at least one option.');
    if (field.field_type !== 'SELECT' && options.length > 0)
      add(errors, `fields.${index}.options`, 'Only SELECT fields take options.');
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    name: body.name,
    teamId: body.team ?? null,
    fields: body.fields.map((field, index) => ({
      fieldId: field.field_id,
      name: field.name,
      fieldType: field.field_type,
      required: field.required ?? false,
      order: field.order ?? index + 1,
      options: field.options ?? [],
    })),
    requiredAttachmentCategories: [...new Set(body.required_attachment_categories ?? [])],
    createdBy,
  };
}

/** Checks a workflow-template body: known roles, unique step orders, exactly one finance review, last. */
export async function workflowTemplateDraft(
  knex: Knex,
  body: z.output<typeof workflowTemplateBody>,
  createdBy: string,
): Promise<WorkflowTemplateDraft> {
  const errors: FieldErrors = {};
  await checkTeam(knex, body.team, errors);
  const roles = new Set((await Role.query(knex).select('code')).map((role) => role.code));
  const orders = new Set<number>();
  body.steps.forEach((step, index) => {
    if (!roles.has(step.approver_role))
      add(errors, `steps.${index}.approver_role`, `Unknown role "${step.approver_role}".`);
    if (orders.has(step.step_order)) add(errors, `steps.${index}.step_order`, 'Step orders must be unique.');
    orders.add(step.step_order);
  });
  const finance = body.steps.filter((step) => step.is_finance_review);
  const last = Math.max(...body.steps.map((step) => step.step_order));
  if (finance.length !== 1 || finance[0]?.step_order !== last) {
    add(errors, 'steps', 'Exactly one step must be the finance review, and it must be the last step.');
  }
  if (finance[0]?.min_amount)
    add(errors, 'steps', 'The finance-review step applies to every amount; it takes no min_amount.');
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    name: body.name,
    teamId: body.team ?? null,
    steps: body.steps.map((step) => ({
      stepOrder: step.step_order,
      stepName: step.step_name,
      approverRole: step.approver_role,
      isFinanceReview: step.is_finance_review ?? false,
      minAmount: step.min_amount ?? null,
      remindAfterHours: step.remind_after_hours ?? null,
      escalateAfterHours: step.escalate_after_hours ?? null,
    })),
    createdBy,
  };
}
