import { Client, Connection } from '@temporalio/client';
import { purchaseRequestWorkflowId, stateQuery } from '../../contracts/purchase-requests';
import { verifyAuditChain } from '../../db/repositories/audit.repository';
import { freePort } from '../../scripts/lib/free-port';
import type { Service } from '../../scripts/lib/stack';
import { call, draftBody, loginAll, NoAnswerError, sleep, type Answer } from './support/api-client';
import { driveToEnd, expectedHistory, historyOf, type Plan } from './support/chain';
import { countRows, startFaultStack, type FaultStack } from './support/fault-stack';

/**
 * R6: the API processes are restarted under load. Two API processes share the load (round robin; a
 * call that gets no answer is tried again on the next one); each is restarted twice on its port, once
 * with SIGTERM (drain) and once with SIGKILL (no drain), while virtual users keep walking requests from
 * creation to completion. Afterwards every 2xx answer must match what is persisted, and nothing may be
 * half-written: no request without its field values, no history row without its operation record and
 * audit entry, no workflow disagreeing with its row, an intact audit chain.
 */
const USERS = 6;

let fs: FaultStack;
let temporal: Client;
let tokens: Record<string, string>;
let marketing: string;
const apis: Array<{ port: number; service: Service & { url: string } }> = [];

interface Recorded {
  what: string;
  status: number;
  requestId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  sent?: ReturnType<typeof draftBody>;
}
const recorded: Recorded[] = [];
const plans: Plan[] = [];
let noAnswers = 0;

beforeAll(async () => {
  fs = await startFaultStack({ name: 'r6' });
  await fs.stack.startWorker();
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    apis.push({ port, service: await fs.stack.startApi({ PORT: String(port) }) });
  }
  tokens = await loginAll(apis[0]!.service.url, ['alice', 'bob', 'mallory', 'carol', 'frank']);
  marketing = await fs.teamId('Marketing');
  temporal = new Client({ connection: await Connection.connect({ address: fs.stack.temporal.address }) });

  // The scenario: virtual users walk requests from creation to completion over both API processes,
  // while each process is restarted twice, once draining (SIGTERM) and once killed (SIGKILL).
  let loadOn = true;
  const load = Promise.all(
    Array.from({ length: USERS }, async (_, user) => {
      for (let n = 0; loadOn; n += 1) plans.push(await lifecycle(user, n));
    }),
  );
  const restarts: Array<[number, 'stop' | 'kill']> = [
    [0, 'stop'],
    [1, 'kill'],
    [0, 'kill'],
    [1, 'stop'],
  ];
  for (const [index, how] of restarts) {
    await sleep(1500);
    const api = apis[index]!;
    const before = recorded.length;
    const since = Date.now();
    await (how === 'kill' ? api.service.kill() : api.service.stop(30_000));
    const { exitCode, signalCode } = api.service.child;
    fs.log(
      `api ${index} ${how === 'kill' ? 'SIGKILLed' : 'SIGTERMed'} after ${before} answers; exited (${exitCode ?? signalCode}) after ${Date.now() - since} ms`,
    );
    api.service = await fs.stack.startApi({ PORT: String(api.port) });
    fs.log(`api ${index} restarted after ${Date.now() - since} ms`);
  }
  await sleep(1500);
  loadOn = false;
  await load;
  fs.log(
    `load done: ${recorded.length} answers, ${noAnswers} creates without an answer, ${plans.length} requests completed`,
  );
}, 600_000);

afterAll(async () => {
  await temporal?.connection.close();
  await fs?.stop();
});

let turn = 0;
const nextUrl = () => `http://127.0.0.1:${apis[turn++ % apis.length]!.port}`;

