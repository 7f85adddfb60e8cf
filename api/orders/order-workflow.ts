import type { WorkflowHandle } from '@temporalio/client';
import {
  PURCHASE_ORDER_WORKFLOW,
  changeOrderStatusUpdate,
  orderStateQuery,
  purchaseOrderWorkflowId,
  shipOrderUpdate,
  type OrderState,
  type ShipArgs,
  type StatusChangeArgs,
} from '../../contracts/purchase-orders';
import { queryWithin } from '../temporal/query-within';
import type { TemporalGateway } from '../temporal/temporal-gateway';

/** How the API talks to an order's workflow; every change answers what the workflow decided. */
export function orderWorkflows(temporal: TemporalGateway) {
  const handle = (orderId: string): WorkflowHandle => temporal.client.workflow.getHandle(purchaseOrderWorkflowId(orderId));
  return {
    async start(orderId: string, confirmTimeoutHours: number): Promise<void> {
      await temporal.client.workflow.start(PURCHASE_ORDER_WORKFLOW, {
        workflowId: purchaseOrderWorkflowId(orderId),
        taskQueue: temporal.taskQueue,
        args: [{ orderId, confirmTimeoutHours }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      });
    },
    changeStatus: (orderId: string, args: StatusChangeArgs): Promise<OrderState> => handle(orderId).executeUpdate(changeOrderStatusUpdate, { args: [args] }),
    ship: (orderId: string, args: ShipArgs): Promise<OrderState> => handle(orderId).executeUpdate(shipOrderUpdate, { args: [args] }),
    state: (orderId: string): Promise<OrderState | null> => queryWithin(handle(orderId), orderStateQuery),
  };
}

export type OrderWorkflows = ReturnType<typeof orderWorkflows>;
