import { randomBytes } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { Activities } from '../../activities';
import {
  PURCHASE_REQUEST_WORKFLOW,
  purchaseRequestWorkflowId,
  submitUpdate,
  type Approver,
  type PurchaseRequestInput,
  type StepSnapshot,
} from '../../contracts/purchase-requests';
import { readTestRun } from '../setup/test-run';
import { approver } from '../kit/workflow-fixtures';

export { approver } from '../kit/workflow-fixtures';

/**
 * The purchase-request workflow alone, on the run's Temporal server, with fake activities the test
 * controls and records: for races, timers (reminders, escalation) and continue-as-new, without a
 * database. Call `connectWorkflowHarness()` in beforeAll and `close()` in afterAll.
 */
export interface WorkflowHarness {
  client: Client;
  /** Runs `work` while a worker with `activities` serves a task queue of its own. */
  withWorker<T>(activities: Partial<Activities>, work: (taskQueue: string) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function connectWorkflowHarness(): Promise<WorkflowHarness> {
  const run = readTestRun();
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const native = await NativeConnection.connect({ address: run.temporalAddress });
  const client = new Client({ connection: await Connection.connect({ address: run.temporalAddress }) });
  return {
    client,
    async withWorker(activities, work) {
      const taskQueue = `wf-${randomBytes(4).toString('hex')}`;
      const worker = await Worker.create({
        connection: native,
        taskQueue,
        workflowBundle: { codePath: run.workflowBundlePath },
        activities,
      });
      return worker.runUntil(() => work(taskQueue));
    },
    async close() {
      await client.connection.close();
      await native.close();
    },
  };
}

/** What the fake activities were asked to do, in order, and the operation keys they were given. */
export interface Recorded {
  calls: string[];
  keys: string[];
  mails: string[];
}

/**
 * Fake persistence and mail: every call is recorded; `approvers(step)` says who may decide a step and
 * `escalation` who an escalation adds. Transitions answer like the real activity.
 */
export function fakeActivities(
  options: {
    approvers?: (step: StepSnapshot) => Approver[];
    escalation?: Approver[];
    approveMs?: number;
  } = {},
): { recorded: Recorded; activities: Partial<Activities> } {
  const recorded: Recorded = { calls: [], keys: [], mails: [] };
  const approversOf =
    options.approvers ?? ((s: StepSnapshot) => [approver(s.approverRole === 'MANAGER' ? 'bob' : 'frank')]);
  const current = new Map<number, Approver[]>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const activities: Partial<Activities> = {
    async recordTransition(command) {
      if (command.history?.action === 'APPROVE' && options.approveMs) await sleep(options.approveMs);
      recorded.keys.push(command.operationKey);
      recorded.calls.push(`transition:${command.history?.action ?? command.patch?.status ?? command.event?.type}`);
      return { at: new Date().toISOString(), amount: '500.00', applied: true };
    },
    async startStep(command) {
      recorded.keys.push(command.operationKey);
      recorded.calls.push(`step:${command.step.stepName}`);
      const list = approversOf(command.step);
      current.set(command.stepSequence, list);
      return list;
    },
    async escalate(command) {
      recorded.keys.push(command.operationKey);
      recorded.calls.push(`escalate:${command.reason}`);
      const list = [
        ...(current.get(command.stepSequence) ?? []),
        ...(options.escalation ?? [approver('dana', 'escalation')]),
      ];
      current.set(command.stepSequence, list);
      return list;
    },
    async sendRequestEmail(command) {
      recorded.mails.push(command.kind);
      return 'sent' as const;
    },
  };
  return { recorded, activities };
}

/** Starts a request's workflow with its submit (Update-with-Start), as the API does. */
export async function submitNew(
  client: Client,
  taskQueue: string,
  template: PurchaseRequestInput['template'],
  extra: Partial<PurchaseRequestInput> = {},
) {
  const requestId = randomBytes(8).toString('hex');
  const start = new WithStartWorkflowOperation(PURCHASE_REQUEST_WORKFLOW, {
    workflowId: purchaseRequestWorkflowId(requestId),
    taskQueue,
    args: [{ requestId, requestorId: 'alice', template, ...extra }],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
  const submitted = await client.workflow.executeUpdateWithStart(submitUpdate, {
    args: [{ actorId: 'alice' }],
    startWorkflowOperation: start,
  });
  return { submitted, handle: client.workflow.getHandle(purchaseRequestWorkflowId(requestId)) };
}
