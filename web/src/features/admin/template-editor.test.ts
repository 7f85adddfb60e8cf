import type { FormTemplate, WorkflowTemplate } from './admin-queries';
import {
  emptyFieldRow,
  emptyStepRow,
  fieldRowsOf,
  formVersionBody,
  linesOf,
  moveRow,
  removeRow,
  rowErrors,
  stepRowsOf,
  updateRow,
  validateFormVersion,
  validateWorkflowVersion,
  workflowVersionBody,
} from './template-editor';
import { familiesOf } from './template-versions';

const team = { id: 't1', name: 'Marketing' };
const form: FormTemplate = {
  id: 'f2',
  family_id: 'f1',
  name: 'Standard Purchase Form',
  version_number: 2,
  is_current: true,
  team,
  created_at: '2026-01-02T00:00:00Z',
  required_attachment_categories: ['Quote'],
  fields: [
    {
      id: 'a',
      field_id: 'urgency',
      name: 'Urgency',
      field_type: 'SELECT',
      required: true,
      order: 2,
      options: ['low', 'high'],
    },
    {
      id: 'b',
      field_id: 'budget_code',
      name: 'Budget code',
      field_type: 'TEXT',
      required: true,
      order: 1,
      options: [],
    },
  ],
};
const step = {
  approvers: [],
  is_finance_review: false,
  min_amount: null,
  remind_after_hours: null,
  escalate_after_hours: null,
};
const workflow: WorkflowTemplate = {
  id: 'w1',
  family_id: 'w1',
  name: 'Standard Approval',
  version_number: 1,
  is_current: true,
  team: null,
  created_at: '2026-01-01T00:00:00Z',
  steps: [
    {
      ...step,
      id: 's3',
      step_order: 3,
      step_name: 'Finance Review',
      approver_role: 'FINANCE_REVIEWER',
      is_finance_review: true,
    },
    { ...step, id: 's1', step_order: 1, step_name: 'Manager', approver_role: 'MANAGER', remind_after_hours: 24 },
    { ...step, id: 's2', step_order: 2, step_name: 'Director', approver_role: 'DIRECTOR', min_amount: '5000.00' },
  ],
};

describe('form template versions', () => {
  it('starts from the current fields in their order, and round-trips them unchanged', () => {
    const rows = fieldRowsOf(form);
    expect(rows.map((row) => row.field_id)).toEqual(['budget_code', 'urgency']);
    expect(rows[1]?.options).toBe('low\nhigh');
    expect(validateFormVersion(form.name, rows)).toEqual({});
    expect(formVersionBody(form, form.name, rows, 'Quote\n')).toEqual({
      name: 'Standard Purchase Form',
      team: 't1',
      fields: [
        { field_id: 'budget_code', name: 'Budget code', field_type: 'TEXT', required: true, order: 1 },
        {
          field_id: 'urgency',
          name: 'Urgency',
          field_type: 'SELECT',
          required: true,
          order: 2,
          options: ['low', 'high'],
        },
      ],
      required_attachment_categories: ['Quote'],
    });
  });

  it('keeps a template for every team for every team', () => {
    expect(formVersionBody({ team: null }, 'Form', [], '').team).toBeNull();
  });

  it('numbers fields by their place, so moving a row reorders them', () => {
    const rows = moveRow(fieldRowsOf(form), 1, -1);
    expect(formVersionBody(form, 'x', rows, '').fields.map((field) => [field.field_id, field.order])).toEqual([
      ['urgency', 1],
      ['budget_code', 2],
    ]);
  });

  it('drops options of a field that is no longer a choice', () => {
    const rows = updateRow(fieldRowsOf(form), 1, { field_type: 'TEXT' });
    expect(formVersionBody(form, 'x', rows, '').fields[1]).not.toHaveProperty('options');
  });

  it('says what the API would refuse, keyed as the API keys it', () => {
    const rows = [
      ...fieldRowsOf(form),
      { ...emptyFieldRow(), field_id: 'budget_code', name: 'Again' },
      { ...emptyFieldRow(), field_id: 'Bad id', name: '' },
      { ...emptyFieldRow(), field_id: 'colour', name: 'Colour', field_type: 'SELECT' as const, options: '\n \n' },
    ];
    expect(validateFormVersion(' ', rows)).toEqual({
      name: ['Enter a name.'],
      'fields.2.field_id': ['Field ids must be unique within a template.'],
      'fields.3.field_id': ['Use lower-case letters, digits and _, starting with a letter.'],
      'fields.3.name': ['Enter a name.'],
      'fields.4.options': ['A SELECT field needs at least one option.'],
    });
  });
});

