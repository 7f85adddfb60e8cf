import type { Service } from '../../scripts/lib/stack';
import { act, call, createDraft, expectStatus, inParallel, loginAll, type Answer } from './support/api-client';
import { duplicateDecisions } from './support/chain';
import { waitForAllSent } from './support/emails';
import { countRows, startFaultStack, type FaultStack } from './support/fault-stack';
import { countByMessageId } from './support/smtp-sink';

/**
 * R5: every approver of a step approves at the same instant. Two API processes take the approvals
 * (alternately), one worker process runs the workflows. The Manager step has three approvers (bob,
 * mallory and paula, granted MANAGER in Marketing for this) and the Director step two (carol and erin,
 * granted DIRECTOR), so each step of each of 20 requests gets all its approvals in one Promise.all, for
 * all requests at once. The scenario (beforeAll) runs both steps that way and then completes every
 * request; what the database looked like after each simultaneous round is kept for the tests.
 */
const REQUESTS = 20;
const MANAGERS = ['bob', 'mallory', 'paula'];
const DIRECTORS = ['carol', 'erin'];

let fs: FaultStack;
let apis: Array<Service & { url: string }>;
let tokens: Record<string, string>;
let steps: Record<string, string>;
const ids: string[] = [];
const answers: { submit: Answer[]; managers: Answer[]; directors: Answer[]; complete: Answer[] } = {
  submit: [],
  managers: [],
  directors: [],
  complete: [],
};

interface Snapshot {
  status: string;
  stepId: string | null;
  approvals: string[];
  events: string[];
  stepApprovers: Array<{ stepSequence: number; username: string; isCurrent: boolean }>;
}
const afterManagers = new Map<string, Snapshot>();
const afterDirectors = new Map<string, Snapshot>();

async function snapshot(id: string): Promise<Snapshot> {
  const request = await fs.knex('purchaseRequests').where({ id }).first();
  const approvals: Array<{ round: number; stepId: string; username: string }> = await fs
    .knex('approvals')
    .join('users', 'users.id', 'approvals.actorId')
    .where({ requestId: id, action: 'APPROVE' })
    .select('round', 'stepId', 'username');
  const events: Array<{ type: string }> = await fs
    .knex('outboxEvents')
    .where({ aggregateType: 'purchase_request', aggregateId: id })
    .select('type');
  const stepApprovers = await fs
    .knex('requestStepApprovers')
    .join('users', 'users.id', 'requestStepApprovers.userId')
    .where({ requestId: id })
    .select('stepSequence', 'username', 'isCurrent');
  return {
    status: request.status,
    stepId: request.currentStepId,
    approvals: approvals
      .map((a) => `${a.round}:${Object.keys(steps).find((name) => steps[name] === a.stepId)}:${a.username}`)
      .sort(),
    events: events.map((e) => e.type).sort(),
    stepApprovers,
  };
}

/** Every approver of every request approves at once, spread over both API processes. */
function everyoneAtOnce(approvers: string[]): Promise<Answer[]> {
  const calls = ids.flatMap((id, i) =>
    approvers.map(
      (username, j) => () =>
        act(apis[(i + j) % 2]!.url, tokens[username]!, id, 'approve', { comment: `${username} at once` }),
    ),
  );
  return Promise.all(calls.map((fire) => fire()));
}

beforeAll(async () => {
  fs = await startFaultStack({ name: 'r5' });
  await fs.stack.startWorker();
  apis = [await fs.stack.startApi(), await fs.stack.startApi()];
  tokens = await loginAll(apis[0]!.url, ['admin', 'alice', ...MANAGERS, ...DIRECTORS, 'frank']);
  const marketing = await fs.teamId('Marketing');
  for (const [username, role] of [
    ['paula', 'MANAGER'],
    ['erin', 'DIRECTOR'],
  ] as const) {
    const res = await call(apis[0]!.url, 'POST', `/api/users/${await fs.userId(username)}/access-scopes/`, {
      token: tokens.admin,
      body: { team: marketing, role },
    });
    expectStatus(res, 201, `grant ${role} to ${username}`);
  }
  const rows: Array<{ id: string; stepName: string }> = await fs.knex('workflowTemplateSteps').select('id', 'stepName');
  steps = Object.fromEntries(rows.map((row) => [row.stepName, row.id]));

  ids.push(
    ...(await inParallel(
      Array.from({ length: REQUESTS }, (_, i) => i),
      5,
      (i) =>
        createDraft(apis[i % 2]!.url, tokens.alice!, {
          team: marketing,
          subject: `R5 simultaneous ${i}`,
          amount: '5000.00',
        }),
    )),
  );
  answers.submit = await inParallel(ids, 5, (id, i) => act(apis[i % 2]!.url, tokens.alice!, id, 'submit'));

  answers.managers = await everyoneAtOnce(MANAGERS);
  for (const id of ids) afterManagers.set(id, await snapshot(id));
  answers.directors = await everyoneAtOnce(DIRECTORS);
  for (const id of ids) afterDirectors.set(id, await snapshot(id));
  answers.complete = await inParallel(ids, 5, (id, i) =>
    act(apis[i % 2]!.url, tokens.frank!, id, 'complete', { comment: 'Paid' }),
  );
  await waitForAllSent(fs.knex);
}, 600_000);

afterAll(() => fs?.stop());

