import os from 'node:os';
import { ApiClient, fetchTransport } from '../tests/kit/api-client';
import { until } from '../tests/kit/until';
import { benchUsers, type Auth, type BenchContext } from './context';
import { runLoad, type Call } from './loader';

/** A load run with any failed call measured nothing: stop the bench with the first error. */
export function checked<T extends { errors: number; firstError?: string }>(result: T, what: string): T {
  if (result.errors > 0) throw new Error(`${what}: ${result.errors} calls failed, first: ${result.firstError}`);
  return result;
}

/** Signs every bench user in through the test kit's client; answers their Authorization headers. */
export async function loginAll(apiUrl: string): Promise<Auth> {
  const tokens = await new ApiClient(fetchTransport(apiUrl)).signInAll(benchUsers);
  return Object.fromEntries(Object.entries(tokens).map(([user, token]) => [user, `Bearer ${token}`])) as Auth;
}

/** Alice's Marketing team, from her access scopes. */
export async function marketingTeam(apiUrl: string, authorization: string): Promise<string> {
  const res = await fetch(`${apiUrl}/api/me/`, { headers: { authorization } });
  const me = (await res.json()) as { access_scopes: Array<{ team: { id: string; name: string } | null }> };
  const marketing = me.access_scopes.map((scope) => scope.team).find((team) => team?.name === 'Marketing')?.id;
  if (!marketing) throw new Error(`cannot find alice's team in /api/users/me/: ${JSON.stringify(me)}`);
  return marketing;
}

export const requestBody = (amount: string) => ({
  team: '{team}',
  purchase_type: 'GOODS',
  vendor_name: 'Bench Supplies',
  subject: 'Benchmark purchase',
  amount,
  field_values: { budget_code: 'BENCH' },
});

const listCalls = (base: string, pathName: string, headers: Record<string, string>) =>
  [1, 2, 3, 4].map((page): Call => ({
    method: 'GET',
    url: `${base}${pathName}?page=${page}&page_size=25`,
    headers,
  }));

/** Pages 1–4 of the product's request list, as admin (P1, P5, the P6 soak). */
export const productList = (ctx: BenchContext) =>
  listCalls(ctx.api.url, '/api/prs/requests/', { authorization: ctx.auth.admin });

/** The same pages of the baseline's list. */
export const baselineList = (ctx: BenchContext) => listCalls(ctx.baseline.url, '/baseline/requests/', {});

/** Latency of calls made one at a time, after a warm-up (P5, and the warm-up before P1). */
export async function latencyOf(ctx: BenchContext, calls: Call[]) {
  await runLoad({ kind: 'calls', concurrency: 1, calls: calls.slice(0, 4).concat(calls, calls) }); // warm-up
  return runLoad({
    kind: 'calls',
    concurrency: 1,
    calls: Array.from({ length: ctx.settings.latencyCalls }, (_, i) => calls[i % calls.length] as Call),
  });
}

/** The 3-step chain of the demo template: create, submit, two managers, the director, finance completes. */
export function productChains(ctx: BenchContext, count: number): Call[][] {
  const { auth, team } = ctx;
  const apiUrl = ctx.api.url;
  const act = (who: keyof Auth, action: string): Call => ({
    method: 'POST',
    url: `${apiUrl}/api/prs/requests/{id}/${action}/`,
    headers: { authorization: auth[who] },
    body: {},
  });
  return Array.from({ length: count }, () => [
    {
      method: 'POST',
      url: `${apiUrl}/api/prs/requests/`,
      headers: { authorization: auth.alice },
      body: { ...requestBody('5000.00'), team },
      expect: 201,
    },
    act('alice', 'submit'),
    act('bob', 'approve'),
    act('mallory', 'approve'),
    act('carol', 'approve'),
    act('frank', 'complete'),
  ]);
}

export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  await until(check, { what: `waiting for ${what}`, timeoutMs });
}

export const round = (value: number) => Math.round(value * 100) / 100;

/** The machine a result was measured on. */
export function machine() {
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}
