import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import { withTimeout } from '../../lib/with-timeout';

/** A workflow query that gives up after `timeoutMs` (no worker, or a closed workflow far away): null. */
export async function queryWithin<T>(
  handle: WorkflowHandle,
  query: QueryDefinition<T, []>,
  timeoutMs = 2000,
): Promise<T | null> {
  // The query never rejects (a failure reads as no answer), so the only rejection is the timeout.
  return withTimeout(
    handle.query(query).catch(() => null),
    timeoutMs,
  ).catch(() => null);
}
