import type { Service } from '../../scripts/lib/stack';
import {
  act,
  createDraft,
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
  REJECTION,
  type Plan,
} from './support/chain';
import { mailProblems, waitForAllSent } from './support/emails';
import { startFaultStack, type FaultStack } from './support/fault-stack';
import { countByMessageId } from './support/smtp-sink';

/**
 * R1: `kill -9` of the worker while 100 requests are mid-chain, then a restart.
 *
 * The scenario (beforeAll): 100 requests are submitted and approved by bob (the small ones also by
 * mallory, so they wait at finance review). Then the next decision of every request is sent, ten at a
 * time (frank completes the small ones, mallory approves or rejects the others), and the worker process
 * gets SIGKILL once a quarter of them are answered: decisions, activities and e-mails in flight are lost
 * with it. While no worker runs, carol decides the requests that already reached her step (nobody can
 * answer those: the client gives up after 3 s, the API carries them on). A new worker process starts,
 * everything waiting is answered, and every request is driven through the API to the end of its plan.
 */
const REQUESTS = 100;
const LANES = 10;

let fs: FaultStack;
let api: Service & { url: string };
let worker: Service;
let tokens: Record<string, string>;
const plans: Plan[] = [];
const answers: Array<{ what: string; status: number; body: unknown }> = [];
const record = (res: Answer, what: string) => answers.push({ what, status: res.status, body: res.body });
let sentWithoutWorker: Array<number | 'no answer'> = [];

/** 40 % completed after the director, 20 % completed without one (under 1000), 20 % rejected by each rejecter. */
function planFor(i: number): Omit<Plan, 'id'> {
  const subject = `R1 mid-chain ${String(i).padStart(3, '0')}`;
  switch (i % 5) {
    case 2:
      return { subject, amount: '500.00', outcome: 'COMPLETED' };
    case 3:
      return { subject, amount: '5000.00', outcome: 'REJECTED', rejectAt: 'Manager Approval' };
    case 4:
      return { subject, amount: '5000.00', outcome: 'REJECTED', rejectAt: 'Director Approval' };
    default:
      return { subject, amount: '5000.00', outcome: 'COMPLETED' };
  }
}

beforeAll(async () => {
  fs = await startFaultStack({ name: 'r1' });
  worker = await fs.stack.startWorker();
  api = await fs.stack.startApi();
  tokens = await loginAll(api.url, ['alice', 'bob', 'mallory', 'carol', 'frank']);
  const marketing = await fs.teamId('Marketing');
  plans.push(
    ...(await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => planFor(i)),
      LANES,
      async (plan) => {
        const id = await createDraft(api.url, tokens.alice!, {
          team: marketing,
          subject: plan.subject,
          amount: plan.amount,
        });
        expectStatus(await act(api.url, tokens.alice!, id, 'submit'), 200, `submit ${plan.subject}`);
        expectStatus(await act(api.url, tokens.bob!, id, 'approve'), 200, `bob approves ${plan.subject}`);
        if (plan.amount === '500.00')
          expectStatus(await act(api.url, tokens.mallory!, id, 'approve'), 200, `mallory approves ${plan.subject}`);
        return { ...plan, id };
      },
    )),
  );

  // Mid-chain: every request's next decision, interleaved so completions and approvals are in flight together.
  const decisions = plans
    .map((plan, i) => ({ plan, i }))
    .sort((a, b) => (a.i % 10) - (b.i % 10) || a.i - b.i)
    .map(({ plan }) =>
      plan.amount === '500.00'
        ? { plan, user: 'frank', action: 'complete', body: { comment: 'Payment scheduled' } }
        : plan.rejectAt === 'Manager Approval'
          ? { plan, user: 'mallory', action: 'reject', body: { comment: REJECTION } }
          : { plan, user: 'mallory', action: 'approve', body: {} },
    );
  const atDirector: Plan[] = [];
  let answered = 0;
  const burst = inParallel(decisions, LANES, async ({ plan, user, action, body }) => {
    try {
      const res = await act(api.url, tokens[user]!, plan.id, action, body);
      record(res, `${user} ${action} ${plan.subject} (around the kill)`);
      if (res.status === 200 && res.body.current_template_step?.step_name === 'Director Approval')
        atDirector.push(plan);
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
    } finally {
      answered += 1;
    }
  });
  await until(() => answered >= REQUESTS / 4, {
    what: 'a quarter of the decisions answered',
    timeoutMs: 120_000,
    intervalMs: 20,
  });
  await worker.kill(); // SIGKILL: in-flight workflow and activity tasks are lost with the process
  fs.log(`worker killed with ${answered} of ${REQUESTS} decisions answered`);

  // No worker: carol decides what reached her step; the client gives up after 3 s, the API carries on.
  sentWithoutWorker = await Promise.all(
    atDirector.map(async (plan) => {
      const action = plan.rejectAt === 'Director Approval' ? 'reject' : 'approve';
      try {
        const res = await act(
          api.url,
          tokens.carol!,
          plan.id,
          action,
          action === 'reject' ? { comment: REJECTION } : {},
          3000,
        );
        record(res, `carol ${action} ${plan.subject} (no worker)`);
        return res.status;
      } catch (error) {
        if (!(error instanceof NoAnswerError)) throw error;
        return 'no answer' as const;
      }
    }),
  );
  await sleep(1000);

  worker = await fs.stack.startWorker();
  fs.log('worker restarted');
  await burst; // everything that waited for a worker is answered now
  await inParallel(plans, LANES, (plan) => driveToEnd(plan, { baseUrl: () => api.url, tokens, onAnswer: record }));
  await waitForAllSent(fs.knex, plans);
}, 600_000);