describe('workflow template versions', () => {
  it('starts from the steps in order and keeps their settings', () => {
    const rows = stepRowsOf(workflow);
    expect(rows.map((row) => row.step_name)).toEqual(['Manager', 'Director', 'Finance Review']);
    expect(validateWorkflowVersion(workflow.name, rows)).toEqual({});
    expect(workflowVersionBody(workflow, workflow.name, rows)).toEqual({
      name: 'Standard Approval',
      team: null,
      steps: [
        {
          step_order: 1,
          step_name: 'Manager',
          approver_role: 'MANAGER',
          is_finance_review: false,
          min_amount: null,
          remind_after_hours: 24,
          escalate_after_hours: null,
        },
        {
          step_order: 2,
          step_name: 'Director',
          approver_role: 'DIRECTOR',
          is_finance_review: false,
          min_amount: '5000.00',
          remind_after_hours: null,
          escalate_after_hours: null,
        },
        {
          step_order: 3,
          step_name: 'Finance Review',
          approver_role: 'FINANCE_REVIEWER',
          is_finance_review: true,
          min_amount: null,
          remind_after_hours: null,
          escalate_after_hours: null,
        },
      ],
    });
  });

  it('wants exactly one finance review, last', () => {
    const rows = stepRowsOf(workflow);
    const message = 'Exactly one step must be the finance review, and it must be the last step.';
    expect(validateWorkflowVersion('W', moveRow(rows, 2, -1)).steps).toEqual([message]);
    expect(validateWorkflowVersion('W', removeRow(rows, 2)).steps).toEqual([message]);
    expect(validateWorkflowVersion('W', []).steps).toEqual(['A workflow needs at least one step.']);
  });

  it('checks amounts, hours and that each step names a role', () => {
    const rows = [
      {
        ...emptyStepRow(),
        step_name: 'New',
        min_amount: '12.345',
        remind_after_hours: '0',
        escalate_after_hours: 'soon',
      },
      ...stepRowsOf(workflow),
    ];
    expect(rowErrors(validateWorkflowVersion('W', rows), 'steps', 0)).toEqual({
      approver_role: ['Choose the role that approves.'],
      min_amount: ['Enter a positive amount with at most 2 decimal places.'],
      remind_after_hours: ['Enter a number of hours above 0 and at most 8760, or leave it empty.'],
      escalate_after_hours: ['Enter a number of hours above 0 and at most 8760, or leave it empty.'],
    });
  });
});

describe('row helpers', () => {
  it('moves within bounds only, and removes by index', () => {
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(removeRow(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('reads one value per line', () => {
    expect(linesOf(' Quote \n\nInvoice\nQuote')).toEqual(['Quote', 'Invoice']);
  });

  it('groups versions into templates, newest first', () => {
    const v = (id: string, family: string, name: string, n: number, current: boolean) => ({
      id,
      family_id: family,
      name,
      version_number: n,
      is_current: current,
      team: null,
      created_at: '2026-01-01T00:00:00Z',
    });
    const families = familiesOf([
      v('1', 'B', 'Beta', 1, false),
      v('2', 'A', 'Alpha', 1, true),
      v('3', 'B', 'Beta 2', 2, true),
    ]);
    expect(families.map((family) => [family.name, family.versions.map((version) => version.id)])).toEqual([
      ['Alpha', ['2']],
      ['Beta 2', ['3', '1']],
    ]);
  });
});