/** One virtual user: create a draft (until an answer says 201), then drive it to COMPLETED. */
async function lifecycle(user: number, n: number): Promise<Plan> {
  const subject = `R6 load u${user} n${n}`;
  const amount = n % 2 === 0 ? '500.00' : '5000.00';
  const sent = draftBody({ team: marketing, subject, amount, budgetCode: `R6-${user}-${n}` });
  for (;;) {
    try {
      const res = await call(nextUrl(), 'POST', '/api/prs/requests/', {
        token: tokens.alice,
        body: sent,
        timeoutMs: 30_000,
      });
      recorded.push({ what: 'create', status: res.status, requestId: res.requestId, body: res.body, sent });
      if (res.status === 201) {
        const plan: Plan = { id: res.body.id, subject, amount, outcome: 'COMPLETED' };
        await driveToEnd(plan, {
          baseUrl: nextUrl,
          tokens,
          onAnswer: (answer: Answer, what: string) =>
            recorded.push({ what, status: answer.status, requestId: answer.requestId, body: answer.body }),
        });
        return plan;
      }
      if (res.status < 500) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`); // 5xx: judged by the tests
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      noAnswers += 1; // the process went away under this call: nothing known, try again
    }
    await sleep(100);
  }
}

describe('R6: the API process is restarted under load', () => {
  it('answers no 5xx but 503 while processes come and go', () => {
    expect(recorded.filter((r) => r.status >= 500 && r.status !== 503).map((r) => [r.what, r.status, r.body])).toEqual(
      [],
    );
    expect(plans.length).toBeGreaterThanOrEqual(USERS);
  });

  it('answers 201 to a create only with the request persisted exactly as sent', async () => {
    const alice = await fs.userId('alice');
    for (const r of recorded.filter((c) => c.what === 'create' && c.status === 201)) {
      const row = await fs.knex('purchaseRequests').where({ id: r.body.id }).first();
      expect({
        id: r.body.id,
        subject: row?.subject,
        amount: row?.amount,
        fieldValues: row?.fieldValues,
        requestor: row?.requestorId,
      }).toEqual({
        id: r.body.id,
        subject: r.sent!.subject,
        amount: r.sent!.amount,
        fieldValues: r.sent!.field_values,
        requestor: alice,
      });
    }
  });

  it('answers 200 to a decision only with its history row persisted', async () => {
    const rowOf: Record<string, string> = { submit: 'SUBMIT', approve: 'APPROVE', complete: 'COMPLETE' };
    for (const r of recorded.filter(
      (c) => c.status === 200 && /^(alice|bob|mallory|carol|frank) (submit|approve|complete) /.test(c.what),
    )) {
      const [user, action] = r.what.split(' ') as [string, string];
      const history = await historyOf(fs.knex, r.body.id);
      expect({
        call: r.what,
        found: history.some((h) => h.startsWith(`1:${rowOf[action]}:`) && h.endsWith(`:${user}`)),
      }).toEqual({ call: r.what, found: true });
    }
  });

  it("answers 2xx to a change only with its audit entry written (under the answer's request id), the chain intact", async () => {
    const changes = recorded.filter((r) => r.status >= 200 && r.status < 300 && !r.what.startsWith('GET '));
    const audited = new Set(
      (
        await fs
          .knex('auditLogs')
          .whereIn(
            'requestId',
            changes.map((r) => r.requestId),
          )
          .select('requestId')
      ).map((a: { requestId: string }) => a.requestId),
    );
    expect(changes.filter((r) => !audited.has(r.requestId)).map((r) => r.what)).toEqual([]);
    expect(await verifyAuditChain(fs.knex)).toEqual(expect.objectContaining({ ok: true }));
  });

  it('completes every driven request exactly as planned, its workflow agreeing with its row', async () => {
    for (const plan of plans) {
      const row = await fs.knex('purchaseRequests').where({ id: plan.id }).first();
      const orders = await countRows(fs.knex('purchaseOrders').where({ purchaseRequestId: plan.id }));
      const state = await temporal.workflow.getHandle(purchaseRequestWorkflowId(plan.id)).query(stateQuery);
      expect({
        subject: plan.subject,
        status: row.status,
        workflow: state.status,
        history: await historyOf(fs.knex, plan.id),
        orders,
      }).toEqual({
        subject: plan.subject,
        status: 'COMPLETED',
        workflow: 'COMPLETED',
        history: expectedHistory(plan),
        orders: 1,
      });
    }
  });

  it('leaves nothing half-written, also where the answer was lost', async () => {
    const requests: Array<{ id: string; status: string; fieldValues: Record<string, unknown> }> = await fs
      .knex('purchaseRequests')
      .select('id', 'status', 'fieldValues');
    expect(requests.filter((r) => typeof r.fieldValues.budget_code !== 'string')).toEqual([]);
    // The only requests nobody drove are creates whose answer was lost: plain drafts.
    expect(requests.filter((r) => !plans.some((p) => p.id === r.id) && r.status !== 'DRAFT')).toEqual([]);
    // Every history row came with its operation record (and result) and its audit entry, in one transaction.
    const unrecorded = await fs
      .knex('approvals')
      .leftJoin('requestOperations', 'requestOperations.operationKey', 'approvals.operationKey')
      .where((q) => {
        q.whereNull('requestOperations.operationKey').orWhereRaw("NOT jsonb_exists(request_operations.result, 'at')");
      })
      .select('approvals.operationKey');
    expect(unrecorded).toEqual([]);
    for (const plan of plans) {
      const rows = await countRows(fs.knex('approvals').where({ requestId: plan.id }));
      const audits = await countRows(
        fs
          .knex('auditLogs')
          .where({ resourceType: 'purchase_request', resourceId: plan.id })
          .whereIn('action', ['purchase_request.submit', 'purchase_request.approve', 'purchase_request.complete']),
      );
      expect({ subject: plan.subject, audits }).toEqual({ subject: plan.subject, audits: rows });
    }
  });
});
