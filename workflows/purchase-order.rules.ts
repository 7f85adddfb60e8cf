// Pure guards of the purchase-order workflow (domain.md "Purchase-order states").
import { orderTransitions, type OrderActor, type OrderStatus } from '../contracts/purchase-orders';
import { ErrorType } from '../contracts/errors';
import { notAnOrderManager } from '../contracts/request-guards';
import { refuse, refuseIf } from './purchase-request.rules';

function requireManager(actor: OrderActor): void {
  refuseIf(notAnOrderManager(actor.mayManage));
}

export function checkStatusChange(current: OrderStatus, actor: OrderActor, to: OrderStatus): void {
  requireManager(actor);
  if (to === 'shipped' && current === 'processing') {
    refuse(ErrorType.Conflict, 'An order ships when its shipment is recorded: use POST /api/shipping/.');
  }
  if (!orderTransitions[current].includes(to)) {
    const allowed = orderTransitions[current];
    refuse(
      ErrorType.Conflict,
      `An order that is ${current} cannot become ${to}${allowed.length ? `; it can become ${allowed.join(' or ')}` : ''}.`,
    );
  }
}

export function checkShip(current: OrderStatus, actor: OrderActor): void {
  requireManager(actor);
  if (current !== 'processing')
    refuse(ErrorType.Conflict, `Only an order in processing can ship; this one is ${current}.`);
}
