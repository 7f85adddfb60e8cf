import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import {
  PURCHASE_ORDER_WORKFLOW,
  changeOrderStatusUpdate,
  orderOpenedUpdate,
  orderStateQuery,
  purchaseOrderWorkflowId,
  shipOrderUpdate,
  type OrderCreation,
  type OrderState,
  type ShipArgs,
  type StatusChangeArgs,
} from '../../../contracts/purchase-orders';
import { queryWithin } from '../../temporal/query-within';
import { tenantSearchAttributes } from '../../../contracts/search-attributes';
import type { TemporalGateway } from '../../temporal/temporal-gateway';

/** How the API talks to an order's workflow; every change answers what the workflow decided. */
export function orderWorkflows(temporal: TemporalGateway) {
  const handle = (orderId: string): WorkflowHandle =>
    temporal.client.workflow.getHandle(purchaseOrderWorkflowId(orderId));
  return {
    /** Update-with-Start: the workflow stores the order and answers its number; nothing is left half made. */
    open(
      tenantId: string,
      orderId: string,
      confirmTimeoutHours: number,
      create: OrderCreation,
    ): Promise<{ id: string; number: string }> {
      const start = new WithStartWorkflowOperation(PURCHASE_ORDER_WORKFLOW, {
        workflowId: purchaseOrderWorkflowId(orderId),
        taskQueue: temporal.taskQueue,
        args: [{ orderId, tenantId, confirmTimeoutHours, create }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...tenantSearchAttributes(tenantId),
      });
      return temporal.client.workflow.executeUpdateWithStart(orderOpenedUpdate, {
        args: [],
        startWorkflowOperation: start,
      });
    },
    changeStatus: (orderId: string, args: StatusChangeArgs): Promise<OrderState> =>
      handle(orderId).executeUpdate(changeOrderStatusUpdate, { args: [args] }),
    ship: (orderId: string, args: ShipArgs): Promise<OrderState> =>
      handle(orderId).executeUpdate(shipOrderUpdate, { args: [args] }),
    state: (orderId: string): Promise<OrderState | null> => queryWithin(handle(orderId), orderStateQuery),
  };
}

export type OrderWorkflows = ReturnType<typeof orderWorkflows>;
