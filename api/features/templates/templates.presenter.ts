import type { FormTemplate, Role, Team, WorkflowTemplate } from '../../../db/models';
import { isoTime as iso } from '../../http/iso';

const teamRef = (team: Team | null | undefined) => (team ? { id: team.id, name: team.name } : null);
const hours = (value: string | null) => (value === null ? null : Number(value));

/** What every template version shows about itself, whatever its kind. */
function versionOf(template: (FormTemplate | WorkflowTemplate) & { team?: Team | null }) {
  return {
    id: template.id,
    family_id: template.familyId,
    name: template.name,
    version_number: template.versionNumber,
    is_current: template.isCurrent,
    team: teamRef(template.team),
    created_at: iso(template.createdAt),
  };
}

export function presentFormTemplate(template: FormTemplate & { team?: Team | null }) {
  return {
    ...versionOf(template),
    fields: (template.fields ?? []).map((field) => ({
      id: field.id,
      field_id: field.fieldId,
      name: field.name,
      field_type: field.fieldType,
      required: field.required,
      order: field.order,
      options: field.options,
    })),
    required_attachment_categories: template.requiredAttachmentCategories,
  };
}

export function presentWorkflowTemplate(template: WorkflowTemplate & { team?: Team | null }, roles: Map<string, Role>) {
  return {
    ...versionOf(template),
    steps: (template.steps ?? []).map((step) => ({
      id: step.id,
      step_order: step.stepOrder,
      step_name: step.stepName,
      approver_role: step.approverRole,
      approvers: [{ role: { code: step.approverRole, name: roles.get(step.approverRole)?.name ?? step.approverRole } }],
      is_finance_review: step.isFinanceReview,
      min_amount: step.minAmount,
      remind_after_hours: hours(step.remindAfterHours),
      escalate_after_hours: hours(step.escalateAfterHours),
    })),
  };
}
