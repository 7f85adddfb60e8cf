import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import {
  changeOrderStatusUpdate,
  orderOpenedUpdate,
  orderStateQuery,
  shipOrderUpdate,
  type OrderStatus,
  type OrderState,
  type PurchaseOrderInput,
  type StatusChangeCommandShape,
} from '../contracts/purchase-orders';
import { mailActivities, persistenceActivities } from './support/activity-options';
import { createLock } from './support/lock';
import { MailQueue } from './support/mail-queue';
import { OperationKeys } from './support/operation-keys';
import { checkShip, checkStatusChange } from './purchase-order.rules';

/**
 * One purchase order from pending to delivered or cancelled (domain.md). Status changes are Updates
 * whose validators refuse a wrong transition (409) or role (403); each persists through one activity.
 * A pending order that nobody confirms within the configured time is cancelled with a note.
 */
export async function purchaseOrderWorkflow(input: PurchaseOrderInput): Promise<OrderState> {
  const { orderId } = input;
  const db = persistenceActivities(input.tenantId);
  const mail = mailActivities(input.tenantId);
  const exclusive = createLock();
  const confirmBy = Date.now() + input.confirmTimeoutHours * 3_600_000;
  let status: OrderStatus = 'pending';
  let shipmentId: string | null = null;
  const keys = new OperationKeys();
  const outgoing = new MailQueue();
  const key = (what: string) => keys.next(what);
  const view = (): OrderState => ({
    orderId,
    status,
    confirmBy: status === 'pending' ? new Date(confirmBy).toISOString() : null,
    shipmentId,
  });

  const apply = async (change: Omit<StatusChangeCommandShape, 'orderId' | 'from' | 'operationKey'>) => {
    const from = status;
    const result = await db.recordOrderStatus({ ...change, orderId, from, operationKey: key(change.to) });
    status = change.to;
    if (result.shipmentId) shipmentId = result.shipmentId;
    if (change.to === 'shipped' || change.to === 'delivered') {
      outgoing.add(mail.sendOrderEmail({ orderId, kind: `order_${change.to}`, key: change.to }));
    }
  };

  let number: string | null = null;
  setHandler(orderStateQuery, view);
  setHandler(orderOpenedUpdate, async () => {
    await condition(() => number !== null);
    return { id: orderId, number: number as string };
  });
  setHandler(
    changeOrderStatusUpdate,
    (args) =>
      exclusive(async () => {
        checkStatusChange(status, args.actor, args.status); // again: the timer may have cancelled meanwhile
        await apply({ to: args.status, actorId: args.actor.id, note: args.note, call: args.call });
        return view();
      }),
    { validator: (args) => checkStatusChange(status, args.actor, args.status) },
  );
  setHandler(
    shipOrderUpdate,
    (args) =>
      exclusive(async () => {
        checkShip(status, args.actor);
        await apply({
          to: 'shipped',
          actorId: args.actor.id,
          note: args.note,
          shipment: args.shipment,
          call: args.call,
        });
        return view();
      }),
    { validator: (args) => checkShip(status, args.actor) },
  );

  if (input.create) {
    // A manual order: stored by this workflow, so it never exists without the workflow that moves it.
    ({ number } = await db.createOrderRecord({ orderId, order: input.create, operationKey: key('create') }));
  } else {
    number = '';
  }

  if (!(await condition(() => status !== 'pending', Math.max(1, confirmBy - Date.now())))) {
    await exclusive(async () => {
      if (status !== 'pending') return; // confirmed or cancelled by a person just before the timer
      const note = `Not confirmed within ${input.confirmTimeoutHours} hours: cancelled automatically.`;
      await apply({ to: 'cancelled', actorId: null, note, addNote: true });
    });
  }
  await condition(() => status === 'delivered' || status === 'cancelled');
  await condition(allHandlersFinished);
  await outgoing.drained();
  return view();
}
