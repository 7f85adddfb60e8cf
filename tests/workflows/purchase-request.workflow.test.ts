import { purchaseRequestWorkflowId, stateQuery } from '../../contracts/purchase-requests';
import { currentWorkflowTemplateFor } from '../../db/repositories/templates.repository';
import { requestWorkflows, templateSnapshot } from '../../api/features/purchase-requests/request-workflow';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { receivedEmails, waitForEmail } from '../support/mailbox';
import { act, createDraft, detail, teamId, userId } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true, env: { COMPLETION_EMAIL_TO: 'ledger@example.com' } });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

describe('durability', () => {
  it('finishes the chain after a worker restart, with no e-mail sent twice', async () => {
    const subject = `Survives restarts ${Date.now()}`;
    const id = await createDraft(h, auth.alice!, { subject });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'approve');

    await h.stopWorker();
    const pending = act(h, auth.mallory!, id, 'approve'); // accepted by the server, decided once a worker returns
    await new Promise((resolve) => setTimeout(resolve, 500));
    await h.startWorker();
    const mallory = await pending;
    expect(mallory.status).toBe(200);
    expect(mallory.body.current_template_step.step_name).toBe('Director Approval');

    await h.stopWorker();
    await h.startWorker();
    await act(h, auth.carol!, id, 'approve');
    expect((await act(h, auth.frank!, id, 'complete')).body.status.code).toBe('COMPLETED');
    await waitForEmail((m) => m.to.includes('ledger@example.com') && m.subject.includes(subject));

    const mine = receivedEmails().filter((m) => m.subject.includes(subject));
    const ids = mine.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every message row ends sent (a task lost with the stopped worker is retried after its timeout).
    for (let unsent = 1; unsent > 0; await new Promise((resolve) => setTimeout(resolve, 500))) {
      unsent = (await h.knex('emails').where({ relatedId: id }).whereNot({ status: 'sent' })).length;
    }
    expect((await detail(h, auth.alice!, id)).approval_history).toHaveLength(5);
  }, 120_000);
});

describe('editing a resubmitted request', () => {
  it('restarts the round while nobody has acted, and refuses once someone has', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Amended after resubmit' });
    await act(h, auth.alice!, id, 'submit');
    await act(h, auth.bob!, id, 'reject', { comment: 'Please find a cheaper vendor' });
    await act(h, auth.alice!, id, 'submit');
    const before = await h.knex('requestStepApprovers').where({ requestId: id }).max({ seq: 'stepSequence' }).first();

    const amended = await api(h)
      .patch(`/api/prs/requests/${id}/`)
      .set('Authorization', auth.alice!)
      .send({ amount: '800.00' });
    expect(amended.status).toBe(200);
    expect(amended.body.status.code).toBe('RESUBMITTED');
    const after = await h.knex('requestStepApprovers').where({ requestId: id }).max({ seq: 'stepSequence' }).first();
    expect(after?.seq).toBe((before?.seq as number) + 1); // the round's first step started again

    await act(h, auth.bob!, id, 'approve');
    const refused = await api(h)
      .patch(`/api/prs/requests/${id}/`)
      .set('Authorization', auth.alice!)
      .send({ amount: '700.00' });
    expectProblem(refused, 409);
    expect((await detail(h, auth.alice!, id)).amount).toBe('800.00');

    const last = await act(h, auth.mallory!, id, 'approve');
    expect(last.body.status.code).toBe('FINANCE_REVIEW'); // 800 skips the director step
  });
});

describe('long histories', () => {
  it('continues as new while rejected and carries the round into the next run', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Continues as new' });
    const template = await currentWorkflowTemplateFor(h.knex, await teamId(h, 'Marketing'));
    const workflows = requestWorkflows(h.deps.temporal);
    await workflows.submitFirst(
      { requestId: id, requestorId: await userId(h, 'alice'), template: templateSnapshot(template!), historyLimit: 10 },
      { actorId: await userId(h, 'alice') },
    );
    const handle = h.deps.temporal.client.workflow.getHandle(purchaseRequestWorkflowId(id));
    const firstRun = (await handle.describe()).runId;

    await act(h, auth.bob!, id, 'reject', { comment: 'Not this quarter, sorry' });
    // Once the rejection e-mail is out the workflow continues as new, before anyone resubmits.
    let secondRun = firstRun;
    for (let tries = 0; tries < 80 && secondRun === firstRun; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      secondRun = (await handle.describe()).runId;
    }
    expect(secondRun).not.toBe(firstRun);
    const resubmitted = await act(h, auth.alice!, id, 'submit');
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.round).toBe(2);
    expect((await handle.describe()).runId).toBe(secondRun);
    expect((await handle.query(stateQuery)).round).toBe(2);

    await act(h, auth.bob!, id, 'approve');
    const mallory = await act(h, auth.mallory!, id, 'approve');
    expect(mallory.body.current_template_step.step_name).toBe('Director Approval');
  });
});
