import { approvalSteps } from './approval-steps';
import { fileProblem } from './attachments';
import { requestActionsFor } from './request-actions';
import { aFormTemplate, aPerson, aRequest, aWorkflow, nothing } from './request-fixtures';
import { currentFormFor, fieldValuesBody, initialValues, missingRequired, sortedFields } from './template-form';

describe('which actions a person sees on a request', () => {
  it('the pending approver may decide; the requestor may only withdraw', () => {
    const request = aRequest();
    expect(requestActionsFor(request, aPerson('bob'), { ...nothing, approve: true })).toMatchObject({
      decide: true,
      edit: false,
      withdraw: false,
    });
    expect(requestActionsFor(request, aPerson('alice'), { ...nothing, request: true })).toEqual({
      edit: false,
      submit: false,
      resubmit: false,
      withdraw: true,
      decide: false,
      complete: false,
    });
  });

  it('an approver who is not pending sees no decision, nor does anyone on a finance step', () => {
    expect(requestActionsFor(aRequest(), aPerson('mallory'), { ...nothing, approve: true }).decide).toBe(false);
    const finance = aRequest({
      status: { code: 'FINANCE_REVIEW', name: 'Finance Review' },
      current_template_step: { id: 's3', step_name: 'Finance Review', step_order: 3, is_finance_review: true },
      pending_approvers: [{ id: 'frank', username: 'frank', reason: 'role' }],
    });
    expect(requestActionsFor(finance, aPerson('frank'), { ...nothing, financeReview: true })).toMatchObject({
      decide: false,
      complete: true,
    });
    expect(requestActionsFor(finance, aPerson('bob'), { ...nothing, approve: true }).complete).toBe(false);
  });

  it('a draft is edited and submitted by its requestor; a rejected one is edited and resubmitted', () => {
    const draft = aRequest({ status: { code: 'DRAFT', name: 'Draft' }, pending_approvers: [] });
    expect(requestActionsFor(draft, aPerson('alice'), nothing)).toMatchObject({ edit: true, submit: true });
    expect(requestActionsFor(draft, aPerson('bob'), nothing)).toMatchObject({ edit: false, submit: false });
    const rejected = aRequest({ status: { code: 'REJECTED', name: 'Rejected' }, pending_approvers: [] });
    expect(requestActionsFor(rejected, aPerson('alice'), nothing)).toMatchObject({
      edit: true,
      resubmit: true,
      submit: false,
      withdraw: false,
    });
  });
});

describe('the form rendered from the template', () => {
  it("picks the team's own current form over the shared one, and the newest", () => {
    const shared = aFormTemplate({ id: 'shared' });
    const own = aFormTemplate({ id: 'own', team: { id: 't1', name: 'Marketing' } });
    const old = aFormTemplate({ id: 'old', team: { id: 't1', name: 'Marketing' }, is_current: false });
    expect(currentFormFor([shared, own, old], 't1')?.id).toBe('own');
    expect(currentFormFor([shared, own], 't2')?.id).toBe('shared');
    expect(currentFormFor([], 't1')).toBeUndefined();
  });

  it('orders fields, starts from stored values, and sends blanks as null', () => {
    const fields = sortedFields(aFormTemplate());
    expect(fields.map((field) => field.field_id)).toEqual(['budget_code', 'needed_by', 'region', 'rush']);
    const request = aRequest({
      field_values: [
        {
          field: { id: 'a', field_id: 'budget_code', name: 'Budget code', field_type: 'TEXT', required: true },
          value: 'MKT-1',
        },
        {
          field: { id: 'c', field_id: 'rush', name: 'Rush order', field_type: 'BOOLEAN', required: false },
          value: true,
        },
      ],
    });
    const values = initialValues(fields, request);
    expect(values).toEqual({ budget_code: 'MKT-1', needed_by: '', region: '', rush: true });
    expect(fieldValuesBody(fields, { ...values, budget_code: '  MKT-2 ' })).toEqual({
      budget_code: 'MKT-2',
      needed_by: null,
      region: null,
      rush: true,
    });
  });

  it('names the required fields left blank (a yes/no field is never missing)', () => {
    const fields = sortedFields(aFormTemplate());
    expect(Object.keys(missingRequired(fields, { budget_code: ' ', region: '', rush: false }))).toEqual([
      'budget_code',
      'region',
    ]);
    expect(missingRequired(fields, { budget_code: 'X', region: 'EU' })).toEqual({});
  });
});

describe('the approval chain as a stepper', () => {
  it('marks done, current with who it waits for, and to come, in step order', () => {
    const request = aRequest({
      status: { code: 'IN_REVIEW', name: 'In Review' },
      current_template_step: { id: 's2', step_name: 'Director Approval', step_order: 2, is_finance_review: false },
      pending_approvers: [{ id: 'carol', username: 'carol', reason: 'role' }],
      approval_history: [
        {
          id: 'h1',
          action: 'APPROVE',
          round: 1,
          comment: '',
          timestamp: '2026-11-01T11:00:00Z',
          approver: { id: 'bob', username: 'bob' },
          template_step: { id: 's1', step_name: 'Manager Approval', step_order: 1 },
          via_api_token: null,
        },
      ],
    });
    expect(
      approvalSteps(request, aWorkflow()).map((step) => [step.name, step.state, step.approvedBy, step.waitingFor]),
    ).toEqual([
      ['Manager Approval', 'done', ['bob'], []],
      ['Director Approval', 'current', [], ['carol']],
      ['Finance Review', 'to-come', [], []],
    ]);
  });

  it('skips a step whose minimum the amount does not reach, and ignores approvals of an earlier round', () => {
    const request = aRequest({ amount: '500.00', round: 2 });
    request.approval_history = [
      {
        id: 'h0',
        action: 'APPROVE',
        round: 1,
        comment: '',
        timestamp: '2026-11-01T11:00:00Z',
        approver: { id: 'bob', username: 'bob' },
        template_step: { id: 's1', step_name: 'Manager Approval', step_order: 1 },
        via_api_token: null,
      },
    ];
    expect(approvalSteps(request, aWorkflow()).map((step) => step.state)).toEqual(['current', 'skipped', 'to-come']);
  });
});

describe('files before upload', () => {
  it.each([
    [{ name: 'quote.pdf', size: 1000 }, null],
    [{ name: 'photo.JPG', size: 1000 }, null],
    [{ name: 'notes.txt', size: 1000 }, 'notes.txt: only PDF, JPEG, PNG, DOCX, XLSX or XLS, at most 10 MB each.'],
    [{ name: 'big.pdf', size: 10 * 1024 * 1024 + 1 }, 'big.pdf: larger than 10 MB.'],
    [{ name: 'empty.png', size: 0 }, 'empty.png: the file is empty.'],
  ])('%o → %s', (file, problem) => {
    expect(fileProblem(file)).toBe(problem);
  });
});
