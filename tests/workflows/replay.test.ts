import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { ACCOUNT_NOTIFICATION_WORKFLOW, accountNotificationWorkflowId, notificationStatusQuery } from '../../contracts/account-notifications';
import { purchaseOrderWorkflowId } from '../../contracts/purchase-orders';
import { purchaseRequestWorkflowId } from '../../contracts/purchase-requests';
import { startHarness, type Harness } from '../support/harness';
import { fixturesDir, History, record } from '../support/histories';
import { api, bearer } from '../support/http';
import { createOrder } from '../support/orders';
import { act, createDraft } from '../support/requests';


let h: Harness;
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
    await Worker.runReplayHistory({ workflowBundle: { codePath: h.run.workflowBundlePath } }, history, handle.workflowId);

    record('account-notification.password-changed.json', history);
  });

  it('replays a purchase request that was rejected, resubmitted, approved and completed, and its order', async () => {
    const auth = Object.fromEntries(await Promise.all(['alice', 'bob', 'mallory', 'carol', 'frank'].map(async (u) => [u, await bearer(h, u)])));
    const id = await createDraft(h, auth.alice, { subject: 'Replayed request' });
    await act(h, auth.alice, id, 'submit');
    await act(h, auth.bob, id, 'reject', { comment: 'Please add the quote number' });
    await act(h, auth.alice, id, 'submit', { comment: 'Quote number added' });
    for (const user of ['bob', 'mallory', 'carol']) expect((await act(h, auth[user], id, 'approve')).status).toBe(200);
    expect((await act(h, auth.frank, id, 'complete')).body.status.code).toBe('COMPLETED');
    const handle = h.deps.temporal.client.workflow.getHandle(purchaseRequestWorkflowId(id));
    await handle.result();
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: h.run.workflowBundlePath } }, history, handle.workflowId);
    record('purchase-request.reject-resubmit-complete.json', history);

    // The order the completion opened, through its whole life.
    const paula = await bearer(h, 'paula');
    const orderId = (await h.knex('purchaseOrders').where({ purchaseRequestId: id }).first()).id;
    for (const status of ['confirmed', 'processing']) {
      expect((await api(h).patch(`/api/orders/${orderId}/status/`).set('Authorization', paula).send({ status })).status).toBe(200);
    }
    expect((await api(h).post('/api/shipping/').set('Authorization', paula).send({ order_id: orderId, carrier: 'DHL', tracking_number: 'JD0001' })).status).toBe(201);
    expect((await api(h).patch(`/api/orders/${orderId}/status/`).set('Authorization', paula).send({ status: 'delivered' })).status).toBe(200);
    const order = h.deps.temporal.client.workflow.getHandle(purchaseOrderWorkflowId(orderId));
    await order.result();
    const orderHistory = await order.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: h.run.workflowBundlePath } }, orderHistory, order.workflowId);
    record('purchase-order.lifecycle.json', orderHistory);

    // A manual order, opened by its own workflow (Update-with-Start) and cancelled.
    const manual = await createOrder(h, paula);
    expect((await api(h).patch(`/api/orders/${manual.id}/status/`).set('Authorization', paula).send({ status: 'cancelled', note: 'Duplicate' })).status).toBe(200);
    const manualHandle = h.deps.temporal.client.workflow.getHandle(purchaseOrderWorkflowId(manual.id));
    await manualHandle.result();
    const manualHistory = await manualHandle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: h.run.workflowBundlePath } }, manualHistory, manualHandle.workflowId);
    record('purchase-order.manual-cancelled.json', manualHistory);
  });

  it('replays every history kept in tests/fixtures/histories (a non-deterministic change fails here)', async () => {
    const files = readdirSync(fixturesDir).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    const histories = files.map((file) => ({ workflowId: file, history: History.fromObject(JSON.parse(readFileSync(path.join(fixturesDir, file), 'utf8'))) }));
    const results = Worker.runReplayHistories({ workflowBundle: { codePath: h.run.workflowBundlePath } }, histories);
    for await (const result of results) {
      expect({ workflowId: result.workflowId, error: result.error?.message }).toEqual({ workflowId: result.workflowId, error: undefined });
    }
  });
});
