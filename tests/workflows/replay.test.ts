import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import {
  ACCOUNT_NOTIFICATION_WORKFLOW,
  accountNotificationWorkflowId,
  notificationStatusQuery,
} from '../../contracts/account-notifications';
import { purchaseOrderWorkflowId } from '../../contracts/purchase-orders';
import { purchaseRequestWorkflowId } from '../../contracts/purchase-requests';
import { startHarness, type Harness } from '../support/harness';
import { fixturesDir, History, record } from '../support/histories';
import { api, bearer } from '../support/http';
import { createOrder } from '../support/orders';
import { until } from '../kit/until';
import { act, createDraft } from '../support/requests';

let h: Harness;

/** Waits for a workflow to finish, replays its history against today's code, and keeps it as `file`. */
async function replayFinished(workflowId: string, file: string): Promise<void> {
  const handle = h.deps.temporal.client.workflow.getHandle(workflowId);
  await handle.result();
  const history = await handle.fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: h.run.workflowBundlePath } }, history, workflowId);
  record(file, history);
}

beforeAll(async () => {
  h = await startHarness({ worker: true });
});
afterAll(() => h.stop());

describe('workflow determinism', () => {
  it('replays a history recorded in this run against today’s workflow code', async () => {
    const user = await h.knex('users').where({ username: 'carol' }).first();
    const input = { kind: 'password_changed' as const, userId: user.id, occurredAt: new Date().toISOString() };
    const handle = await h.deps.temporal.client.workflow.start(ACCOUNT_NOTIFICATION_WORKFLOW, {
      workflowId: accountNotificationWorkflowId(input),
      taskQueue: h.config.temporal.taskQueue,
      args: [input],
    });
    expect(await handle.result()).toBe('sent');
    expect(await handle.query(notificationStatusQuery)).toBe('sent');
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: h.run.workflowBundlePath } },
      history,
      handle.workflowId,
    );

    record('account-notification.password-changed.json', history);
  });

  it('replays a purchase request that was rejected, resubmitted, approved and completed, and its order', async () => {
    const auth = Object.fromEntries(
      await Promise.all(['alice', 'bob', 'mallory', 'carol', 'frank'].map(async (u) => [u, await bearer(h, u)])),
    );
    const id = await createDraft(h, auth.alice, { subject: 'Replayed request' });
    await act(h, auth.alice, id, 'submit');
    await act(h, auth.bob, id, 'reject', { comment: 'Please add the quote number' });
    await act(h, auth.alice, id, 'submit', { comment: 'Quote number added' });
    for (const user of ['bob', 'mallory', 'carol']) expect((await act(h, auth[user], id, 'approve')).status).toBe(200);
    expect((await act(h, auth.frank, id, 'complete')).body.status.code).toBe('COMPLETED');
    await replayFinished(purchaseRequestWorkflowId(id), 'purchase-request.reject-resubmit-complete.json');

    // The order the completion opened, through its whole life.
    const paula = await bearer(h, 'paula');
    const orderId = (await h.knex('purchaseOrders').where({ purchaseRequestId: id }).first()).id;
    for (const status of ['confirmed', 'processing']) {
      expect(
        (await api(h).patch(`/api/orders/${orderId}/status/`).set('Authorization', paula).send({ status })).status,
      ).toBe(200);
    }
    expect(
      (
        await api(h)
          .post('/api/shipping/')
          .set('Authorization', paula)
          .send({ order_id: orderId, carrier: 'DHL', tracking_number: 'JD0001' })
      ).status,
    ).toBe(201);
    expect(
      (await api(h).patch(`/api/orders/${orderId}/status/`).set('Authorization', paula).send({ status: 'delivered' }))
        .status,
    ).toBe(200);
    await replayFinished(purchaseOrderWorkflowId(orderId), 'purchase-order.lifecycle.json');

    // A manual order, opened by its own workflow (Update-with-Start) and cancelled.
    const manual = await createOrder(h, paula);
    expect(
      (
        await api(h)
          .patch(`/api/orders/${manual.id}/status/`)
          .set('Authorization', paula)
          .send({ status: 'cancelled', note: 'Duplicate' })
      ).status,
    ).toBe(200);
    await replayFinished(purchaseOrderWorkflowId(manual.id), 'purchase-order.manual-cancelled.json');
  });

  // Issue 12's workflow changes: submit checks completeness and routes in the thresholds' currency
  // (submit-checks-completeness-and-currency), the approval that completes a step holds it until the
  // next starts (approval-holds-step-until-next), and open steps re-resolve their approvers on a signal.
  it('replays a request through the issue-12 paths: checked submit, a held step, an approver who left', async () => {
    const auth = Object.fromEntries(
      await Promise.all(['admin', 'alice', 'bob', 'mallory', 'frank'].map(async (u) => [u, await bearer(h, u)])),
    );
    const held = await createDraft(h, auth.alice, { subject: 'Replayed held step', amount: '500.00' });
    expect((await act(h, auth.alice, held, 'submit')).status).toBe(200);
    for (const user of ['bob', 'mallory']) expect((await act(h, auth[user], held, 'approve')).status).toBe(200);
    expect((await act(h, auth.frank, held, 'complete')).body.status.code).toBe('COMPLETED');
    await replayFinished(purchaseRequestWorkflowId(held), 'purchase-request.issue-12-held-step.json');

    const id = await createDraft(h, auth.alice, { subject: 'Replayed refresh', amount: '500.00' });
    expect((await act(h, auth.alice, id, 'submit')).status).toBe(200);
    expect((await act(h, auth.bob, id, 'approve')).status).toBe(200);
    const mallory = (await h.knex('users').where({ username: 'mallory' }).first('id')).id;
    expect(
      (await api(h).patch(`/api/users/${mallory}/`).set('Authorization', auth.admin).send({ is_active: false })).status,
    ).toBe(200);
    await until(async () =>
      (await h.knex('purchaseRequests').where({ id }).first('status')).status === 'FINANCE_REVIEW' ? true : undefined,
    );
    expect((await act(h, auth.frank, id, 'complete')).body.status.code).toBe('COMPLETED');
    await replayFinished(purchaseRequestWorkflowId(id), 'purchase-request.issue-12-approver-refresh.json');
  });

  it('replays every history kept in tests/fixtures/histories (a non-deterministic change fails here)', async () => {
    const files = readdirSync(fixturesDir).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({
      workflowId: file,
      history: History.fromObject(JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8'))),
    }));
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: h.run.workflowBundlePath } }, histories);
    for await (const result of results) {
      expect({ workflowId: result.workflowId, error: result.error?.message }).toEqual({
        workflowId: result.workflowId,
        error: undefined,
      });
    }
  });
});
