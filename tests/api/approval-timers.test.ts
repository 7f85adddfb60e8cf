import { startHarness, type Harness } from '../support/harness';
import { api, bearer } from '../support/http';
import { receivedEmails, waitForEmail } from '../support/mailbox';
import { act, createDraft, detail, teamId, useShortTimers } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank', 'erin', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const historyRow = (id: string, action: string) => async () =>
  (await h.knex('approvals').where({ requestId: id, action }).first()) as { comment: string } | undefined;

describe('reminders and escalation on durable timers', () => {
  it('reminds the pending approvers, then escalates to admins and directors, who may decide alone', async () => {
    await useShortTimers(h, 1, 3);
    const subject = `Slow managers ${Date.now()}`;
    const id = await createDraft(h, auth.alice!, { subject });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'approve');

    await waitFor(historyRow(id, 'REMIND'));
    const reminder = await waitForEmail((m) => m.subject === `Reminder: ${subject} is waiting for your approval`);
    expect(reminder.to).toEqual(['mallory@example.com']); // bob already approved

    await waitFor(historyRow(id, 'ESCALATE'));
    const escalation = await waitForEmail((m) => m.subject === `Escalated: ${subject} needs a decision`);
    expect(escalation.to.sort()).toEqual(['admin@example.com', 'carol@example.com']);
    const view = await detail(h, auth.alice!, id);
    expect(view.escalated).toBe(true);
    expect(view.pending_approvers).toEqual(
      expect.arrayContaining([expect.objectContaining({ username: 'admin', reason: 'escalation' })]),
    );
    expect(await h.knex('outboxEvents').where({ aggregateId: id, type: 'purchase_request.escalated' })).toHaveLength(1);

    const decided = await act(h, auth.admin!, id, 'approve', { comment: 'Approving on escalation' });
    expect(decided.status).toBe(200);
    expect(decided.body.current_template_step.step_name).toBe('Director Approval');
    expect(receivedEmails().filter((m) => m.subject.startsWith('Reminder: ' + subject))).toHaveLength(1);
  });

  it('escalates at once when a step has no eligible approver (erin in Engineering)', async () => {
    await useShortTimers(h, null, null);
    const subject = `Nobody to approve ${Date.now()}`;
    const id = await createDraft(h, auth.erin!, { team: await teamId(h, 'Engineering'), subject, amount: '500.00' });
    const submitted = await act(h, auth.erin!, id, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.pending_approvers).toEqual([
      expect.objectContaining({ username: 'admin', reason: 'escalation' }),
    ]);
    const row = await waitFor(historyRow(id, 'ESCALATE'));
    expect(row.comment).toContain('Nobody can approve');
    await waitForEmail(
      (m) => m.subject === `Escalated: ${subject} needs a decision` && m.to.includes('admin@example.com'),
    );

    expectProblemStatus(await act(h, auth.erin!, id, 'approve'), 403); // the requestor never approves, even as a manager
    const approved = await act(h, auth.admin!, id, 'approve');
    expect(approved.body.status.code).toBe('FINANCE_REVIEW');
    expect((await act(h, auth.frank!, id, 'complete')).body.status.code).toBe('COMPLETED');
  });
});

function expectProblemStatus(res: { status: number }, status: number) {
  expect(res.status).toBe(status);
}

describe('timeline', () => {
  it('lists history, e-mails and events in order, with the workflow deadlines', async () => {
    await useShortTimers(h, 3600, 7200);
    const id = await createDraft(h, auth.alice!, { subject: `Timeline ${Date.now()}` });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'approve');
    await waitFor(async () =>
      (await h.knex('emails').where({ relatedId: id, status: 'sent' })).length >= 2 ? true : undefined,
    );
    const res = await api(h).get(`/api/prs/requests/${id}/timeline/`).set('Authorization', auth.alice!);
    expect(res.status).toBe(200);
    const kinds = new Set(res.body.entries.map((e: { kind: string }) => e.kind));
    expect([...kinds].sort()).toEqual(['email', 'event', 'history']);
    const times = res.body.entries.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(res.body.workflow).toEqual(
      expect.objectContaining({ status: 'IN_REVIEW', remind_at: expect.any(String), escalate_at: expect.any(String) }),
    );
    expect((await api(h).get(`/api/prs/requests/${id}/timeline/`).set('Authorization', auth.erin!)).status).toBe(404);
  });
});
