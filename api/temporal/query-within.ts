import type { WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

/** A workflow query that gives up after `timeoutMs` (no worker, or a closed workflow far away): null. */
export async function queryWithin<T>(
  handle: WorkflowHandle,
  query: QueryDefinition<T, []>,
  timeoutMs = 2000,
): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([handle.query(query).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
