import { WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import {
  PURCHASE_REQUEST_WORKFLOW,
  purchaseRequestWorkflowId,
  stateQuery,
  submitUpdate,
  type PurchaseRequestInput,
  type RequestState,
  type SubmitArgs,
  type WorkflowTemplateSnapshot,
} from '../../../contracts/purchase-requests';
import type { WorkflowTemplate } from '../../../db/models';
import { queryWithin } from '../../temporal/query-within';
import { tenantSearchAttributes } from '../../../contracts/search-attributes';
import type { TemporalGateway } from '../../temporal/temporal-gateway';

/** The pinned template as the workflow carries it (hours as numbers, money as decimal strings). */
export function templateSnapshot(template: WorkflowTemplate): WorkflowTemplateSnapshot {
  return {
    id: template.id,
    name: template.name,
    versionNumber: template.versionNumber,
    steps: (template.steps ?? []).map((step) => ({
      id: step.id,
      stepOrder: step.stepOrder,
      stepName: step.stepName,
      approverRole: step.approverRole,
      isFinanceReview: step.isFinanceReview,
      minAmount: step.minAmount,
      remindAfterHours: step.remindAfterHours === null ? null : Number(step.remindAfterHours),
      escalateAfterHours: step.escalateAfterHours === null ? null : Number(step.escalateAfterHours),
    })),
  };
}

/** How the API talks to a request's workflow: every call answers what the workflow decided. */
export function requestWorkflows(temporal: TemporalGateway) {
  const handle = (requestId: string): WorkflowHandle =>
    temporal.client.workflow.getHandle(purchaseRequestWorkflowId(requestId));
  return {
    /**
     * First submit: Update-with-Start. A second call for the same request finds the running workflow
     * (USE_EXISTING) and its validator refuses the repeat; a closed one is never started again.
     */
    async submitFirst(input: PurchaseRequestInput, args: SubmitArgs): Promise<RequestState> {
      const start = new WithStartWorkflowOperation(PURCHASE_REQUEST_WORKFLOW, {
        workflowId: purchaseRequestWorkflowId(input.requestId),
        taskQueue: temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        ...tenantSearchAttributes(input.tenantId),
      });
      return temporal.client.workflow.executeUpdateWithStart(submitUpdate, {
        args: [args],
        startWorkflowOperation: start,
      });
    },
    update<A>(requestId: string, update: UpdateDefinition<RequestState, [A]>, args: A): Promise<RequestState> {
      return handle(requestId).executeUpdate(update, { args: [args] });
    },
    /** The workflow's own view (deadlines, pending approvers), or null when it cannot answer quickly. */
    state: (requestId: string, timeoutMs = 2000): Promise<RequestState | null> =>
      queryWithin(handle(requestId), stateQuery, timeoutMs),
  };
}

export type RequestWorkflows = ReturnType<typeof requestWorkflows>;
