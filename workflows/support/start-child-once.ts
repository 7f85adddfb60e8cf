// Workflow-safe: starting a child workflow that must exist exactly once.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild, type ChildWorkflowOptions } from '@temporalio/workflow';

/**
 * Starts a child that outlives this workflow (ABANDON) under a business id. Already running (the
 * start was recorded before a crash, or another run started it) is success: the id makes it one.
 */
export async function startChildOnce(
  workflowType: string,
  options: ChildWorkflowOptions & { workflowId: string; args: unknown[] },
): Promise<void> {
  try {
    await startChild(workflowType, { parentClosePolicy: ParentClosePolicy.ABANDON, ...options });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
