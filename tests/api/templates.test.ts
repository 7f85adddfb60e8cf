import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, detail, teamId } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'erin', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

describe('form and workflow templates', () => {
  it('serves the demo templates of runtime.md to everyone', async () => {
    const forms = await api(h).get('/api/prs/form-templates/').set('Authorization', auth.bob!);
    expect(forms.status).toBe(200);
    const standard = forms.body.results.find((t: { name: string }) => t.name === 'Standard Purchase Form');
    expect(
      standard.fields.map((f: { field_id: string; field_type: string; required: boolean }) => [
        f.field_id,
        f.field_type,
        f.required,
      ]),
    ).toEqual([
      ['budget_code', 'TEXT', true],
      ['needed_by', 'DATE', false],
      ['justification', 'TEXT', false],
    ]);
    const flows = await api(h).get('/api/prs/workflows/').set('Authorization', auth.bob!);
    const approval = flows.body.results.find((t: { name: string }) => t.name === 'Standard Approval');
    expect(
      approval.steps.map(
        (s: { step_name: string; approver_role: string; min_amount: string | null; is_finance_review: boolean }) => [
          s.step_name,
          s.approver_role,
          s.min_amount,
          s.is_finance_review,
        ],
      ),
    ).toEqual([
      ['Manager Approval', 'MANAGER', null, false],
      ['Director Approval', 'DIRECTOR', '1000.00', false],
      ['Finance Review', 'FINANCE_REVIEWER', null, true],
    ]);
    expect(approval.steps[0]).toEqual(
      expect.objectContaining({
        remind_after_hours: 24,
        escalate_after_hours: 72,
        approvers: [{ role: { code: 'MANAGER', name: 'Manager' } }],
      }),
    );
    expect((await api(h).get(`/api/prs/workflows/${approval.id}/`).set('Authorization', auth.alice!)).body.id).toBe(
      approval.id,
    );
  });

  it('lets only admins create templates and publish versions; a request keeps the version it pinned', async () => {
    // For Engineering only, so Marketing's default form stays the standard one for the other tests.
    const body = {
      name: 'Hardware Form',
      team: await teamId(h, 'Engineering'),
      fields: [
        { field_id: 'asset_tag', name: 'Asset tag', field_type: 'TEXT', required: true },
        { field_id: 'urgency', name: 'Urgency', field_type: 'SELECT', required: true, options: ['low', 'high'] },
        { field_id: 'qty', name: 'Quantity', field_type: 'NUMBER' },
        { field_id: 'leased', name: 'Leased', field_type: 'BOOLEAN' },
      ],
      required_attachment_categories: ['Quote'],
    };
    expectProblem(await api(h).post('/api/prs/form-templates/').set('Authorization', auth.alice!).send(body), 403);
    const created = await api(h).post('/api/prs/form-templates/').set('Authorization', auth.admin!).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual(
      expect.objectContaining({ version_number: 1, is_current: true, required_attachment_categories: ['Quote'] }),
    );

    const id = await createDraft(h, auth.erin!, {
      team: await teamId(h, 'Engineering'),
      form_template: created.body.id,
      field_values: { asset_tag: 'A-1', urgency: 'high', qty: 3, leased: false },
    });
    const v2 = await api(h)
      .put(`/api/prs/form-templates/${created.body.id}/`)
      .set('Authorization', auth.admin!)
      .send({ ...body, fields: body.fields.slice(0, 1) });
    expect(v2.status).toBe(201);
    expect(v2.body).toEqual(
      expect.objectContaining({ version_number: 2, family_id: created.body.id, is_current: true }),
    );
    expect(
      (await api(h).get(`/api/prs/form-templates/${created.body.id}/`).set('Authorization', auth.admin!)).body
        .is_current,
    ).toBe(false);

    const view = await detail(h, auth.erin!, id);
    expect(view.form_template).toEqual({ id: created.body.id, name: 'Hardware Form', version_number: 1 });
    expect(
      view.field_values.map((f: { field: { field_id: string }; value: unknown }) => [f.field.field_id, f.value]),
    ).toEqual([
      ['asset_tag', 'A-1'],
      ['urgency', 'high'],
      ['qty', '3'],
      ['leased', false],
    ]);

    // The pinned form requires a Quote attachment: submit names it.
    const submit = await act(h, auth.erin!, id, 'submit');
    expectProblem(submit, 400);
    expect(submit.body.errors.attachments).toEqual(['An attachment of category "Quote" is required.']);
  });

  it('checks template bodies: unknown roles, finance step last and unique, SELECT options', async () => {
    const bad = await api(h)
      .post('/api/prs/workflows/')
      .set('Authorization', auth.admin!)
      .send({
        name: 'Broken',
        steps: [
          { step_order: 1, step_name: 'Finance', approver_role: 'FINANCE_REVIEWER', is_finance_review: true },
          { step_order: 2, step_name: 'Boss', approver_role: 'NO_SUCH_ROLE' },
        ],
      });
    expectProblem(bad, 400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['steps', 'steps.1.approver_role']);
    const select = await api(h)
      .post('/api/prs/form-templates/')
      .set('Authorization', auth.admin!)
      .send({ name: 'Bad select', fields: [{ field_id: 'colour', name: 'Colour', field_type: 'SELECT' }] });
    expectProblem(select, 400);
    expect(select.body.errors['fields.0.options']).toBeDefined();
  });
});

describe('field values against the pinned form', () => {
  it('refuses wrong types, unknown fields and SELECT values outside the options', async () => {
    const team = await teamId(h, 'Marketing');
    const base = { team, purchase_type: 'GOODS', vendor_name: 'V', subject: 'S', amount: '10.00' };
    const res = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', auth.alice!)
      .send({ ...base, field_values: { budget_code: 42, needed_by: '2026-02-30', nope: 'x' } });
    expectProblem(res, 400);
    expect(Object.keys(res.body.errors).sort()).toEqual([
      'field_values.budget_code',
      'field_values.needed_by',
      'field_values.nope',
    ]);
    expect(await h.knex('purchaseRequests').where({ subject: 'S' })).toHaveLength(0);

    const draft = await createDraft(h, auth.alice!, { field_values: { justification: 'no budget code yet' } });
    const submit = await act(h, auth.alice!, draft, 'submit');
    expectProblem(submit, 400);
    expect(submit.body.errors).toEqual({ 'field_values.budget_code': ['This field is required.'] });
    expect((await detail(h, auth.alice!, draft)).status.code).toBe('DRAFT');
  });

  it('refuses a request for a team where the caller is no initiator, and bad amounts', async () => {
    expectProblem(
      await api(h)
        .post('/api/prs/requests/')
        .set('Authorization', auth.bob!)
        .send({
          team: await teamId(h, 'Marketing'),
          purchase_type: 'GOODS',
          vendor_name: 'V',
          subject: 'S',
          amount: '1.00',
        }),
      403,
    );
    for (const amount of ['0', '-5', '1.234', 'abc', 1e20]) {
      const res = await api(h)
        .post('/api/prs/requests/')
        .set('Authorization', auth.alice!)
        .send({ team: await teamId(h, 'Marketing'), purchase_type: 'GOODS', vendor_name: 'V', subject: 'S', amount });
      expectProblem(res, 400);
      expect(res.body.errors.amount).toBeDefined();
    }
  });
});
