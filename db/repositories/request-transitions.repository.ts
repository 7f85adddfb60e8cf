import type { Knex } from 'knex';
import type { Approver, RequestEdit, RequestStatus, StepSnapshot } from '../../contracts/purchase-requests';
import type { ApprovalAction } from '../models';
import { appendAudit } from './audit.repository';
import { writeOutboxEvent } from './outbox.repository';

export interface HistoryEntry {
  round: number;
  stepId: string | null;
  actorId: string | null;
  action: ApprovalAction;
  comment?: string;
}

export interface RequestPatch {
  status?: RequestStatus;
  round?: number;
  currentStepId?: string | null;
  escalated?: boolean;
  rejectionComment?: string | null;
  workflowTemplateId?: string;
  /** Set the timestamp to the transaction's time. */
  submittedAt?: true;
  completedAt?: true;
}

export interface TransitionCommand {
  requestId: string;
  /** Deterministic per operation (from the workflow): applying a key twice changes nothing. */
  operationKey: string;
  history?: HistoryEntry;
  patch?: RequestPatch;
  /** Applies only while the request is in one of these states (guards against a racing change). */
  expectStatus?: RequestStatus[];
  event?: { type: string; data?: Record<string, unknown> };
}

export interface TransitionResult {
  at: string;
  /** The request's amount after the transition (what the workflow must route on). */
  amount: string;
  /** False when the key had been applied before (a retried activity). */
  applied: boolean;
}

export class RequestMissingError extends Error {}
export class RequestStateConflictError extends Error {}

/** Updates the request, writes its history row and its outbox event in one transaction, once per key. */
export async function applyTransition(knex: Knex, command: TransitionCommand): Promise<TransitionResult> {
  return knex.transaction(async (trx) => {
    const earlier = await claimOperation(trx, command.requestId, command.operationKey);
    if (earlier) return { ...(earlier as { at: string; amount: string }), applied: false };
    const { at, amount } = await transitionIn(trx, command);
    await trx('requestOperations').where({ operationKey: command.operationKey }).update({ result: { at, amount } });
    return { at, amount, applied: true };
  });
}

/** The body of a transition inside a caller's transaction (also used by escalation and step entry). */
export async function transitionIn(trx: Knex.Transaction, command: TransitionCommand): Promise<{ at: string; amount: string }> {
  const { patch = {}, history, event } = command;
  const before = await trx('purchaseRequests').where({ id: command.requestId }).forUpdate().first('status', 'round', 'currentStepId', 'escalated');
  const [request] = await trx('purchaseRequests')
    .where({ id: command.requestId })
    .modify((q) => {
      if (command.expectStatus) q.whereIn('status', command.expectStatus);
    })
    .update({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.round !== undefined ? { round: patch.round } : {}),
      ...(patch.currentStepId !== undefined ? { currentStepId: patch.currentStepId } : {}),
      ...(patch.escalated !== undefined ? { escalated: patch.escalated } : {}),
      ...(patch.rejectionComment !== undefined ? { rejectionComment: patch.rejectionComment } : {}),
      ...(patch.workflowTemplateId ? { workflowTemplateId: patch.workflowTemplateId } : {}),
      ...(patch.submittedAt ? { submittedAt: trx.fn.now() } : {}),
      ...(patch.completedAt ? { completedAt: trx.fn.now() } : {}),
      updatedAt: trx.fn.now(),
    })
    .returning('*');
  if (!request) {
    const exists = await trx('purchaseRequests').where({ id: command.requestId }).first('status');
    if (exists) throw new RequestStateConflictError(`The request is ${exists.status}, not ${command.expectStatus?.join(' or ')}.`);
    throw new RequestMissingError(`purchase request ${command.requestId} does not exist`);
  }
  const at = new Date(request.updatedAt).toISOString();
  if (history) {
    await trx('approvals').insert({
      requestId: command.requestId,
      round: history.round,
      stepId: history.stepId,
      actorId: history.actorId,
      action: history.action,
      comment: history.comment ?? '',
      operationKey: command.operationKey,
      createdAt: request.updatedAt,
    });
  }
  if (event) await writeEvent(trx, command.operationKey, event.type, request, event.data, at);
  await appendAudit(trx, {
    actorUserId: history?.actorId ?? null,
    action: `purchase_request.${history ? history.action.toLowerCase() : event ? event.type.replace(/^purchase_request\./, '') : 'updated'}`,
    resourceType: 'purchase_request',
    resourceId: command.requestId,
    oldValues: before ? { status: before.status, round: before.round, current_step_id: before.currentStepId, escalated: before.escalated } : null,
    newValues: { status: request.status, round: request.round, current_step_id: request.currentStepId, escalated: request.escalated, ...(history?.comment ? { comment: history.comment } : {}) },
  });
  return { at, amount: request.amount };
}

/** Records the key; answers the stored result when the key was applied before. */
async function claimOperation(trx: Knex.Transaction, requestId: string, key: string): Promise<Record<string, unknown> | undefined> {
  const inserted = await trx('requestOperations').insert({ operationKey: key, requestId }).onConflict('operationKey').ignore().returning('operationKey');
  if (inserted.length > 0) return undefined;
  const row = await trx('requestOperations').where({ operationKey: key }).first();
  return row.result as Record<string, unknown>;
}

export interface EditCommand {
  requestId: string;
  /** Who edits (the requestor), for the audit log. */
  actorId?: string | null;
  edit: RequestEdit;
  expectStatus: RequestStatus[];
  /** From a workflow: applying the key again changes nothing. */
  operationKey?: string;
}

