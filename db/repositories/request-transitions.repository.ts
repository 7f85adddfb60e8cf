import type { Knex } from 'knex';
import type { CallContext } from '../../contracts/call-context';
import type { RequestEdit, RequestStatus } from '../../contracts/purchase-requests';
import { definedOnly } from '../../lib/defined-only';
import type { ApprovalAction } from '../models';
import { appendAudit, callColumns } from './audit.repository';
import { writeOutboxEvent } from './outbox.repository';
import { assertComplete, routeOrRefuse, type Routing } from './request-checks';
import { RequestMissingError, RequestStateConflictError } from './request-errors';
import { once } from './request-operations';

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

/** Updates the request, writes its history row and its outbox event in one transaction, once per key. */
export async function applyTransition(
  knex: Knex,
  command: TransitionCommand,
  routing?: Routing,
): Promise<TransitionResult> {
  return knex.transaction(async (trx) => {
    const { applied, result } = await once(trx, command.requestId, command.operationKey, async () => {
      const { at, amount, currency } = await transitionIn(trx, command);
      const routed = routing && command.requireComplete ? routeOrRefuse(amount, currency, routing) : undefined;
      return { at, amount, ...(routed ? { routingAmount: routed } : {}) };
    });
    return { ...result, applied };
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
      ...definedOnly({
        status: patch.status,
        round: patch.round,
        currentStepId: patch.currentStepId,
        escalated: patch.escalated,
        rejectionComment: patch.rejectionComment,
        workflowTemplateId: patch.workflowTemplateId,
      }),
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
    const edit = () => saveEdit(trx, command, routing);
    return command.operationKey ? (await once(trx, command.requestId, command.operationKey, edit)).result : edit();
  });
}

async function saveEdit(
  trx: Knex.Transaction,
  command: EditCommand,
  routing?: Routing,
): Promise<{ amount: string; routingAmount?: string }> {
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
  return { amount: row.amount as string, ...(routed ? { routingAmount: routed } : {}) };
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
