import { applyTransition } from '../../db/repositories/request-transitions.repository';
import { enterStep, escalateStep } from '../../db/repositories/step-approvers.repository';
import { startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/http';
import { step as stepOf } from '../kit/workflow-fixtures';
import { createDraft, userId } from '../support/requests';

// The persistence the activities run, called twice with one operation key, as Temporal does on a retry.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const step = stepOf(1, { id: '', stepName: 'Manager Approval' });

describe('persistence activities under retry', () => {
  it('apply each operation once: one request update, one history row, one outbox event', async () => {
    const id = await createDraft(h, await bearer(h, 'alice'));
    const alice = await userId(h, 'alice');
    const command = {
      requestId: id,
      operationKey: `test/${id}/1-submit`,
      expectStatus: ['DRAFT' as const],
      history: { round: 1, stepId: null, actorId: alice, action: 'SUBMIT' as const },
      patch: { status: 'PENDING_APPROVAL' as const, round: 1, submittedAt: true as const },
      event: { type: 'purchase_request.submitted' },
    };
    const first = await applyTransition(h.knex, command);
    const retry = await applyTransition(h.knex, command);
    expect(first.applied).toBe(true);
    expect(retry).toEqual({ at: first.at, amount: '5000.00', applied: false }); // even though the status moved on
    expect(await h.knex('approvals').where({ requestId: id })).toHaveLength(1);
    expect(await h.knex('outboxEvents').where({ aggregateId: id })).toHaveLength(1);
    expect((await h.knex('purchaseRequests').where({ id }).first()).round).toBe(1);

    const stepId = (await h.knex('workflowTemplateSteps').where({ stepName: 'Manager Approval' }).first()).id;
    const enter = {
      requestId: id,
      requestorId: alice,
      round: 1,
      stepSequence: 1,
      step: { ...step, id: stepId },
      status: 'PENDING_APPROVAL' as const,
      operationKey: `test/${id}/2-step`,
    };
    const approvers = await enterStep(h.knex, enter);
    expect(approvers.map((a) => a.username)).toEqual(['bob', 'mallory']);
    // A retry after someone was added to the role still answers the approvers resolved the first time.
    await h.knex('accessScopes').insert({
      userId: await userId(h, 'carol'),
      teamId: (await h.knex('teams').where({ name: 'Marketing' }).first()).id,
      roleCode: 'MANAGER',
    });
    expect(await enterStep(h.knex, enter)).toEqual(approvers);

    const escalate = {
      requestId: id,
      requestorId: alice,
      round: 1,
      stepSequence: 1,
      stepId,
      reason: 'overdue' as const,
      operationKey: `test/${id}/3-escalate`,
    };
    const escalated = await escalateStep(h.knex, escalate);
    expect(await escalateStep(h.knex, escalate)).toEqual(escalated);
    expect(await h.knex('approvals').where({ requestId: id, action: 'ESCALATE' })).toHaveLength(1);
    expect(await h.knex('outboxEvents').where({ aggregateId: id, type: 'purchase_request.escalated' })).toHaveLength(1);
  });

  it('refuses an operation whose expected state has passed, and a second decision by the same person', async () => {
    const id = await createDraft(h, await bearer(h, 'alice'));
    await h.knex('purchaseRequests').where({ id }).update({ status: 'CANCELLED' });
    await expect(
      applyTransition(h.knex, {
        requestId: id,
        operationKey: `test/${id}/late`,
        expectStatus: ['DRAFT'],
        patch: { status: 'PENDING_APPROVAL' },
      }),
    ).rejects.toThrow(/CANCELLED/);
    expect((await h.knex('purchaseRequests').where({ id }).first()).status).toBe('CANCELLED');

    const bob = await userId(h, 'bob');
    const stepId = (await h.knex('workflowTemplateSteps').where({ stepName: 'Manager Approval' }).first()).id;
    const decision = (key: string) => ({
      requestId: id,
      operationKey: key,
      history: { round: 1, stepId, actorId: bob, action: 'APPROVE' as const },
    });
    await applyTransition(h.knex, decision(`test/${id}/a`));
    await expect(applyTransition(h.knex, decision(`test/${id}/b`))).rejects.toThrow(/approvals_one_decision/);
  });
});
