import type { FormTemplateDraft, WorkflowTemplateDraft } from './repositories/templates.repository';

/**
 * The templates every new organisation starts with (registration, a platform administrator's new
 * tenant) and the demo data loads: requests can be created and approved at once, and an
 * administrator changes them by publishing new versions.
 */

/** The form of shared/spec/runtime.md, for every team. */
export const starterFormTemplate: FormTemplateDraft = {
  name: 'Standard Purchase Form',
  teamId: null,
  fields: [
    { fieldId: 'budget_code', name: 'Budget code', fieldType: 'TEXT', required: true, order: 1, options: [] },
    { fieldId: 'needed_by', name: 'Needed by', fieldType: 'DATE', required: false, order: 2, options: [] },
    { fieldId: 'justification', name: 'Justification', fieldType: 'TEXT', required: false, order: 3, options: [] },
  ],
  requiredAttachmentCategories: [],
  createdBy: null,
};

const reminders = { remindAfterHours: 24, escalateAfterHours: 72 };
/** The approval chain of shared/spec/runtime.md (seed 002), for every team. */
export const starterWorkflowTemplate: WorkflowTemplateDraft = {
  name: 'Standard Approval',
  teamId: null,
  steps: [
    {
      stepOrder: 1,
      stepName: 'Manager Approval',
      approverRole: 'MANAGER',
      isFinanceReview: false,
      minAmount: null,
      ...reminders,
    },
    {
      stepOrder: 2,
      stepName: 'Director Approval',
      approverRole: 'DIRECTOR',
      isFinanceReview: false,
      minAmount: '1000.00',
      ...reminders,
    },
    {
      stepOrder: 3,
      stepName: 'Finance Review',
      approverRole: 'FINANCE_REVIEWER',
      isFinanceReview: true,
      minAmount: null,
      ...reminders,
    },
  ],
  createdBy: null,
};
