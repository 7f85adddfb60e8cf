import type { Knex } from 'knex';
import { Approval, Email, OrderStatusChange, OutboxEvent, PurchaseOrder } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { findVisibleRequest } from './request-access';
import { maySeeOrderOf } from './request-queries';
import type { RequestWorkflows } from './request-workflow';
import { isoTime as iso } from '../../http/iso';

export interface TimelineEntry {
  at: string;
  kind: 'history' | 'email' | 'event' | 'order';
  type: string;
  summary: string;
  actor: { id: string; username: string } | null;
  details: Record<string, unknown>;
}

/** Everything that happened to a request, oldest first: history rows, e-mails, published events. */
export async function requestTimeline(
  deps: { knex: Knex; workflows: RequestWorkflows },
  principal: Principal,
  id: string,
) {
  const request = await findVisibleRequest(deps.knex, id, principal);
  const order = (await maySeeOrderOf(deps.knex, request, principal))
    ? await PurchaseOrder.query(deps.knex).where({ purchaseRequestId: id }).first()
    : undefined;
  const [history, emails, events, state, orderHistory] = await Promise.all([
    Approval.query(deps.knex).where({ requestId: id }).withGraphFetched('[actor, step, apiToken]').orderBy('createdAt'),
    Email.query(deps.knex).where({ relatedType: 'purchase_request', relatedId: id }).orderBy('createdAt'),
    OutboxEvent.query(deps.knex).where({ aggregateType: 'purchase_request', aggregateId: id }).orderBy('occurredAt'),
    request.status === 'DRAFT' ? null : deps.workflows.state(id),
    order
      ? OrderStatusChange.query(deps.knex).where({ orderId: order.id }).withGraphFetched('actor').orderBy('createdAt')
      : [],
  ]);
  const entries: TimelineEntry[] = [
    ...history.map((row) => ({
      at: iso(row.createdAt),
      kind: 'history' as const,
      type: row.action,
      summary: `${row.actor?.username ?? 'workflow'}: ${row.action}${row.step ? ` at "${row.step.stepName}"` : ''} (round ${row.round})${row.apiToken ? ` via API token "${row.apiToken.name}"` : ''}`,
      actor: row.actor ? { id: row.actor.id, username: row.actor.username } : null,
      details: {
        comment: row.comment,
        round: row.round,
        step_id: row.stepId,
        via_api_token: row.apiToken ? { id: row.apiToken.id, name: row.apiToken.name } : null,
      },
    })),
    ...emails.map((row) => ({
      at: iso(row.sentAt ?? row.createdAt),
      kind: 'email' as const,
      type: row.kind,
      summary: `E-mail "${row.subject}" to ${row.toAddress}: ${row.status}`,
      actor: null,
      details: {
        to: row.toAddress,
        subject: row.subject,
        status: row.status,
        attempts: row.attempts,
        message_id: row.messageId,
      },
    })),
    ...events.map((row) => ({
      at: iso(row.occurredAt),
      kind: 'event' as const,
      type: row.type,
      summary: `Event ${row.type} (${row.id})`,
      actor: null,
      details: { event_id: row.id, published_at: row.publishedAt ? iso(row.publishedAt) : null },
    })),
    ...orderHistory.map((row) => ({
      at: iso(row.createdAt),
      kind: 'order' as const,
      type: row.toStatus,
      summary: `Order ${order?.number}: ${row.fromStatus ?? 'opened'} → ${row.toStatus}${row.note ? ` (${row.note})` : ''}`,
      actor: row.actor ? { id: row.actor.id, username: row.actor.username } : null,
      details: { order_id: row.orderId, from_status: row.fromStatus, to_status: row.toStatus, note: row.note },
    })),
  ].sort((a, b) => a.at.localeCompare(b.at) || kindOrder[a.kind] - kindOrder[b.kind]);
  return {
    id,
    status: request.status,
    workflow: state
      ? {
          status: state.status,
          round: state.round,
          pending_approvers: state.pendingApprovers,
          remind_at: state.remindAt,
          escalate_at: state.escalateAt,
          escalated: state.escalated,
        }
      : null,
    purchase_order: order ? { id: order.id, number: order.number, status: order.status } : null,
    entries,
  };
}

const kindOrder = { history: 0, order: 1, event: 2, email: 3 };
