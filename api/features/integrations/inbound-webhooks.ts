import type { Knex } from 'knex';
import type { OrderStatus } from '../../../contracts/purchase-orders';
import type { SecretBox } from '../../../lib/webhooks/secret-box';
import { verifyStandardWebhook } from '../../../lib/webhooks/signature';
import { InboundEvent, IntegrationProvider, PurchaseOrder } from '../../../db/models';
import { BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from '../../http/errors';
import { toProblem } from '../../http/to-problem';
import { inboundProviderCandidates } from '../../../db/repositories/tenant-lookups.repository';
import { tenantKnex } from '../../../db/tenant-scope';
import { closedOrderStatuses, withRunningWorkflow } from '../orders/order-commands';
import type { OrderWorkflows } from '../orders/order-workflow';

export interface InboundDeps {
  /** The pool: the verified provider names the tenant the event is processed in. */
  knex: Knex;
  secretBox: SecretBox;
  workflows: OrderWorkflows;
}

/** The events a provider may push, and the order status each one asks for. */
const applied: Record<string, OrderStatus> = { 'order.confirmed': 'confirmed', 'shipment.delivered': 'delivered' };

export interface InboundRequest {
  provider: string;
  headers: { id?: string; timestamp?: string; signature?: string };
  rawBody: string;
  body: unknown;
}

/**
 * A signed event from an integration: verified (401 otherwise, without telling which part failed),
 * recorded once per event id (a repeat answers 200 and does nothing), and applied to the order's
 * workflow through the same validators as the API.
 */
export async function receiveInbound(
  deps: InboundDeps,
  request: InboundRequest,
): Promise<{ status: 'applied' | 'ignored' | 'duplicate'; event_id: string }> {
  const found = await verifiedProvider(deps, request);
  if (!found) throw new UnauthenticatedError('The webhook signature or timestamp is not valid.');
  const { provider } = found;
  const db = found.db;
  const eventId = request.headers.id as string;
  const body = request.body as { type?: unknown; data?: { order_id?: unknown; order_number?: unknown } };
  if (typeof body?.type !== 'string' || body.type.length > 100) throw new BadRequestError('The event needs a "type".');

  const stored = await claimEvent(db, provider.id, eventId, body);
  if (!stored) return { status: 'duplicate', event_id: eventId };

  const target = Object.hasOwn(applied, body.type) ? applied[body.type] : undefined; // a type may be "constructor"
  if (!target) {
    await InboundEvent.query(db).patchAndFetchById(stored, {
      status: 'ignored',
      result: 'no action for this type',
    });
    return { status: 'ignored', event_id: eventId };
  }
  try {
    const order = await findOrder(db, body.data);
    if (closedOrderStatuses.includes(order.status))
      throw new ConflictError(`Order ${order.number} is ${order.status}; it cannot change any more.`);
    await withRunningWorkflow(() =>
      deps.workflows.changeStatus(order.id, {
        actor: { id: null, mayManage: true },
        status: target,
        note: `${provider.name} event ${eventId}`,
      }),
    );
    await InboundEvent.query(db).patchAndFetchById(stored, {
      status: 'applied',
      result: `order ${order.number} is ${target}`,
    });
    return { status: 'applied', event_id: eventId };
  } catch (error) {
    const problem = toProblem(error);
    if (problem.kind.status >= 500) {
      // Not the event's fault (Temporal or the database is down): forget it so the provider's retry runs it.
      await InboundEvent.query(db).deleteById(stored);
    } else {
      await InboundEvent.query(db).patchAndFetchById(stored, {
        status: 'rejected',
        result: problem.detail.slice(0, 1000),
      });
    }
    throw error;
  }
}

/**
 * The provider that signed the event. Names are unique per tenant, so the name in the URL may match a
 * provider in several tenants (decision 0036): each candidate's secret is tried, under its tenant, and
 * the one that verifies the signature decides the tenant the event is processed in.
 */
async function verifiedProvider(
  deps: InboundDeps,
  request: InboundRequest,
): Promise<{ provider: IntegrationProvider; db: Knex } | undefined> {
  const now = Math.floor(Date.now() / 1000);
  for (const candidate of await inboundProviderCandidates(deps.knex, request.provider)) {
    const db = tenantKnex(deps.knex, candidate.tenantId);
    const provider = await IntegrationProvider.query(db).findById(candidate.providerId).where({ isActive: true });
    if (!provider) continue;
    const secret = deps.secretBox.open(provider.secretEncrypted);
    if (verifyStandardWebhook(secret, request.headers, request.rawBody, now)) return { provider, db };
  }
  return undefined;
}

const STALE_PENDING_MS = 60_000;

/**
 * Records the event as pending, or answers undefined when it was seen and finished before. A pending
 * one that is fresh is being processed right now (409: retry later); a stale one (a crash) is taken over.
 */
async function claimEvent(knex: Knex, providerId: string, eventId: string, body: unknown): Promise<string | undefined> {
  const [inserted] = await knex('inboundEvents')
    .insert({
      providerId,
      eventId,
      type: (body as { type: string }).type,
      payload: JSON.stringify(body),
      status: 'pending',
    })
    .onConflict(['providerId', 'eventId'])
    .ignore()
    .returning('id');
  if (inserted) return inserted.id;
  const taken = await knex('inboundEvents')
    .where({ providerId, eventId, status: 'pending' })
    .where('receivedAt', '<', new Date(Date.now() - STALE_PENDING_MS))
    .update({ receivedAt: knex.fn.now() })
    .returning('id');
  if (taken[0]) return taken[0].id;
  const existing = await knex('inboundEvents').where({ providerId, eventId }).first('status');
  if (existing?.status === 'pending') throw new ConflictError('This event is being processed; retry later.');
  return undefined;
}

async function findOrder(
  knex: Knex,
  data: { order_id?: unknown; order_number?: unknown } | undefined,
): Promise<PurchaseOrder> {
  const query = PurchaseOrder.query(knex);
  if (typeof data?.order_id === 'string' && /^[0-9a-f-]{36}$/i.test(data.order_id)) query.where('id', data.order_id);
  else if (typeof data?.order_number === 'string') query.where('number', data.order_number);
  else throw new BadRequestError('The event names no order: send data.order_id or data.order_number.');
  const order = await query.first();
  if (!order) throw new NotFoundError('No order matches this event.');
  return order;
}
