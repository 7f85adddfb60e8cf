import type { Knex } from 'knex';
import { until } from '../../kit/until';
import type { Plan } from './chain';
import { COMPLETION_TO, countRows } from './fault-stack';
import { countByMessageId, type SmtpSink } from './smtp-sink';

/**
 * How many e-mails a plan causes: "approval needed" per step entered, "<approver> approved" per
 * approval, then "Rejected", or "Completed" to the requestor and the completion e-mail to finance.
 */
export function expectedEmailCount(plan: Plan): number {
  const director = Number(plan.amount) >= 1000;
  if (plan.rejectAt === 'Manager Approval') return 1 + 1 + 1;
  if (plan.rejectAt === 'Director Approval') return 2 + 2 + 1;
  return director ? 3 + 3 + 2 : 2 + 2 + 2;
}

/**
 * Waits until every `emails` row of the database is marked sent (the worker's sends have all
 * succeeded) and, given plans, until each plan's e-mails all have their row: a send whose worker died
 * before it wrote its row is retried only after its activity times out.
 */
export async function waitForAllSent(knex: Knex, plans: Plan[] = [], timeoutMs = 180_000): Promise<void> {
  const expected = new Map(plans.map((plan) => [plan.id, expectedEmailCount(plan)]));
  await until(
    async () => {
      if ((await countRows(knex('emails').whereNot({ status: 'sent' }))) > 0) return false;
      if (!plans.length) return true;
      const rows: Array<{ relatedId: string; n: number | string }> = await knex('emails')
        .where({ relatedType: 'purchase_request' })
        .whereIn('relatedId', [...expected.keys()])
        .groupBy('relatedId')
        .select('relatedId', knex.raw('count(*) as n'));
      const found = new Map(rows.map((row) => [row.relatedId, Number(row.n)]));
      return [...expected].every(([id, n]) => (found.get(id) ?? 0) >= n);
    },
    {
      what: plans.length ? 'every e-mail of every plan recorded and sent' : 'every e-mail row sent',
      timeoutMs,
      intervalMs: 500,
    },
  );
}

/**
 * What the mailbox must show for these plans, as a list of problems (empty when all is well): every
 * e-mail row arrived exactly once by Message-ID, nothing arrived that has no row, and each completed
 * request has exactly one completion e-mail to finance and one to its requestor (none for the others).
 */
export async function mailProblems(knex: Knex, smtp: SmtpSink, plans: Plan[]): Promise<string[]> {
  const problems: string[] = [];
  const counts = countByMessageId(smtp.messages);
  const rows: Array<{ messageId: string; status: string; subject: string; attempts: number }> = await knex(
    'emails',
  ).select('messageId', 'status', 'subject', 'attempts');
  const known = new Set(rows.map((row) => row.messageId));
  for (const row of rows) {
    const n = counts.get(row.messageId) ?? 0;
    if (n === 1) continue;
    const at = smtp.messages
      .filter((m) => m.messageId === row.messageId)
      .map((m) => new Date(m.receivedAt).toISOString().slice(11, 23));
    problems.push(
      `${row.messageId} "${row.subject}" (${row.status}, ${row.attempts} send attempts${at.length ? `, received at ${at.join(' and ')}` : ''}) arrived ${n} times`,
    );
  }
  for (const [messageId, n] of counts)
    if (!known.has(messageId)) problems.push(`${messageId} arrived ${n} times without an emails row`);
  for (const plan of plans) {
    const mine = await countRows(knex('emails').where({ relatedType: 'purchase_request', relatedId: plan.id }));
    if (mine !== expectedEmailCount(plan))
      problems.push(`${plan.subject}: ${mine} e-mails recorded, expected ${expectedEmailCount(plan)}`);
    const finance = smtp.messages.filter((m) =>
      m.messageId.startsWith(`<purchase-request-${plan.id}.completed.finance@`),
    );
    const requestor = smtp.messages.filter((m) =>
      m.messageId.startsWith(`<purchase-request-${plan.id}.completed.requestor@`),
    );
    const expected = plan.outcome === 'COMPLETED' ? 1 : 0;
    if (finance.length !== expected)
      problems.push(`${plan.subject}: ${finance.length} completion e-mails to finance, expected ${expected}`);
    if (requestor.length !== expected)
      problems.push(`${plan.subject}: ${requestor.length} completion e-mails to the requestor, expected ${expected}`);
    for (const mail of finance) {
      if (!mail.to.includes(COMPLETION_TO) || mail.subject !== `Purchase request completed: ${plan.subject}`)
        problems.push(`${plan.subject}: completion e-mail to ${mail.to} "${mail.subject}"`);
    }
  }
  return problems;
}
