// Workflow-safe: the idempotency keys a workflow gives its persistence activities.
import { workflowInfo } from '@temporalio/workflow';

/**
 * Numbers a workflow's operations: `<workflow id>/<n>-<what>`. A retried activity sends the same key,
 * so the database applies it once; the count is carried across continue-as-new so keys never repeat.
 */
export class OperationKeys {
  constructor(public sequence = 0) {}

  next(what: string): string {
    return `${workflowInfo().workflowId}/${++this.sequence}-${what}`;
  }
}
