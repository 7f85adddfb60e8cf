import type { Knex } from 'knex';
import type { CallContext } from '../../contracts/call-context';
import { convertMoney } from '../../contracts/money';
import type { Approver, RequestEdit, RequestStatus, StepSnapshot } from '../../contracts/purchase-requests';
import { missingForSubmit } from '../../contracts/request-completeness';
import type { ApprovalAction } from '../models';
import { appendAudit, callColumns } from './audit.repository';
import { writeOutboxEvent } from './outbox.repository';

export interface HistoryEntry {
  round: number;
  stepId: string | null;
  actorId: string | null;
  action: ApprovalAction;
  comment?: string;
  /** The API call behind the action: its token shows in the history, the audit row keeps the rest. */
  call?: CallContext;
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
  /**
   * Submit and resubmit: with the request row locked, its required fields and attachments must be
   * there and its currency routable, or nothing changes (RequestIncompleteError).
   */
  requireComplete?: boolean;
}

export interface TransitionResult {
  at: string;
  /** The request's amount after the transition, in its own currency. */
  amount: string;
  /** The amount in the approval thresholds' currency (what the workflow routes on); absent in old results. */
  routingAmount?: string;
  /** False when the key had been applied before (a retried activity). */
  applied: boolean;
}

/**
 * How amounts meet approval thresholds: thresholds are in `currency` (DEFAULT_CURRENCY); a request in
 * another currency is converted at `rates` (one unit's value in `currency`), or cannot be routed.
 */
export interface Routing {
  currency: string;
  rates: Record<string, string>;
}

export class RequestMissingError extends Error {}
export class RequestStateConflictError extends Error {}
/** The request may not be submitted as it is: field → messages, answered as a 400. */
export class RequestIncompleteError extends Error {
  constructor(
    readonly errors: Record<string, string[]>,
    message = 'The request is not complete enough to submit.',
  ) {
    super(message);
  }
}

/** The amount in the routing currency, or null when no rate converts the request's currency. */
export function routingAmount(amount: string, currency: string, routing: Routing): string | null {
  if (currency === routing.currency) return amount;
  const rate = Object.hasOwn(routing.rates, currency) ? routing.rates[currency] : undefined;
  return rate ? convertMoney(amount, rate) : null;
}

function routeOrRefuse(amount: string, currency: string, routing: Routing): string {
  const routed = routingAmount(amount, currency, routing);
  if (routed === null) {
    const message = `Approval thresholds are in ${routing.currency} and no exchange rate is configured for ${currency}: use ${routing.currency}${Object.keys(routing.rates).length ? ` or one of ${Object.keys(routing.rates).join(', ')}` : ''}.`;
    throw new RequestIncompleteError({ currency: [message] }, message);
  }
  return routed;
}

/**
 * Takes the request's row lock and answers its row while it is in one of `statuses`; otherwise
 * RequestStateConflictError (or RequestMissingError). Attachment changes go through here, so they
 * serialise with edits and submits and never land on a submitted request.
 */
export async function lockRequestIn(trx: Knex.Transaction, requestId: string, statuses: RequestStatus[]) {
  const row = await trx('purchaseRequests')
    .where({ id: requestId })
    .forUpdate()
    .first('id', 'status', 'formTemplateId', 'fieldValues');
  if (!row) throw new RequestMissingError(`purchase request ${requestId} does not exist`);
  if (!statuses.includes(row.status)) throw new RequestStateConflictError(`The request is ${row.status}.`);
  return row as {
    id: string;
    status: RequestStatus;
    formTemplateId: string;
    fieldValues: Record<string, string | boolean | null>;
  };
}

