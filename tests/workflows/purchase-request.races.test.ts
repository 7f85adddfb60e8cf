import { randomBytes } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import {
  PURCHASE_REQUEST_WORKFLOW,
  approveUpdate,
  purchaseRequestWorkflowId,
  submitUpdate,
  withdrawUpdate,
  type PurchaseRequestInput,
} from '../../contracts/purchase-requests';
import type { Activities } from '../../activities';
import { readTestRun } from '../setup/test-run';

// The workflow alone, on the run's Temporal server, with fake activities whose timing the test controls.
const run = readTestRun();
let native: NativeConnection;
let client: Client;
beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  native = await NativeConnection.connect({ address: run.temporalAddress });
  client = new Client({ connection: await Connection.connect({ address: run.temporalAddress }) });
});
afterAll(async () => {
  await client.connection.close();
  await native.close();
});

const template: PurchaseRequestInput['template'] = {
  id: 'tpl',
  name: 'Two steps',
  versionNumber: 1,
  steps: [
    {
      id: 's1',
      stepOrder: 1,
      stepName: 'Manager Approval',
      approverRole: 'MANAGER',
      isFinanceReview: false,
      minAmount: null,
      remindAfterHours: null,
      escalateAfterHours: null,
    },
    {
      id: 's2',
      stepOrder: 2,
      stepName: 'Finance Review',
      approverRole: 'FINANCE_REVIEWER',
      isFinanceReview: true,
      minAmount: null,
      remindAfterHours: null,
      escalateAfterHours: null,
    },
  ],
};

/** Records every persistence call; the APPROVE write takes `approveMs`. */
function fakeActivities(approveMs: number) {
  const calls: string[] = [];
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const activities: Partial<Activities> = {
    async recordTransition(command) {
      if (command.history?.action === 'APPROVE') await sleep(approveMs);
      calls.push(`transition:${command.history?.action ?? command.patch?.status ?? command.event?.type}`);
      return { at: new Date().toISOString(), amount: '500.00', applied: true };
    },
    async startStep(command) {
      calls.push(`step:${command.step.stepName}`);
      return command.step.approverRole === 'MANAGER'
        ? [{ id: 'bob', username: 'bob', reason: 'role' as const }]
        : [{ id: 'frank', username: 'frank', reason: 'role' as const }];
    },
    async sendRequestEmail() {
      return 'sent' as const;
    },
  };
  return { calls, activities };
}

/** Starts a request's workflow with its submit (Update-with-Start), as the API does. */
async function submitNew(taskQueue: string) {
  const requestId = randomBytes(8).toString('hex');
  const start = new WithStartWorkflowOperation(PURCHASE_REQUEST_WORKFLOW, {
    workflowId: purchaseRequestWorkflowId(requestId),
    taskQueue,
    args: [{ requestId, requestorId: 'alice', template }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const submitted = await client.workflow.executeUpdateWithStart(submitUpdate, {
    args: [{ actorId: 'alice' }],
    startWorkflowOperation: start,
  });
  return { submitted, handle: client.workflow.getHandle(purchaseRequestWorkflowId(requestId)) };
}

describe('decisions racing the step transition', () => {
  // Persistence runs as local activities: the workflow sees a decision that arrives during a save only once
  // the save and what it completes are done, so the withdrawal is judged against the state it produced.
  it('a withdrawal that arrives while the last approval is being saved is judged after it: refused, nothing cancelled', async () => {
    const taskQueue = `race-${randomBytes(4).toString('hex')}`;
    const { calls, activities } = fakeActivities(1500);
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: run.workflowBundlePath },
      activities,
    });
    await worker.runUntil(async () => {
      const { submitted, handle } = await submitNew(taskQueue);
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
    const taskQueue = `race-${randomBytes(4).toString('hex')}`;
    const { activities } = fakeActivities(0);
    const worker = await Worker.create({
      connection: native,
      taskQueue,
      workflowBundle: { codePath: run.workflowBundlePath },
      activities,
    });
    const outcome = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: WorkflowUpdateFailedError) => (error.cause as ApplicationFailure).type ?? 'failed',
      );
    await worker.runUntil(async () => {
      const runs = await Promise.all(
        Array.from({ length: 12 }, async () => {
          const { handle } = await submitNew(taskQueue);
          const [approve, withdraw] = await Promise.all([
            outcome(handle.executeUpdate(approveUpdate, { args: [{ actorId: 'bob' }] })),
            outcome(handle.executeUpdate(withdrawUpdate, { args: [{ actorId: 'alice' }] })),
          ]);
          await handle.terminate('test over');
          return `${approve}/${withdraw}`;
        }),
      );
      expect(runs.filter((run) => run === 'accepted/accepted')).toEqual([]);
      expect(runs.every((run) => run === 'accepted/ConflictError' || run === 'ConflictError/accepted')).toBe(true);
    });
  });
});
