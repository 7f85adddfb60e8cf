import { startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/http';
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
    expect(carol.body.current_template_step).toEqual(expect.objectContaining({ step_name: 'Finance Review', is_finance_review: true }));

    const frank = await act(h, auth.frank!, id, 'complete', { comment: 'Payment scheduled' });
    expect(frank.status).toBe(200);
    expect(frank.body.status.code).toBe('COMPLETED');
    expect(frank.body.completed_at).toEqual(expect.any(String));

    const final = await detail(h, auth.alice!, id);
    expect(final.status.code).toBe('COMPLETED');
    expect(final.approval_history.map((e: { action: string; approver: { username: string } | null }) => `${e.action}:${e.approver?.username}`)).toEqual([
      'SUBMIT:alice', 'APPROVE:bob', 'APPROVE:mallory', 'APPROVE:carol', 'COMPLETE:frank',
    ]);
    const mail = await waitForEmail((m) => m.to.includes('ap@example.com') && m.subject.includes('Happy path booth'));
    expect(mail.raw).toContain('Frank');
  });
});