describe('R5: every approver of a step approves at the same instant', () => {
  it('answers every simultaneous approval with 200, and the last one of each step with the next step', () => {
    expect(
      answers.submit.map((res) => [
        res.status,
        res.body.pending_approvers?.map((a: { username: string }) => a.username).sort(),
      ]),
    ).toEqual(ids.map(() => [200, MANAGERS]));
    for (const round of [answers.managers, answers.directors, answers.complete])
      expect(round.filter((res) => res.status !== 200).map((res) => [res.status, res.body])).toEqual([]);
    for (const id of ids) {
      expect(
        answers.managers
          .filter((res) => res.body.id === id)
          .some((res) => res.body.current_template_step?.step_name === 'Director Approval'),
      ).toBe(true);
      expect(
        answers.directors.filter((res) => res.body.id === id).some((res) => res.body.status.code === 'FINANCE_REVIEW'),
      ).toBe(true);
    }
  });

  it('advances the Manager step exactly once, with every approval recorded', () => {
    for (const id of ids) {
      const s = afterManagers.get(id)!;
      expect({ id, status: s.status, step: s.stepId, approvals: s.approvals }).toEqual({
        id,
        status: 'IN_REVIEW',
        step: steps['Director Approval'],
        approvals: MANAGERS.map((u) => `1:Manager Approval:${u}`).sort(),
      });
      // One step-approved event, one entry into the Director step (step 2, with its two approvers), nothing beyond.
      expect(s.events).toEqual(['purchase_request.approved', 'purchase_request.submitted']);
      expect(
        s.stepApprovers
          .filter((r) => r.stepSequence === 1)
          .map((r) => r.username)
          .sort(),
      ).toEqual(MANAGERS);
      expect(
        s.stepApprovers
          .filter((r) => r.stepSequence === 2)
          .map((r) => r.username)
          .sort(),
      ).toEqual(DIRECTORS);
      expect(Math.max(...s.stepApprovers.map((r) => r.stepSequence))).toBe(2);
      expect(
        s.stepApprovers
          .filter((r) => r.isCurrent)
          .map((r) => r.username)
          .sort(),
      ).toEqual(DIRECTORS);
    }
  });

  it('advances the Director step exactly once, into finance review', () => {
    for (const id of ids) {
      const s = afterDirectors.get(id)!;
      expect({ id, status: s.status, step: s.stepId }).toEqual({
        id,
        status: 'FINANCE_REVIEW',
        step: steps['Finance Review'],
      });
      expect(s.approvals).toEqual(
        [...MANAGERS.map((u) => `1:Manager Approval:${u}`), ...DIRECTORS.map((u) => `1:Director Approval:${u}`)].sort(),
      );
      expect(s.events).toEqual([
        'purchase_request.approved',
        'purchase_request.approved',
        'purchase_request.fully_approved',
        'purchase_request.submitted',
      ]);
      expect(Math.max(...s.stepApprovers.map((r) => r.stepSequence))).toBe(3);
    }
  });

  it('shows every approval once in the history and the timeline of each completed request', async () => {
    for (const [i, id] of ids.entries()) {
      const detail = expectStatus(
        await call(apis[i % 2]!.url, 'GET', `/api/prs/requests/${id}/`, { token: tokens.alice }),
        200,
        'detail',
      );
      expect(detail.body.status.code).toBe('COMPLETED');
      const history: Array<{
        action: string;
        round: number;
        approver: { username: string } | null;
        template_step: { step_name: string } | null;
      }> = detail.body.approval_history;
      const described = history.map(
        (e) => `${e.round}:${e.action}:${e.template_step?.step_name ?? '-'}:${e.approver?.username}`,
      );
      expect(described[0]).toBe('1:SUBMIT:-:alice');
      expect(described.slice(1, 4).sort()).toEqual(MANAGERS.map((u) => `1:APPROVE:Manager Approval:${u}`).sort());
      expect(described.slice(4, 6).sort()).toEqual(DIRECTORS.map((u) => `1:APPROVE:Director Approval:${u}`).sort());
      expect(described.slice(6)).toEqual(['1:COMPLETE:Finance Review:frank']);

      const timeline = expectStatus(
        await call(apis[(i + 1) % 2]!.url, 'GET', `/api/prs/requests/${id}/timeline/`, { token: tokens.alice }),
        200,
        'timeline',
      );
      expect(
        timeline.body.entries.filter((e: { kind: string }) => e.kind === 'event').map((e: { type: string }) => e.type),
      ).toEqual([
        'purchase_request.submitted',
        'purchase_request.approved',
        'purchase_request.approved',
        'purchase_request.fully_approved',
        'purchase_request.completed',
      ]);
    }
    expect(await duplicateDecisions(fs.knex, ids)).toEqual([]);
    expect(await countRows(fs.knex('approvals').whereIn('requestId', ids))).toBe(
      REQUESTS * (1 + MANAGERS.length + DIRECTORS.length + 1),
    );
  });

  it('asks for each step\'s approval once: one "approval needed" e-mail per step entered, each arriving once', () => {
    const counts = countByMessageId(fs.smtp.messages);
    for (const id of ids) {
      const requested = [...counts.keys()]
        .filter((m) => m.startsWith(`<purchase-request-${id}.step-`) && m.includes('.requested@'))
        .sort();
      expect(requested).toEqual([1, 2, 3].map((n) => expect.stringContaining(`.step-${n}.requested@`)));
    }
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  });
});
