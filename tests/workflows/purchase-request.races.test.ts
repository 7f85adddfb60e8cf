import { WorkflowNotFoundError, type WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { approveUpdate, withdrawUpdate } from '../../contracts/purchase-requests';
import { twoStepTemplate } from '../kit/workflow-fixtures';
import { connectWorkflowHarness, fakeActivities, submitNew, type WorkflowHarness } from '../support/workflow-harness';

// The workflow alone, on the run's Temporal server, with fake activities whose timing the test controls.
let wf: WorkflowHarness;
beforeAll(async () => {
  wf = await connectWorkflowHarness();
});
afterAll(() => wf.close());

const template = twoStepTemplate();

describe('decisions racing the step transition', () => {
  // Persistence runs as local activities: the workflow sees a decision that arrives during a save only once
  // the save and what it completes are done, so the withdrawal is judged against the state it produced.
  it('a withdrawal that arrives while the last approval is being saved is judged after it: refused, nothing cancelled', async () => {
    const { recorded, activities } = fakeActivities({ approveMs: 1500 });
    const calls = recorded.calls;
    await wf.withWorker(activities, async (taskQueue) => {
      const { submitted, handle } = await submitNew(wf.client, taskQueue, template);
      expect(submitted.pendingApprovers.map((a) => a.id)).toEqual(['bob']);

      const approving = handle.executeUpdate(approveUpdate, { args: [{ actorId: 'bob' }] });
      await new Promise((resolve) => setTimeout(resolve, 400)); // bob's approval is being saved
      const withdrawal = await handle.executeUpdate(withdrawUpdate, { args: [{ actorId: 'alice' }] }).then(
        () => 'accepted',
        (error: WorkflowUpdateFailedError) => `${(error.cause as ApplicationFailure).type}: ${error.cause?.message}`,
      );
      expect(withdrawal).toBe(
        'ConflictError: A request in status Finance Review (FINANCE_REVIEW) cannot be withdrawn.',
      );
      expect((await approving).status).toBe('FINANCE_REVIEW');
      await handle.terminate('test over');
      expect(calls).toEqual([
        'transition:SUBMIT',
        'step:Manager Approval',
        'transition:APPROVE',
        'transition:purchase_request.approved',
        'transition:FULLY_APPROVED',
        'step:Finance Review',
      ]);
    });
  });

  // Issue 12 item 9: between the save of the approval that completes a step and the start of the next
  // step the workflow used to accept a withdrawal (2 of 6 runs both answered 200). Fired together, many
  // times: exactly one of them is accepted.
  it('an approval completing a step and a withdrawal fired together: never both accepted', async () => {
    const { activities } = fakeActivities();
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: WorkflowUpdateFailedError) => (error.cause as ApplicationFailure).type ?? 'failed',
      );
    await wf.withWorker(activities, async (taskQueue) => {
      const runs = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const { handle } = await submitNew(wf.client, taskQueue, template);
          const [approve, withdraw] = await Promise.all([
            outcome(handle.executeUpdate(approveUpdate, { args: [{ actorId: 'bob' }] })),
            outcome(handle.executeUpdate(withdrawUpdate, { args: [{ actorId: 'alice' }] })),
          ]);
          // A withdrawal that won ends the workflow by itself: nothing is left to terminate.
          await handle.terminate('test over').catch((error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
          });
          return `${approve}/${withdraw}`;
        }),
      );
      expect(runs.filter((run) => run === 'accepted/accepted')).toEqual([]);
      expect(runs.every((run) => run === 'accepted/ConflictError' || run === 'ConflictError/accepted')).toBe(true);
    });
  });
});
