import type { operations } from '../../api/schema';
import type { FormTemplate, WorkflowTemplate } from './admin-queries';
import type { FieldErrors } from './people';

export const FIELD_TYPES = ['TEXT', 'NUMBER', 'DATE', 'BOOLEAN', 'SELECT'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FormVersionBody = operations['versionFormTemplate']['requestBody']['content']['application/json'];
export type WorkflowVersionBody = operations['versionWorkflowTemplate']['requestBody']['content']['application/json'];

/** One editable field of a form template; `options` holds one option per line. */
export interface FieldRow {
  key: string;
  field_id: string;
  name: string;
  field_type: FieldType;
  required: boolean;
  options: string;
}

/** One editable approval step; numbers are kept as typed and read when the body is built. */
export interface StepRow {
  key: string;
  step_name: string;
  approver_role: string;
  is_finance_review: boolean;
  min_amount: string;
  remind_after_hours: string;
  escalate_after_hours: string;
}

let nextKey = 0;
const newKey = () => `row-${++nextKey}`;

export function fieldRowsOf(template: FormTemplate): FieldRow[] {
  return [...template.fields]
    .sort((a, b) => a.order - b.order)
    .map((field) => ({
      key: newKey(),
      field_id: field.field_id,
      name: field.name,
      field_type: field.field_type,
      required: field.required,
      options: field.options.join('\n'),
    }));
}

export function emptyFieldRow(): FieldRow {
  return { key: newKey(), field_id: '', name: '', field_type: 'TEXT', required: false, options: '' };
}

export function stepRowsOf(template: WorkflowTemplate): StepRow[] {
  return [...template.steps]
    .sort((a, b) => a.step_order - b.step_order)
    .map((step) => ({
      key: newKey(),
      step_name: step.step_name,
      approver_role: step.approver_role,
      is_finance_review: step.is_finance_review,
      min_amount: step.min_amount ?? '',
      remind_after_hours: step.remind_after_hours === null ? '' : String(step.remind_after_hours),
      escalate_after_hours: step.escalate_after_hours === null ? '' : String(step.escalate_after_hours),
    }));
}

export function emptyStepRow(): StepRow {
  return {
    key: newKey(),
    step_name: '',
    approver_role: '',
    is_finance_review: false,
    min_amount: '',
    remind_after_hours: '',
    escalate_after_hours: '',
  };
}

export function updateRow<R>(rows: R[], index: number, change: Partial<R>): R[] {
  return rows.map((row, at) => (at === index ? { ...row, ...change } : row));
}

export function removeRow<R>(rows: R[], index: number): R[] {
  return rows.filter((_, at) => at !== index);
}

/** Swaps a row with its neighbour; out of range leaves the rows as they are. */
export function moveRow<R>(rows: R[], index: number, delta: -1 | 1): R[] {
  const target = index + delta;
  if (index < 0 || index >= rows.length || target < 0 || target >= rows.length) return rows;
  const next = [...rows];
  [next[index], next[target]] = [next[target] as R, next[index] as R];
  return next;
}

/** Lines of a textarea: trimmed, blank lines dropped, duplicates kept once. */
export function linesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    ),
  ];
}

const FIELD_ID = /^[a-z][a-z0-9_]{0,63}$/;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const MAX_HOURS = 24 * 365;

function add(errors: FieldErrors, key: string, message: string) {
  (errors[key] ??= []).push(message);
}

/** The API's own checks (templates.schemas.ts, template-drafts.ts), keyed as the API keys its errors. */
export function validateFormVersion(name: string, rows: FieldRow[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!name.trim()) add(errors, 'name', 'Enter a name.');
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const id = row.field_id.trim();
    if (!FIELD_ID.test(id))
      add(errors, `fields.${index}.field_id`, 'Use lower-case letters, digits and _, starting with a letter.');
    else if (seen.has(id)) add(errors, `fields.${index}.field_id`, 'Field ids must be unique within a template.');
    seen.add(id);
    if (!row.name.trim()) add(errors, `fields.${index}.name`, 'Enter a name.');
    if (row.field_type === 'SELECT' && linesOf(row.options).length === 0)
      add(errors, `fields.${index}.options`, 'A SELECT field needs at least one option.');
  });
  return errors;
}

/** The whole template as its next version; the team stays the one of the version it starts from. */
export function formVersionBody(
  template: Pick<FormTemplate, 'team'>,
  name: string,
  rows: FieldRow[],
  categories: string,
): FormVersionBody {
  return {
    name: name.trim(),
    team: template.team?.id ?? null,
    fields: rows.map((row, index) => ({
      field_id: row.field_id.trim(),
      name: row.name.trim(),
      field_type: row.field_type,
      required: row.required,
      order: index + 1,
      ...(row.field_type === 'SELECT' ? { options: linesOf(row.options) } : {}),
    })),
    required_attachment_categories: linesOf(categories),
  };
}

function hoursError(value: string): string | null {
  if (!value.trim()) return null;
  const hours = Number(value);
  return Number.isFinite(hours) && hours > 0 && hours <= MAX_HOURS
    ? null
    : `Enter a number of hours above 0 and at most ${MAX_HOURS}, or leave it empty.`;
}

export function validateWorkflowVersion(name: string, rows: StepRow[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!name.trim()) add(errors, 'name', 'Enter a name.');
  if (rows.length === 0) add(errors, 'steps', 'A workflow needs at least one step.');
  rows.forEach((row, index) => {
    if (!row.step_name.trim()) add(errors, `steps.${index}.step_name`, 'Enter a name.');
    if (!row.approver_role) add(errors, `steps.${index}.approver_role`, 'Choose the role that approves.');
    const amount = row.min_amount.trim();
    if (amount && !MONEY.test(amount))
      add(errors, `steps.${index}.min_amount`, 'Enter a positive amount with at most 2 decimal places.');
    if (amount && row.is_finance_review)
      add(errors, `steps.${index}.min_amount`, 'The finance review applies to every amount; leave this empty.');
    for (const key of ['remind_after_hours', 'escalate_after_hours'] as const) {
      const problem = hoursError(row[key]);
      if (problem) add(errors, `steps.${index}.${key}`, problem);
    }
  });
  const finance = rows.filter((row) => row.is_finance_review);
  if (rows.length > 0 && (finance.length !== 1 || !rows[rows.length - 1]?.is_finance_review))
    add(errors, 'steps', 'Exactly one step must be the finance review, and it must be the last step.');
  return errors;
}

const hoursOf = (value: string) => (value.trim() ? Number(value) : null);

/** Steps are numbered by their place in the list, so moving a row is all reordering takes. */
export function workflowVersionBody(
  template: Pick<WorkflowTemplate, 'team'>,
  name: string,
  rows: StepRow[],
): WorkflowVersionBody {
  return {
    name: name.trim(),
    team: template.team?.id ?? null,
    steps: rows.map((row, index) => ({
      step_order: index + 1,
      step_name: row.step_name.trim(),
      approver_role: row.approver_role,
      is_finance_review: row.is_finance_review,
      min_amount: row.min_amount.trim() || null,
      remind_after_hours: hoursOf(row.remind_after_hours),
      escalate_after_hours: hoursOf(row.escalate_after_hours),
    })),
  };
}

/** Errors of one row, by the row's own field names (for its inputs). */
export function rowErrors(errors: FieldErrors, list: 'fields' | 'steps', index: number): FieldErrors {
  const prefix = `${list}.${index}.`;
  return Object.fromEntries(
    Object.entries(errors)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, messages]) => [key.slice(prefix.length), messages]),
  );
}
