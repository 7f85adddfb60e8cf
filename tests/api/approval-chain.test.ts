import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { waitForEmail } from '../support/mailbox';
import { act, createDraft, detail } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true, env: { COMPLETION_EMAIL_TO: 'ap@example.com' } });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank', 'erin', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

const usernames = (approvers: Array<{ username: string }>) => approvers.map((a) => a.username).sort();

describe('the seed-002 approval chain', () => {
  it('walks an amount ≥ 1000 through managers (AND), director and finance to COMPLETED', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Happy path booth' });
    expect((await detail(h, auth.alice!, id)).status.code).toBe('DRAFT');

    const submitted = await act(h, auth.alice!, id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.status.code).toBe('PENDING_APPROVAL');
    expect(submitted.body.current_template_step.step_name).toBe('Manager Approval');
    expect(usernames(submitted.body.pending_approvers)).toEqual(['bob', 'mallory']);

    const bob = await act(h, auth.bob!, id, 'approve', { comment: 'Fine by me' });
    expect(bob.status).toBe(200);
    expect(bob.body.status.code).toBe('IN_REVIEW');
    expect(bob.body.current_template_step.step_name).toBe('Manager Approval'); // waits for mallory too
    expect(usernames(bob.body.pending_approvers)).toEqual(['mallory']);

    const mallory = await act(h, auth.mallory!, id, 'approve');
    expect(mallory.status).toBe(200);
    expect(mallory.body.current_template_step.step_name).toBe('Director Approval');
    expect(usernames(mallory.body.pending_approvers)).toEqual(['carol']);

    const carol = await act(h, auth.carol!, id, 'approve', { comment: 'Approved' });
    expect(carol.status).toBe(200);
    expect(carol.body.status.code).toBe('FINANCE_REVIEW');
    expect(carol.body.current_template_step).toEqual(
      expect.objectContaining({ step_name: 'Finance Review', is_finance_review: true }),
    );

    const frank = await act(h, auth.frank!, id, 'complete', { comment: 'Payment scheduled' });
    expect(frank.status).toBe(200);
    expect(frank.body.status.code).toBe('COMPLETED');
    expect(frank.body.completed_at).toEqual(expect.any(String));

    const final = await detail(h, auth.alice!, id);
    expect(final.status.code).toBe('COMPLETED');
    expect(
      final.approval_history.map(
        (e: { action: string; approver: { username: string } | null }) => `${e.action}:${e.approver?.username}`,
      ),
    ).toEqual(['SUBMIT:alice', 'APPROVE:bob', 'APPROVE:mallory', 'APPROVE:carol', 'COMPLETE:frank']);
    const mail = await waitForEmail((m) => m.to.includes('ap@example.com') && m.subject.includes('Happy path booth'));
    expect(mail.raw).toContain('Frank');
  });
});

describe('min_amount, rejection and resubmission', () => {
  it('skips the director step for an amount under 1000', async () => {
    const id = await createDraft(h, auth.alice!, { amount: '999.99', subject: 'Small purchase' });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'approve');
    const last = await act(h, auth.mallory!, id, 'approve');
    expect(last.body.status.code).toBe('FINANCE_REVIEW');
    expect(last.body.current_template_step.step_name).toBe('Finance Review');
    const history = (await detail(h, auth.alice!, id)).approval_history;
    expect(
      history.some(
        (e: { template_step: { step_name: string } | null }) => e.template_step?.step_name === 'Director Approval',
      ),
    ).toBe(false);
  });

  it('refuses a short rejection comment, rejects, and restarts the chain in round 2 after an edit', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Rejected then resubmitted' });
    await act(h, auth.alice!, id, 'submit');
    expect((await act(h, auth.bob!, id, 'approve')).status).toBe(200);

    const short = await act(h, auth.mallory!, id, 'reject', { comment: 'too much' });
    expect(short.status).toBe(400);
    expect(short.body.errors.comment).toEqual([expect.stringContaining('10 characters')]);
    expect((await detail(h, auth.alice!, id)).status.code).toBe('IN_REVIEW');

    const rejected = await act(h, auth.mallory!, id, 'reject', { comment: 'Budget exceeds the quarterly limit' });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status.code).toBe('REJECTED');
    expect(rejected.body.rejection_comment).toBe('Budget exceeds the quarterly limit');

    const patched = await api(h)
      .patch(`/api/prs/requests/${id}/`)
      .set('Authorization', auth.alice!)
      .send({ amount: '4200.00', vendor_name: 'Cheaper Expo' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual(
      expect.objectContaining({
        amount: '4200.00',
        vendor_name: 'Cheaper Expo',
        status: { code: 'REJECTED', name: 'Rejected' },
      }),
    );

    const resubmitted = await act(h, auth.alice!, id, 'submit', { comment: 'Cheaper vendor found' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toEqual(
      expect.objectContaining({ status: { code: 'RESUBMITTED', name: 'Resubmitted' }, round: 2 }),
    );
    expect(resubmitted.body.current_template_step.step_name).toBe('Manager Approval');
    expect(usernames(resubmitted.body.pending_approvers)).toEqual(['bob', 'mallory']); // bob's round-1 approval does not count

    const view = await detail(h, auth.alice!, id);
    expect(view.round).toBe(2);
    expect(view.approval_history.map((e: { action: string; round: number }) => `${e.round}:${e.action}`)).toEqual([
      '1:SUBMIT',
      '1:APPROVE',
      '1:REJECT',
      '2:RESUBMIT',
    ]);
    await waitForEmail(
      (m) => m.to.includes('alice@example.com') && m.subject.startsWith('Rejected: Rejected then resubmitted'),
    );
  });
});

describe('refusals change nothing', () => {
  const snapshot = async (id: string) => ({
    request: await h.knex('purchaseRequests').where({ id }).first(),
    history: await h.knex('approvals').where({ requestId: id }).count({ n: '*' }).first(),
  });

  it('answers 403/409/404 without touching the request', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Refusals' });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'approve');
    let before = await snapshot(id);

    const refusals: Array<[string, string, Record<string, unknown>, number]> = [
      ['alice', 'approve', {}, 403], // self-approval
      ['bob', 'approve', {}, 409], // twice
      ['bob', 'complete', {}, 409], // before finance review
      ['erin', 'approve', {}, 404], // another team: not even visible
      ['alice', 'complete', {}, 403], // the requestor never decides: refused before the body and the state
    ];
    for (const [user, action, body, status] of refusals) {
      const res = await act(h, auth[user]!, id, action, body);
      expectProblem(res, status);
      expect(await snapshot(id)).toEqual(before);
    }
    const patch = await api(h)
      .patch(`/api/prs/requests/${id}/`)
      .set('Authorization', auth.alice!)
      .send({ subject: 'Sneaky edit' });
    expectProblem(patch, 409);
    expect((await api(h).get(`/api/prs/requests/${id}/`).set('Authorization', auth.erin!)).status).toBe(404);
    expect(await snapshot(id)).toEqual(before);

    await act(h, auth.mallory!, id, 'approve'); // now at Director Approval
    before = await snapshot(id);
    expectProblem(await act(h, auth.bob!, id, 'approve'), 403); // a step that is not his
    expect(await snapshot(id)).toEqual(before);

    await act(h, auth.carol!, id, 'approve'); // finance review
    before = await snapshot(id);
    expectProblem(await act(h, auth.carol!, id, 'complete'), 403); // not finance
    expect(await snapshot(id)).toEqual(before);
  });

  it('refuses mass assignment of status, requestor, team and id with 400', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Mass assignment' });
    const before = await snapshot(id);
    for (const field of ['status', 'requestor', 'team', 'id']) {
      const res = await api(h)
        .patch(`/api/prs/requests/${id}/`)
        .set('Authorization', auth.alice!)
        .send({ subject: 'x', [field]: 'COMPLETED' });
      expectProblem(res, 400);
      expect(res.body.errors[field]).toEqual(['This field is not allowed.']);
    }
    expect(await snapshot(id)).toEqual(before);
  });
});