/** Saves an edit while the request is still in an editable state; answers the amount it now has. */
export async function applyEdit(knex: Knex, command: EditCommand): Promise<{ amount: string }> {
  return knex.transaction(async (trx) => {
    const earlier = command.operationKey ? await claimOperation(trx, command.requestId, command.operationKey) : undefined;
    if (earlier) return earlier as { amount: string };
    const { fieldValues, ...fields } = command.edit;
    const before = await trx('purchaseRequests').where({ id: command.requestId }).forUpdate().first();
    const [row] = await trx('purchaseRequests')
      .where({ id: command.requestId })
      .whereIn('status', command.expectStatus)
      .update({ ...fields, ...(fieldValues ? { fieldValues: JSON.stringify(fieldValues) } : {}), updatedAt: trx.fn.now() })
      .returning(['amount']);
    if (!row) throw new RequestStateConflictError('The request changed state while it was being edited.');
    const changed = Object.keys(command.edit) as Array<keyof RequestEdit>;
    await appendAudit(trx, {
      actorUserId: command.actorId ?? null,
      action: 'purchase_request.edited',
      resourceType: 'purchase_request',
      resourceId: command.requestId,
      oldValues: Object.fromEntries(changed.map((key) => [key, before?.[key] ?? null])),
      newValues: Object.fromEntries(changed.map((key) => [key, command.edit[key] ?? null])),
    });
    if (command.operationKey) await trx('requestOperations').where({ operationKey: command.operationKey }).update({ result: { amount: row.amount } });
    return { amount: row.amount };
  });
}

async function writeEvent(
  trx: Knex.Transaction,
  operationKey: string,
  type: string,
  request: Record<string, unknown>,
  extra: Record<string, unknown> | undefined,
  at: string,
): Promise<void> {
  const data = {
    purchase_request: {
      id: request.id,
      status: request.status,
      round: request.round,
      team_id: request.teamId,
      requestor_id: request.requestorId,
      subject: request.subject,
      vendor_name: request.vendorName,
      amount: request.amount,
      currency: request.currency,
      current_step_id: request.currentStepId,
    },
    ...extra,
  };
  await writeOutboxEvent(trx, { operationKey, type, aggregateType: 'purchase_request', aggregateId: request.id as string, data, at });
}

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
    const earlier = await claimOperation(trx, command.requestId, command.operationKey);
    if (!earlier) {
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
    }
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

/** Escalates a step to the admins and the team's directors, who may then decide it alone. */
export async function escalateStep(knex: Knex, command: EscalateCommand): Promise<Approver[]> {
  return knex.transaction(async (trx) => {
    const earlier = await claimOperation(trx, command.requestId, command.operationKey);
    if (!earlier) {
      const request = await trx('purchaseRequests').where({ id: command.requestId }).first('teamId');
      if (!request) throw new RequestMissingError(`purchase request ${command.requestId} does not exist`);
      const directors = await roleHolders(trx, request.teamId, 'DIRECTOR', command.requestorId);
      const admins = await trx('users').where({ isAdmin: true, isActive: true }).whereNot('id', command.requestorId).select('id');
      const ids = [...new Set([...admins, ...directors].map((user: { id: string }) => user.id))];
      if (ids.length > 0) {
        await trx('requestStepApprovers')
          .insert(ids.map((userId) => ({ ...stepRow(command), userId, reason: 'escalation' })))
          .onConflict(['requestId', 'stepSequence', 'userId'])
          .ignore();
      }
      await transitionIn(trx, {
        requestId: command.requestId,
        operationKey: command.operationKey,
        history: { round: command.round, stepId: command.stepId, actorId: null, action: 'ESCALATE', comment: escalationComment(command.reason) },
        patch: { escalated: true },
        event: { type: 'purchase_request.escalated', data: { reason: command.reason, step_id: command.stepId } },
      });
    }
    return stepApprovers(trx, command.requestId, command.stepSequence);
  });
}

function stepRow(command: EscalateCommand) {
  return { requestId: command.requestId, stepSequence: command.stepSequence, round: command.round, stepId: command.stepId };
}

function escalationComment(reason: EscalateCommand['reason']): string {
  return reason === 'no_eligible_approver'
    ? 'Nobody can approve this step: escalated to administrators and directors.'
    : 'The step waited past its escalation deadline: escalated to administrators and directors.';
}

async function roleHolders(trx: Knex.Transaction, teamId: string, role: string, requestorId: string): Promise<Array<{ id: string }>> {
  return trx('users')
    .distinct('users.id')
    .join('accessScopes', 'accessScopes.userId', 'users.id')
    .where('accessScopes.roleCode', role)
    .where((q) => q.where('accessScopes.teamId', teamId).orWhereNull('accessScopes.teamId'))
    .where('users.isActive', true)
    .whereNot('users.id', requestorId);
}

async function stepApprovers(trx: Knex.Transaction, requestId: string, stepSequence: number): Promise<Approver[]> {
  const rows = await trx('requestStepApprovers')
    .join('users', 'users.id', 'requestStepApprovers.userId')
    .where({ requestId, stepSequence })
    .orderBy('users.username')
    .select('users.id', 'users.username', 'requestStepApprovers.reason');
  return rows.map((row: Approver) => ({ id: row.id, username: row.username, reason: row.reason }));
}
