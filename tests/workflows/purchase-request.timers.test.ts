import { approveUpdate, rejectUpdate, stateQuery, submitUpdate } from '../../contracts/purchase-requests';
import { until } from '../kit/until';
import { twoStepTemplate } from '../kit/workflow-fixtures';
import {
  approver,
  connectWorkflowHarness,
  fakeActivities,
  submitNew,
  type WorkflowHarness,
} from '../support/workflow-harness';

// The workflow alone with fake activities (tests/support/workflow-harness.ts): its timers, its
// escalation and its continue-as-new, with seconds-long deadlines and no database.
let wf: WorkflowHarness;
beforeAll(async () => {
  wf = await connectWorkflowHarness();
});
afterAll(() => wf.close());

const seconds = (n: number) => n / 3600;
const template = twoStepTemplate;

describe('the purchase-request workflow’s timers, escalation and continue-as-new (fake activities)', () => {
  it('reminds the pending approvers, then escalates an overdue step; one escalation approver decides it alone', async () => {
    const { recorded, activities } = fakeActivities();
    await wf.withWorker(activities, async (taskQueue) => {
      const t = template({ remindAfterHours: seconds(1), escalateAfterHours: seconds(2) });
      const { submitted, handle } = await submitNew(wf.client, taskQueue, t);
      expect(submitted.remindAt).not.toBeNull();
      await until(() => recorded.calls.includes('escalate:overdue'), { what: 'the overdue escalation' });
      expect(recorded.calls).toEqual([
        'transition:SUBMIT',
        'step:Manager Approval',
        'transition:REMIND',
        'escalate:overdue',
      ]);
      await until(() => recorded.mails.includes('escalated'), { what: 'the escalation e-mail' });
      expect(recorded.mails).toEqual(['approval_requested', 'reminder', 'escalated']);
      const state = await handle.query(stateQuery);
      expect({ escalated: state.escalated, pending: state.pendingApprovers.map((a) => a.id) }).toEqual({
        escalated: true,
        pending: ['bob', 'dana'],
      });
      const decided = await handle.executeUpdate(approveUpdate, { args: [{ actorId: 'dana' }] });
      expect(decided.status).toBe('FINANCE_REVIEW');
      await handle.terminate('test over');
    });
  });

  it('escalates at once a step nobody may decide, and never reminds or escalates it twice', async () => {
    const { recorded, activities } = fakeActivities({
      approvers: (s) => (s.isFinanceReview ? [approver('frank')] : []),
    });
    await wf.withWorker(activities, async (taskQueue) => {
      const { submitted, handle } = await submitNew(wf.client, taskQueue, template({ escalateAfterHours: seconds(1) }));
      expect({ escalated: submitted.escalated, pending: submitted.pendingApprovers.map((a) => a.id) }).toEqual({
        escalated: true,
        pending: ['dana'],
      });
      expect(submitted.escalateAt).toBeNull(); // the escalation already happened: no timer left for it
      expect(recorded.calls).toEqual(['transition:SUBMIT', 'step:Manager Approval', 'escalate:no_eligible_approver']);
      await handle.terminate('test over');
    });
  });

  it('continues as new after a rejected round and goes on with the next round, its operation keys never repeating', async () => {
    const { recorded, activities } = fakeActivities();
    await wf.withWorker(activities, async (taskQueue) => {
      const { handle } = await submitNew(wf.client, taskQueue, template(), { historyLimit: 1 });
      const firstRun = (await handle.describe()).runId;
      const rejected = await handle.executeUpdate(rejectUpdate, {
        args: [{ actorId: 'bob', comment: 'Not in this quarter, sorry' }],
      });
      expect(rejected.status).toBe('REJECTED');
      await until(async () => (await handle.describe()).runId !== firstRun, { what: 'the next run' });
      expect((await handle.query(stateQuery)).status).toBe('REJECTED'); // carried over
      const resubmitted = await handle.executeUpdate(submitUpdate, { args: [{ actorId: 'alice' }] });
      expect({ status: resubmitted.status, round: resubmitted.round }).toEqual({ status: 'RESUBMITTED', round: 2 });
      const sequence = recorded.keys.map((key) => Number(/\/(\d+)-/.exec(key)?.[1]));
      expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
      expect(new Set(sequence).size).toBe(sequence.length);
      expect(recorded.calls).toEqual([
        'transition:SUBMIT',
        'step:Manager Approval',
        'transition:REJECT',
        'transition:RESUBMIT',
        'step:Manager Approval',
      ]);
      await handle.terminate('test over');
    });
  });
});