describe('concurrency', () => {
  it('advances the step once when both managers approve at the same instant', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Concurrent approvals' });
    await act(h, auth.alice!, id, 'submit');
    const [bob, mallory] = await Promise.all([act(h, auth.bob!, id, 'approve'), act(h, auth.mallory!, id, 'approve')]);
    expect([bob.status, mallory.status]).toEqual([200, 200]);
    const view = await detail(h, auth.alice!, id);
    expect(view.current_template_step.step_name).toBe('Director Approval');
    expect(view.approval_history.filter((e: { action: string }) => e.action === 'APPROVE')).toHaveLength(2);
    const stepEvents = await h.knex('outboxEvents').where({ aggregateId: id, type: 'purchase_request.approved' });
    expect(stepEvents).toHaveLength(1);
    const directorRows = await h.knex('requestStepApprovers').where({ requestId: id, isCurrent: true });
    expect(directorRows.map((row: { userId: string }) => row.userId)).toHaveLength(1);
  });

  it('starts one workflow when the same draft is submitted twice at the same instant', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Double submit' });
    const answers = await Promise.all([act(h, auth.alice!, id, 'submit'), act(h, auth.alice!, id, 'submit')]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(await h.knex('approvals').where({ requestId: id, action: 'SUBMIT' })).toHaveLength(1);
    let found: string[] = [];
    for (let tries = 0; tries < 20 && found.length === 0; tries += 1) {
      found = [];
      for await (const run of h.deps.temporal.client.workflow.list({ query: `WorkflowId = "purchase-request-${id}"` }))
        found.push(run.runId);
      if (found.length === 0) await new Promise((resolve) => setTimeout(resolve, 250)); // visibility lags a little
    }
    expect(found).toHaveLength(1);
  });

  it('lets the same approver through only once when they approve twice at the same instant', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Double click' });
    await act(h, auth.alice!, id, 'submit');
    const answers = await Promise.all([act(h, auth.bob!, id, 'approve'), act(h, auth.bob!, id, 'approve')]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409]);
    expect(await h.knex('approvals').where({ requestId: id, action: 'APPROVE' })).toHaveLength(1);
  });
});

describe('withdrawal', () => {
  it('withdraws a draft and a request in review; a withdrawn request refuses everything', async () => {
    const draft = await createDraft(h, auth.alice!, { subject: 'Withdrawn draft' });
    const res = await act(h, auth.alice!, draft, 'withdraw');
    expect(res.body.status.code).toBe('CANCELLED');

    const id = await createDraft(h, auth.alice!, { subject: 'Withdrawn in review' });
    await act(h, auth.alice!, id, 'submit');
    expectProblem(await act(h, auth.bob!, id, 'withdraw'), 403);
    const withdrawn = await act(h, auth.alice!, id, 'withdraw', { comment: 'No longer needed' });
    expect(withdrawn.body.status.code).toBe('CANCELLED');
    expectProblem(await act(h, auth.bob!, id, 'approve'), 409);
    expectProblem(await act(h, auth.alice!, id, 'submit'), 409);
    expect((await detail(h, auth.alice!, id)).status.code).toBe('CANCELLED');
  });
});