afterAll(() => fs?.stop());

describe('R1: kill -9 of the worker while 100 requests are mid-chain, then a restart', () => {
  it('answered nothing while no worker ran, and no 5xx at any point', () => {
    expect(sentWithoutWorker.length).toBeGreaterThan(0);
    expect(sentWithoutWorker.filter((status) => status !== 'no answer')).toEqual([]);
    expect(answers.filter((a) => a.status >= 500).map((a) => [a.what, a.status, a.body])).toEqual([]);
  });

  it('ends every request in its expected state', async () => {
    const wrong: unknown[] = [];
    for (const plan of plans) {
      const row = await fs.knex('purchaseRequests').where({ id: plan.id }).first();
      const orders = (await fs.knex('purchaseOrders').where({ purchaseRequestId: plan.id })).length;
      const actual = {
        subject: plan.subject,
        status: row.status,
        history: await historyOf(fs.knex, plan.id),
        events: await eventsOf(fs.knex, plan.id),
        orders,
      };
      const expected = {
        subject: plan.subject,
        status: plan.outcome,
        history: expectedHistory(plan),
        events: expectedEvents(plan),
        orders: plan.outcome === 'COMPLETED' ? 1 : 0,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) wrong.push({ actual, expected });
    }
    expect(wrong).toEqual([]);
  });

  it('keeps exactly one approval row per (request, round, step, approver)', async () => {
    expect(
      await duplicateDecisions(
        fs.knex,
        plans.map((p) => p.id),
      ),
    ).toEqual([]);
  });

  it('sends exactly one completion e-mail per completed request, and loses no e-mail', async () => {
    const counts = countByMessageId(fs.smtp.messages);
    const completions = [...counts.keys()].filter((m) => /\.completed\.(finance|requestor)@/.test(m));
    expect(completions).toHaveLength(2 * plans.filter((p) => p.outcome === 'COMPLETED').length);
    // Every e-mail row arrived (none lost), each completion e-mail exactly once (the problems name the
    // Message-ID, its send attempts and when each copy arrived). Any other e-mail may arrive twice when
    // the kill fell between the SMTP server's "250 OK" and its row being marked sent: logged, not failed.
    const problems = await mailProblems(fs.knex, fs.smtp, plans);
    const repeated = problems.filter(
      (p) => Number(/ arrived (\d+) times$/.exec(p)?.[1] ?? 0) >= 2 && !p.includes('.completed.'),
    );
    if (repeated.length) fs.log(`e-mails repeated by the kill: ${repeated.join('; ')}`);
    expect(problems.filter((p) => !repeated.includes(p))).toEqual([]);
  });
});
