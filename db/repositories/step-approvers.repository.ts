import type { Knex } from 'knex';
import {
  approvalStatuses,
  type Approver,
  type RequestStatus,
  type StepSnapshot,
} from '../../contracts/purchase-requests';
import { appendAudit } from './audit.repository';
import { escalationApprovers, escalationComment, roleHolders } from './escalation-policy';
import { once } from './request-operations';
import { RequestMissingError } from './request-errors';
import { transitionIn } from './request-transitions.repository';

// Who decides a request's current step: entering a step, escalating it, refreshing it after people
// changed, and who it still waits for. Each workflow operation applies once per key (request-operations.ts).

export interface EnterStepCommand {
  requestId: string;
  requestorId: string;
  round: number;
  stepSequence: number;
  step: StepSnapshot;
  status: RequestStatus;
  /** The state the request must still be in (a withdrawal that got in first wins). */
  expectStatus?: RequestStatus[];
  operationKey: string;
}

/**
 * Makes a step current: resolves its eligible approvers (active holders of the step's role in the
 * request's team or in every team, never the requestor) and keeps them with the step.
 */
export async function enterStep(knex: Knex, command: EnterStepCommand): Promise<Approver[]> {
  return knex.transaction(async (trx) => {
    await once(trx, command.requestId, command.operationKey, async () => {
      const request = await trx('purchaseRequests').where({ id: command.requestId }).first('teamId');
      if (!request) throw new RequestMissingError(`purchase request ${command.requestId} does not exist`);
      const holders = await roleHolders(trx, request.teamId, command.step.approverRole, command.requestorId);
      await trx('requestStepApprovers').where({ requestId: command.requestId }).update({ isCurrent: false });
      if (holders.length > 0) {
        await trx('requestStepApprovers').insert(
          holders.map((user) => ({
            requestId: command.requestId,
            stepSequence: command.stepSequence,
            round: command.round,
            stepId: command.step.id,
            userId: user.id,
            reason: 'role',
          })),
        );
      }
      await transitionIn(trx, {
        requestId: command.requestId,
        operationKey: command.operationKey,
        expectStatus: command.expectStatus,
        patch: { status: command.status, currentStepId: command.step.id },
      });
    });
    return stepApprovers(trx, command.requestId, command.stepSequence);
  });
}

export interface EscalateCommand {
  requestId: string;
  requestorId: string;
  round: number;
  stepSequence: number;
  stepId: string;
  reason: 'no_eligible_approver' | 'overdue';
  operationKey: string;
}

/** Escalates a step to the people escalation-policy.ts names, who may then decide it alone. */
export async function escalateStep(knex: Knex, command: EscalateCommand): Promise<Approver[]> {
  return knex.transaction(async (trx) => {
    await once(trx, command.requestId, command.operationKey, async () => {
      const request = await trx('purchaseRequests').where({ id: command.requestId }).first('teamId');
      if (!request) throw new RequestMissingError(`purchase request ${command.requestId} does not exist`);
      const ids = [...(await escalationApprovers(trx, request.teamId, command.requestorId))];
      if (ids.length > 0) {
        await trx('requestStepApprovers')
          .insert(ids.map((userId) => ({ ...stepRow(command), userId, reason: 'escalation' })))
          .onConflict(['requestId', 'stepSequence', 'userId'])
          .ignore();
      }
      await transitionIn(trx, {
        requestId: command.requestId,
        operationKey: command.operationKey,
        history: {
          round: command.round,
          stepId: command.stepId,
          actorId: null,
          action: 'ESCALATE',
          comment: escalationComment(command.reason),
        },
        patch: { escalated: true },
        event: { type: 'purchase_request.escalated', data: { reason: command.reason, step_id: command.stepId } },
      });
    });
    return stepApprovers(trx, command.requestId, command.stepSequence);
  });
}

export interface RefreshStepCommand {
  requestId: string;
  requestorId: string;
  stepSequence: number;
  round: number;
  step: StepSnapshot;
  /** Approvers whose decision on the step is recorded: they stay, whatever changed since. */
  decided: string[];
  operationKey: string;
}

/**
 * Resolves an open step's approvers again after people or scopes changed: holders of the step's
 * role who lost it or were deactivated leave the step, new holders join it; escalation approvers stay
 * while they are active admins or directors of the team. Answers the new approvers and who joined.
 */
