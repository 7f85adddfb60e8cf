import type { Knex } from 'knex';
import { act, call, NoAnswerError, sleep, type Answer } from './api-client';

/**
 * What should become of one request of the seed approval chain (Manager Approval: bob AND mallory;
 * Director Approval: carol, from 1000.00; Finance Review: frank). A request is created by alice.
 */
export interface Plan {
  id: string;
  subject: string;
  amount: string;
  /** COMPLETED by frank, or REJECTED at a step (by mallory at Manager Approval, by carol at Director Approval). */
  outcome: 'COMPLETED' | 'REJECTED';
  rejectAt?: 'Manager Approval' | 'Director Approval';
}

export const REJECTION = 'Not within this quarter budget';
const needsDirector = (plan: Plan) => Number(plan.amount) >= 1000;

/** The history rows the plan ends with, as `round:action:step:user`, sorted. */
export function expectedHistory(plan: Plan): string[] {
  const rows = ['1:SUBMIT:-:alice', '1:APPROVE:Manager Approval:bob'];
  if (plan.rejectAt === 'Manager Approval') return [...rows, '1:REJECT:Manager Approval:mallory'].sort();
  rows.push('1:APPROVE:Manager Approval:mallory');
  if (plan.rejectAt === 'Director Approval') return [...rows, '1:REJECT:Director Approval:carol'].sort();
  if (needsDirector(plan)) rows.push('1:APPROVE:Director Approval:carol');
  return [...rows, '1:COMPLETE:Finance Review:frank'].sort();
}

/** The outbox events the plan ends with, sorted. */
export function expectedEvents(plan: Plan): string[] {
  const events = ['purchase_request.submitted'];
  if (plan.rejectAt === 'Manager Approval') return [...events, 'purchase_request.rejected'].sort();
  events.push('purchase_request.approved');
  if (plan.rejectAt === 'Director Approval') return [...events, 'purchase_request.rejected'].sort();
  if (needsDirector(plan)) events.push('purchase_request.approved');
  return [...events, 'purchase_request.fully_approved', 'purchase_request.completed'].sort();
}

export interface NextStep {
  user: string;
  action: 'submit' | 'approve' | 'reject' | 'complete';
  body: Record<string, unknown>;
}

/** The next decision the plan asks for, given the request as the API shows it; null when it has ended. */
export function nextStep(
  plan: Plan,
  detail: {
    status: { code: string };
    current_template_step: { step_name: string } | null;
    pending_approvers: Array<{ username: string }>;
  },
): NextStep | 'wait' | null {
  const status = detail.status.code;
  if (status === 'COMPLETED' || status === 'REJECTED' || status === 'CANCELLED') return null;
  if (status === 'DRAFT') return { user: 'alice', action: 'submit', body: {} };
  if (status === 'FINANCE_REVIEW') return { user: 'frank', action: 'complete', body: { comment: 'Payment scheduled' } };
  const step = detail.current_template_step?.step_name;
  const pending = detail.pending_approvers.map((a) => a.username);
  if (step === 'Manager Approval') {
    if (pending.includes('bob')) return { user: 'bob', action: 'approve', body: {} };
    if (pending.includes('mallory')) {
      return plan.rejectAt === step
        ? { user: 'mallory', action: 'reject', body: { comment: REJECTION } }
        : { user: 'mallory', action: 'approve', body: {} };
    }
  }
  if (step === 'Director Approval' && pending.includes('carol')) {
    return plan.rejectAt === step
      ? { user: 'carol', action: 'reject', body: { comment: REJECTION } }
      : { user: 'carol', action: 'approve', body: {} };
  }
  return 'wait'; // between steps, or a decision is still being applied
}

export interface DriveOptions {
  /** Base URL for each call (several API processes may share the work). */
  baseUrl: () => string;
  tokens: Record<string, string>;
  /** Every HTTP answer the driver got, for assertions (e.g. no 5xx but 503). */
  onAnswer?: (answer: Answer, what: string) => void;
  timeoutMs?: number;
}

/**
 * Drives one request to the end of its plan through the API, whatever state an earlier fault left it
 * in: re-reads the request before every decision; a 409 (someone got there first), a 5xx or no answer
 * at all means read again and carry on (every answer goes to onAnswer, where the caller judges 5xx).
 */
export async function driveToEnd(plan: Plan, options: DriveOptions): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (let pause = 100; ; pause = Math.min(pause * 2, 2000)) {
    if (Date.now() > deadline)
      throw new Error(`request ${plan.id} (${plan.subject}) did not reach ${plan.outcome} in time`);
    let detail: Answer;
    try {
      detail = await call(options.baseUrl(), 'GET', `/api/prs/requests/${plan.id}/`, {
        token: options.tokens.alice,
        timeoutMs: 30_000,
      });
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
      await sleep(pause);
      continue;
    }
    options.onAnswer?.(detail, `GET ${plan.subject}`);
    if (detail.status !== 200) {
      if (detail.status >= 500) {
        await sleep(pause);
        continue;
      }
      throw new Error(`detail of ${plan.id} answered ${detail.status}: ${JSON.stringify(detail.body)}`);
    }
    const next = nextStep(plan, detail.body);
    if (next === null) return;
    if (next === 'wait') {
      await sleep(pause);
      continue;
    }
    try {
      const res = await act(options.baseUrl(), options.tokens[next.user]!, plan.id, next.action, next.body, 60_000);
      options.onAnswer?.(res, `${next.user} ${next.action} ${plan.subject}`);
      if (res.status === 200) {
        pause = 50;
        continue;
      }
      // 409: someone got there first. 5xx: the decision may or may not have happened (recorded through
      // onAnswer for the caller to judge); either way, read the request again.
      if (res.status !== 409 && res.status < 500)
        throw new Error(
          `${next.user} ${next.action} of ${plan.id} answered ${res.status}: ${JSON.stringify(res.body)}`,
        );
    } catch (error) {
      if (!(error instanceof NoAnswerError)) throw error;
    }
    await sleep(pause);
  }
}

/** The request's history rows as `round:action:step:user`, sorted. */
export async function historyOf(knex: Knex, requestId: string): Promise<string[]> {
  const rows: Array<{ round: number; action: string; stepName: string | null; username: string | null }> = await knex(
    'approvals',
  )
    .leftJoin('workflowTemplateSteps', 'workflowTemplateSteps.id', 'approvals.stepId')
    .leftJoin('users', 'users.id', 'approvals.actorId')
    .where('approvals.requestId', requestId)
    .select('approvals.round', 'approvals.action', 'workflowTemplateSteps.stepName', 'users.username');
  return rows.map((r) => `${r.round}:${r.action}:${r.stepName ?? '-'}:${r.username ?? 'workflow'}`).sort();
}

/** (request, round, step, approver) groups with more than one decision row: must be empty. */
export async function duplicateDecisions(knex: Knex, requestIds: string[]): Promise<unknown[]> {
  return knex('approvals')
    .whereIn('requestId', requestIds)
    .whereIn('action', ['APPROVE', 'REJECT', 'COMPLETE'])
    .groupBy('requestId', 'round', 'stepId', 'actorId')
    .havingRaw('count(*) > 1')
    .select('requestId', 'round', 'stepId', 'actorId', knex.raw('count(*) as n'));
}

export async function eventsOf(knex: Knex, requestId: string): Promise<string[]> {
  const rows: Array<{ type: string }> = await knex('outboxEvents')
    .where({ aggregateType: 'purchase_request', aggregateId: requestId })
    .select('type');
  return rows.map((r) => r.type).sort();
}
