import type { Knex } from 'knex';
import type { OrderStatus } from '../../contracts/purchase-orders';
import type { SecretBox } from '../../activities/webhooks/secret-box';
import { verifyStandardWebhook } from '../../activities/webhooks/signature';
import { InboundEvent, IntegrationProvider, PurchaseOrder } from '../../db/models';
import { AppError, BadRequestError, ConflictError, NotFoundError, UnauthenticatedError } from '../http/errors';
import { closedOrderStatuses, withRunningWorkflow } from '../orders/order-commands';
import type { OrderWorkflows } from '../orders/order-workflow';

export interface InboundDeps {
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
export async function receiveInbound(deps: InboundDeps, request: InboundRequest): Promise<{ status: 'applied' | 'ignored' | 'duplicate'; event_id: string }> {
  const provider = await IntegrationProvider.query(deps.knex).whereRaw('lower(name) = ?', [request.provider.toLowerCase()]).where({ isActive: true }).first();
  const verified = provider && verifyStandardWebhook(deps.secretBox.open(provider.secretEncrypted), request.headers, request.rawBody, Math.floor(Date.now() / 1000));
  if (!provider || !verified) throw new UnauthenticatedError('The webhook signature or timestamp is not valid.');
  const eventId = request.headers.id as string;
  const body = request.body as { type?: unknown; data?: { order_id?: unknown; order_number?: unknown } };
  if (typeof body?.type !== 'string' || body.type.length > 100) throw new BadRequestError('The event needs a "type".');

  const [stored] = await deps.knex('inboundEvents')
    .insert({ providerId: provider.id, eventId, type: body.type, payload: JSON.stringify(body), status: 'ignored' })
    .onConflict(['providerId', 'eventId'])
    .ignore()
    .returning('id');
  if (!stored) return { status: 'duplicate', event_id: eventId };

  const target = applied[body.type];
  if (!target) return { status: 'ignored', event_id: eventId };
  try {
    const order = await findOrder(deps.knex, body.data);
    if (closedOrderStatuses.includes(order.status)) throw new ConflictError(`Order ${order.number} is ${order.status}; it cannot change any more.`);
    await withRunningWorkflow(() =>
      deps.workflows.changeStatus(order.id, { actor: { id: null, mayManage: true }, status: target, note: `${provider.name} event ${eventId}` }),
    );
    await InboundEvent.query(deps.knex).patchAndFetchById(stored.id, { status: 'applied', result: `order ${order.number} is ${target}` });
    return { status: 'applied', event_id: eventId };
  } catch (error) {
    const reason = error instanceof AppError || error instanceof Error ? error.message : String(error);
    await InboundEvent.query(deps.knex).patchAndFetchById(stored.id, { status: 'rejected', result: reason.slice(0, 1000) });
    throw error;
  }
}

async function findOrder(knex: Knex, data: { order_id?: unknown; order_number?: unknown } | undefined): Promise<PurchaseOrder> {
  const query = PurchaseOrder.query(knex);
  if (typeof data?.order_id === 'string' && /^[0-9a-f-]{36}$/i.test(data.order_id)) query.where('id', data.order_id);
  else if (typeof data?.order_number === 'string') query.where('number', data.order_number);
  else throw new BadRequestError('The event names no order: send data.order_id or data.order_number.');
  const order = await query.first();
  if (!order) throw new NotFoundError('No order matches this event.');
  return order;
}
