import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { ACCOUNT_NOTIFICATION_WORKFLOW, accountNotificationWorkflowId, notificationStatusQuery } from '../../contracts/account-notifications';
import { startHarness, type Harness } from '../support/harness';

// Stored with protobufjs' own object form; the SDK's JSON helpers trip over two protobufjs versions.
const History = temporal.api.history.v1.History;
const fixturesDir = path.join(__dirname, '..', 'fixtures', 'histories');

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

    if (process.env.RECORD_HISTORIES === 'true') {
      mkdirSync(fixturesDir, { recursive: true });
      writeFileSync(path.join(fixturesDir, 'account-notification.password-changed.json'), JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String }), null, 1));
    }
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