/** Refuses (RequestIncompleteError) unless the locked request has what its form requires. */
export async function assertComplete(
  trx: Knex.Transaction,
  request: { id: string; formTemplateId: string; fieldValues: Record<string, string | boolean | null> },
): Promise<void> {
  const template = await trx('formTemplates')
    .where({ id: request.formTemplateId })
    .first('requiredAttachmentCategories');
  const fields = await trx('formTemplateFields')
    .where({ formTemplateId: request.formTemplateId })
    .select('fieldId', 'required');
  const categories = (await trx('attachments').where({ requestId: request.id }).distinct('category')).map(
    (row: { category: string }) => row.category,
  );
  const errors = missingForSubmit(
    { fields, requiredAttachmentCategories: template?.requiredAttachmentCategories ?? [] },
    request.fieldValues ?? {},
    categories,
  );
  if (Object.keys(errors).length > 0) throw new RequestIncompleteError(errors);
}

/** Updates the request, writes its history row and its outbox event in one transaction, once per key. */
export async function applyTransition(
  knex: Knex,
  command: TransitionCommand,
  routing?: Routing,
): Promise<TransitionResult> {
  return knex.transaction(async (trx) => {
    const earlier = await claimOperation(trx, command.requestId, command.operationKey);
    if (earlier) return { ...(earlier as { at: string; amount: string; routingAmount?: string }), applied: false };
    const { at, amount, currency } = await transitionIn(trx, command);
    const routed = routing && command.requireComplete ? routeOrRefuse(amount, currency, routing) : undefined;
    await trx('requestOperations')
      .where({ operationKey: command.operationKey })
      .update({ result: { at, amount, ...(routed ? { routingAmount: routed } : {}) } });
    return { at, amount, ...(routed ? { routingAmount: routed } : {}), applied: true };
  });
}

/** The body of a transition inside a caller's transaction (also used by escalation and step entry). */
export async function transitionIn(
  trx: Knex.Transaction,
  command: TransitionCommand,
): Promise<{ at: string; amount: string; currency: string }> {
  const { patch = {}, history, event } = command;
  // The row lock every change of a request takes (edits, attachments, submits): they never interleave.
  const before = await trx('purchaseRequests')
    .where({ id: command.requestId })
    .forUpdate()
    .first('id', 'status', 'round', 'currentStepId', 'escalated', 'formTemplateId', 'fieldValues');
  if (command.requireComplete && before && (!command.expectStatus || command.expectStatus.includes(before.status)))
    await assertComplete(trx, before);
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
    if (exists)
      throw new RequestStateConflictError(
        `The request is ${exists.status}, not ${command.expectStatus?.join(' or ')}.`,
      );
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
      apiTokenId: history.call?.token?.id ?? null,
      createdAt: request.updatedAt,
    });
  }
  if (event) await writeEvent(trx, command.operationKey, event.type, request, event.data, at);
  await appendAudit(trx, {
    actorUserId: history?.actorId ?? null,
    ...callColumns(history?.call),
    action: `purchase_request.${history ? history.action.toLowerCase() : event ? event.type.replace(/^purchase_request\./, '') : 'updated'}`,
    resourceType: 'purchase_request',
    resourceId: command.requestId,
    oldValues: before
      ? {
          status: before.status,
          round: before.round,
          current_step_id: before.currentStepId,
          escalated: before.escalated,
        }
      : null,
    newValues: {
      status: request.status,
      round: request.round,
      current_step_id: request.currentStepId,
      escalated: request.escalated,
      ...(history?.comment ? { comment: history.comment } : {}),
    },
  });
  return { at, amount: request.amount, currency: request.currency };
}

/** Records the key; answers the stored result when the key was applied before. */
async function claimOperation(
  trx: Knex.Transaction,
  requestId: string,
  key: string,
): Promise<Record<string, unknown> | undefined> {
  const inserted = await trx('requestOperations')
    .insert({ operationKey: key, requestId })
    .onConflict('operationKey')
    .ignore()
    .returning('operationKey');
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
  call?: CallContext;
}

/**
 * Saves an edit while the request is still in an editable state (checked with the row locked, so an
 * edit never slips past a submit); answers the amount it now has. A RESUBMITTED request is under
 * way: the edit must leave it complete and routable.
 */