export async function refreshStepApprovers(
  knex: Knex,
  command: RefreshStepCommand,
): Promise<{ approvers: Approver[]; added: string[] }> {
  return knex.transaction(async (trx) => {
    const { result } = await once(trx, command.requestId, command.operationKey, async () => {
      const request = await trx('purchaseRequests').where({ id: command.requestId }).forUpdate().first('teamId');
      if (!request) throw new RequestMissingError(`purchase request ${command.requestId} does not exist`);
      const rows: Array<{ userId: string; reason: 'role' | 'escalation' }> = await trx('requestStepApprovers')
        .where({ requestId: command.requestId, stepSequence: command.stepSequence })
        .select('userId', 'reason');
      const holders = new Set(
        (await roleHolders(trx, request.teamId, command.step.approverRole, command.requestorId)).map((user) => user.id),
      );
      const escalation = await escalationApprovers(trx, request.teamId, command.requestorId);
      const decided = new Set(command.decided);
      const stays = (row: { userId: string; reason: string }) =>
        decided.has(row.userId) || (row.reason === 'role' ? holders : escalation).has(row.userId);
      const leaving = rows.filter((row) => !stays(row)).map((row) => row.userId);
      if (leaving.length > 0)
        await trx('requestStepApprovers')
          .where({ requestId: command.requestId, stepSequence: command.stepSequence })
          .whereIn('userId', leaving)
          .delete();
      const present = new Set(rows.map((row) => row.userId));
      const added = [...holders].filter((id) => !present.has(id));
      if (added.length > 0) {
        await trx('requestStepApprovers').insert(
          added.map((userId) => ({
            requestId: command.requestId,
            stepSequence: command.stepSequence,
            round: command.round,
            stepId: command.step.id,
            userId,
            reason: 'role',
          })),
        );
      }
      const approvers = await stepApprovers(trx, command.requestId, command.stepSequence);
      if (leaving.length > 0 || added.length > 0) {
        await appendAudit(trx, {
          actorUserId: null,
          action: 'purchase_request.approvers_changed',
          resourceType: 'purchase_request',
          resourceId: command.requestId,
          oldValues: { approvers: rows.map((row) => row.userId).sort() },
          newValues: { approvers: approvers.map((approver) => approver.id).sort(), removed: leaving, added },
        });
      }
      return { approvers, added };
    });
    return result;
  });
}

function stepRow(command: EscalateCommand) {
  return {
    requestId: command.requestId,
    stepSequence: command.stepSequence,
    round: command.round,
    stepId: command.stepId,
  };
}

async function stepApprovers(trx: Knex.Transaction, requestId: string, stepSequence: number): Promise<Approver[]> {
  const rows = await trx('requestStepApprovers')
    .join('users', 'users.id', 'requestStepApprovers.userId')
    .where({ requestId, stepSequence })
    .orderBy('users.username')
    .select('users.id', 'users.username', 'requestStepApprovers.reason');
  return rows.map((row: Approver) => ({ id: row.id, username: row.username, reason: row.reason }));
}

/** The people the current step still waits for (for finance review: every finance reviewer of the step). */
export async function pendingApprovers(
  knex: Knex,
  request: { id: string; status: RequestStatus; round: number; currentStepId: string | null },
): Promise<Approver[]> {
  if (!request.currentStepId || !(approvalStatuses.includes(request.status) || request.status === 'FINANCE_REVIEW'))
    return [];
  const rows = await knex('requestStepApprovers as rsa')
    .join('users', 'users.id', 'rsa.userId')
    .where({ 'rsa.requestId': request.id, 'rsa.isCurrent': true })
    .whereNotExists((q) => {
      q.from('approvals as ap').where('ap.actorId', knex.ref('rsa.userId')).where({
        'ap.requestId': request.id,
        'ap.round': request.round,
        'ap.stepId': request.currentStepId,
        'ap.action': 'APPROVE',
      });
    })
    .orderBy('users.username')
    .select('users.id', 'users.username', 'rsa.reason');
  return rows.map((row: Approver) => ({ id: row.id, username: row.username, reason: row.reason }));
}
