import type { Service } from '../../scripts/lib/stack';
import { createDraft, loginAll, inParallel, sleep, type Answer } from './support/api-client';
import { driveToEnd, expectedHistory, historyOf, type Plan } from './support/chain';
import { mailProblems, waitForAllSent } from './support/emails';
import { startFaultStack, type FaultStack } from './support/fault-stack';
import type { SinkMail } from './support/smtp-sink';

/**
 * R3: the SMTP server refuses connections for 30 s (its listening socket is closed and its open
 * connections dropped, so every connection attempt gets ECONNREFUSED), then listens again on the same
 * port. The scenario (beforeAll): as soon as the server is down, ten requests go through their whole
 * chain (submit, approvals, rejection or completion); what the database and the mailbox show at that
 * point is kept; when the 30 s are over the server listens again and the e-mails are waited for.
 */
const OUTAGE_MS = 30_000;
const REQUESTS = 10;

let fs: FaultStack;
let api: Service & { url: string };
let tokens: Record<string, string>;
const plans: Plan[] = [];
const answers: Array<{ what: string; status: number; smtpDown: boolean }> = [];
let duringOutage: {
  smtpDown: boolean;
  requests: Array<{ subject: string; status: string; history: string[] }>;
  received: SinkMail[];
  emails: Array<{ status: string; lastError: string | null }>;
};

beforeAll(async () => {
  fs = await startFaultStack({ name: 'r3' });
  await fs.stack.startWorker();
  api = await fs.stack.startApi();
  tokens = await loginAll(api.url, ['alice', 'bob', 'mallory', 'carol', 'frank']);
  const marketing = await fs.teamId('Marketing');
  for (let i = 0; i < REQUESTS; i += 1) {
    const plan: Omit<Plan, 'id'> = {
      subject: `R3 mail outage ${i}`,
      amount: i % 2 === 0 ? '5000.00' : '500.00',
      outcome: i === 3 || i === 4 ? 'REJECTED' : 'COMPLETED',
      ...(i === 3
        ? { rejectAt: 'Manager Approval' as const }
        : i === 4
          ? { rejectAt: 'Director Approval' as const }
          : {}),
    };
    plans.push({
      ...plan,
      id: await createDraft(api.url, tokens.alice!, { team: marketing, subject: plan.subject, amount: plan.amount }),
    });
  }

  await fs.smtp.refuse();
  const downSince = Date.now();
  const onAnswer = (res: Answer, what: string) =>
    answers.push({ what, status: res.status, smtpDown: !fs.smtp.accepting });
  // If state changes waited for e-mail, these would not finish before the server is back (it is not
  // brought back until they have).
  await inParallel(plans, 4, (plan) =>
    driveToEnd(plan, { baseUrl: () => api.url, tokens, onAnswer, timeoutMs: 120_000 }),
  );
  duringOutage = {
    smtpDown: !fs.smtp.accepting,
    requests: await Promise.all(
      plans.map(async (plan) => ({
        subject: plan.subject,
        status: (await fs.knex('purchaseRequests').where({ id: plan.id }).first()).status,
        history: await historyOf(fs.knex, plan.id),
      })),
    ),
    received: [...fs.smtp.messages],
    emails: await fs.knex('emails').select('status', 'lastError'),
  };

  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - downSince)));
  await fs.smtp.accept();
  fs.log(`SMTP listening again after ${Date.now() - downSince} ms`);
  await waitForAllSent(fs.knex, plans);
}, 600_000);

afterAll(() => fs?.stop());

describe('R3: SMTP refuses connections for 30 s', () => {
  it('does not hold up state changes: whole chains are answered and persisted while it refuses', () => {
    expect(duringOutage.smtpDown).toBe(true);
    expect(answers.filter((a) => !a.smtpDown || a.status >= 500)).toEqual([]);
    expect(duringOutage.requests).toEqual(
      plans.map((plan) => ({ subject: plan.subject, status: plan.outcome, history: expectedHistory(plan) })),
    );
  });

  it('delivers nothing while it refuses; the e-mails wait with the refusal recorded', () => {
    expect(duringOutage.received).toEqual([]);
    expect(duringOutage.emails.length).toBeGreaterThan(0);
    expect(duringOutage.emails.filter((row) => row.status !== 'pending')).toEqual([]);
    expect(duringOutage.emails.some((row) => /ECONNREFUSED/.test(row.lastError ?? ''))).toBe(true);
  });

  it('delivers every e-mail exactly once after recovery, none lost', async () => {
    expect(await mailProblems(fs.knex, fs.smtp, plans)).toEqual([]);
    const rows: Array<{ attempts: number }> = await fs.knex('emails').select('attempts');
    expect(rows.some((row) => row.attempts > 1)).toBe(true); // delivered by retries, not by luck after the outage
  });
});