export async function applyEdit(
  knex: Knex,
  command: EditCommand,
  routing?: Routing,
): Promise<{ amount: string; routingAmount?: string }> {
  return knex.transaction(async (trx) => {
    const earlier = command.operationKey
      ? await claimOperation(trx, command.requestId, command.operationKey)
      : undefined;
    if (earlier) return earlier as { amount: string; routingAmount?: string };
    const { fieldValues, ...fields } = command.edit;
    const before = await trx('purchaseRequests').where({ id: command.requestId }).forUpdate().first();
    const [row] = await trx('purchaseRequests')
      .where({ id: command.requestId })
      .whereIn('status', command.expectStatus)
      .update({
        ...fields,
        ...(fieldValues ? { fieldValues: JSON.stringify(fieldValues) } : {}),
        updatedAt: trx.fn.now(),
      })
      .returning(['id', 'amount', 'currency', 'status', 'formTemplateId', 'fieldValues']);
    if (!row) throw new RequestStateConflictError('The request changed state while it was being edited.');
    let routed: string | undefined;
    if (row.status === 'RESUBMITTED') {
      await assertComplete(trx, row);
      if (routing) routed = routeOrRefuse(row.amount, row.currency, routing);
    }
    const changed = Object.keys(command.edit) as Array<keyof RequestEdit>;
    await appendAudit(trx, {
      actorUserId: command.actorId ?? null,
      ...callColumns(command.call),
      action: 'purchase_request.edited',
      resourceType: 'purchase_request',
      resourceId: command.requestId,
      oldValues: Object.fromEntries(changed.map((key) => [key, before?.[key] ?? null])),
      newValues: Object.fromEntries(changed.map((key) => [key, command.edit[key] ?? null])),
    });
    const result = { amount: row.amount as string, ...(routed ? { routingAmount: routed } : {}) };
    if (command.operationKey)
      await trx('requestOperations').where({ operationKey: command.operationKey }).update({ result });
    return result;
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
  await writeOutboxEvent(trx, {
    operationKey,
    type,
    aggregateType: 'purchase_request',
    aggregateId: request.id as string,
    data,
    at,
  });
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
    }
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
    const earlier = await claimOperation(trx, command.requestId, command.operationKey);
    if (earlier) return earlier as { approvers: Approver[]; added: string[] };
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
    const result = { approvers, added };
    await trx('requestOperations')
      .where({ operationKey: command.operationKey })
      .update({ result: JSON.stringify(result) });
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

function escalationComment(reason: EscalateCommand['reason']): string {
  return reason === 'no_eligible_approver'
    ? 'Nobody can approve this step: escalated to administrators and directors.'
    : 'The step waited past its escalation deadline: escalated to administrators and directors.';
}

/** Who an escalated step goes to: the active admins and the team's directors, never the requestor. */
async function escalationApprovers(trx: Knex.Transaction, teamId: string, requestorId: string): Promise<Set<string>> {
  const directors = await roleHolders(trx, teamId, 'DIRECTOR', requestorId);
  const admins: Array<{ id: string }> = await trx('users')
    .where({ isAdmin: true, isActive: true })
    .whereNot('id', requestorId)
    .select('id');
  return new Set([...admins, ...directors].map((user) => user.id));
}

async function roleHolders(
  trx: Knex.Transaction,
  teamId: string,
  role: string,
  requestorId: string,
): Promise<Array<{ id: string }>> {
  return trx('users')
    .distinct('users.id')
    .join('accessScopes', 'accessScopes.userId', 'users.id')
    .where('accessScopes.roleCode', role)
    .where((q) => q.where('accessScopes.teamId', teamId).orWhereNull('accessScopes.teamId'))
    .where('users.isActive', true)
    .where('users.isServiceAccount', false) // integrations never approve, whatever their scopes say
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
