import type { Client } from '@temporalio/client';
import type { BenchContext } from '../context';
import { checked, requestBody } from '../helpers';
import { runLoad, type Call } from '../loader';

/** P2: latency of POST /approve, one at a time, against a minimal Update running one database activity. */
export async function measure(ctx: BenchContext) {
  const { approvals } = ctx.settings;
  ctx.log('P2: approve latency');
  const pending = await preparePendingRequests(ctx, approvals);
  const baselineIds = await prepareBaselineUpdates(ctx.temporal, ctx.baseline.taskQueue, approvals);
  const approveCall = (id: string): Call => ({
    method: 'POST',
    url: `${ctx.api.url}/api/prs/requests/${id}/approve/`,
    headers: { authorization: ctx.auth.bob },
    body: {},
  });
  const baselineCall = (id: string): Call => ({
    method: 'POST',
    url: `${ctx.baseline.url}/baseline/updates/${id}/`,
    body: {},
  });
  // Warm both paths on the first few, then measure the rest one at a time.
  const warm = 10;
  await runLoad({ kind: 'calls', concurrency: 1, calls: pending.slice(0, warm).map(approveCall) });
  await runLoad({ kind: 'calls', concurrency: 1, calls: baselineIds.slice(0, warm).map(baselineCall) });
  const baseline = checked(
    await runLoad({ kind: 'calls', concurrency: 1, calls: baselineIds.slice(warm).map(baselineCall) }),
    'P2 baseline',
  );
  const product = checked(
    await runLoad({ kind: 'calls', concurrency: 1, calls: pending.slice(warm).map(approveCall) }),
    'P2 product',
  );
  return { product: product.latencyMs, baseline: baseline.latencyMs };
}

/** Requests waiting at the manager step for bob and mallory: bob's approval is the measured Update. */
async function preparePendingRequests(ctx: BenchContext, count: number): Promise<string[]> {
  const apiUrl = ctx.api.url;
  const chains = Array.from({ length: count }, (): Call[] => [
    {
      method: 'POST',
      url: `${apiUrl}/api/prs/requests/`,
      headers: { authorization: ctx.auth.alice },
      body: { ...requestBody('500.00'), team: ctx.team },
      expect: 201,
    },
    {
      method: 'POST',
      url: `${apiUrl}/api/prs/requests/{id}/submit/`,
      headers: { authorization: ctx.auth.alice },
      body: {},
    },
  ]);
  checked(await runLoad({ kind: 'chains', concurrency: 8, chains }), 'P2 preparation');
  const ids: string[] = [];
  for (let page = 1; ids.length < count; page += 1) {
    const res = await fetch(`${apiUrl}/api/prs/requests/inbox/?page_size=100&page=${page}`, {
      headers: { authorization: ctx.auth.bob },
    });
    const body = (await res.json()) as { results: Array<{ id: string }>; next: string | null };
    ids.push(...body.results.map((row) => row.id));
    if (!body.next) break;
  }
  if (ids.length < count) throw new Error(`only ${ids.length} of ${count} requests reached bob's inbox`);
  return ids.slice(0, count);
}

async function prepareBaselineUpdates(temporal: Client, taskQueue: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `p2-${Date.now().toString(36)}-${i}`);
  for (let i = 0; i < ids.length; i += 20) {
    await Promise.all(
      ids.slice(i, i + 20).map((id) =>
        temporal.workflow.start('updateWithDatabaseActivity', {
          workflowId: `baseline-update-${id}`,
          taskQueue,
          args: [id, 1],
        }),
      ),
    );
  }
  return ids;
}
