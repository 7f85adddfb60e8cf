import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { act, createDraft, teamId } from '../support/requests';
import { as, completeAndSettle, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API6:2023 Unrestricted Access to Sensitive Business Flows', () => {
  const requestState = async (id: string) => ({
    request: await h.knex('purchaseRequests').where({ id }).first(),
    approvals: (await h.knex('approvals').where({ requestId: id })).map((row: unknown) => JSON.stringify(row)).sort(),
    approvers: (await h.knex('requestStepApprovers').where({ requestId: id }))
      .map((row: unknown) => JSON.stringify(row))
      .sort(),
  });

  it('refuses self-approval (403), even by a requestor who holds the approver role', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Self approval' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    const self = await act(h, as('alice'), id, 'approve');
    expectProblem(self, 403);
    expect(self.body.detail).toBe('You cannot approve your own request.');
    expect(await requestState(id)).toEqual(before);

    // erin is initiator and manager of Engineering: her own request must not pass through her.
    const own = await createDraft(h, as('erin'), {
      team: await teamId(h, 'Engineering'),
      subject: 'Own approval',
      field_values: { budget_code: 'ENG-1' },
    });
    const submitted = await act(h, as('erin'), own, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.pending_approvers.map((a: { username: string }) => a.username)).not.toContain('erin');
    before = await requestState(own);
    expectProblem(await act(h, as('erin'), own, 'approve'), 403);
    expectProblem(await act(h, as('erin'), own, 'reject', { comment: 'Rejecting my own request' }), 403);
    expect(await requestState(own)).toEqual(before);
  });

  it('refuses double approval (409), sequential and simultaneous, recording one approval', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Double approval' });
    await act(h, as('alice'), id, 'submit');
    expect((await act(h, as('bob'), id, 'approve')).status).toBe(200);
    const before = await requestState(id);
    const again = await act(h, as('bob'), id, 'approve');
    expectProblem(again, 409);
    expect(await requestState(id)).toEqual(before);

    const raced = await createDraft(h, as('alice'), { subject: 'Simultaneous approval' });
    await act(h, as('alice'), raced, 'submit');
    const answers = await Promise.all([
      act(h, as('bob'), raced, 'approve'),
      act(h, as('bob'), raced, 'approve'),
      act(h, as('bob'), raced, 'approve'),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409]);
    expect(await h.knex('approvals').where({ requestId: raced, action: 'APPROVE' })).toHaveLength(1);
  });

  it('refuses approving, rejecting or completing at the wrong step, state unchanged', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Wrong step', amount: '5000.00' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    expectProblem(await act(h, as('carol'), id, 'approve'), 404); // the director step has not started: not visible yet
    expectProblem(await act(h, as('bob'), id, 'complete'), 409); // no finance review yet
    expect(await requestState(id)).toEqual(before);

    await act(h, as('bob'), id, 'approve');
    expect((await act(h, as('mallory'), id, 'approve')).body.current_template_step.step_name).toBe('Director Approval');
    before = await requestState(id);
    for (const user of ['bob', 'mallory'] as const) {
      expectProblem(await act(h, as(user), id, 'approve'), 403); // managers at the director step
      expectProblem(await act(h, as(user), id, 'reject', { comment: 'Too late to object now' }), 403);
    }
    expectProblem(await act(h, as('alice'), id, 'submit'), 409); // no restart mid-chain
    expect(await requestState(id)).toEqual(before);

    expect((await act(h, as('carol'), id, 'approve')).body.status.code).toBe('FINANCE_REVIEW');
    before = await requestState(id);
    expectProblem(await act(h, as('carol'), id, 'approve'), 409); // nothing left to approve
    expectProblem(await act(h, as('frank'), id, 'approve'), 409); // finance completes, it does not approve
    expect(await requestState(id)).toEqual(before);

    await completeAndSettle(id);
    before = await requestState(id);
    expectProblem(await act(h, as('frank'), id, 'complete'), 409); // completes once
    expectProblem(await act(h, as('alice'), id, 'withdraw'), 409);
    expectProblem(
      await api(h).patch(`/api/prs/requests/${id}/`).set('Authorization', as('alice')).send({ amount: '99999.00' }),
      409,
    );
    expect(await requestState(id)).toEqual(before);
  });

  it('refuses withdrawing someone else’s request and acting on a withdrawn one', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Withdraw flow' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    expectProblem(await act(h, as('bob'), id, 'withdraw'), 403);
    expect(await requestState(id)).toEqual(before);
    expect((await act(h, as('alice'), id, 'withdraw')).body.status.code).toBe('CANCELLED');
    before = await requestState(id);
    expectProblem(await act(h, as('bob'), id, 'approve'), 409);
    expectProblem(await act(h, as('alice'), id, 'submit'), 409);
    expect(await requestState(id)).toEqual(before);
  });
});
