/**
 * The fault suite's calls against API processes: the test kit's client over fetch (tests/kit/), with
 * the fault suite's own draft defaults.
 */
import {
  ApiClient,
  draftBody as kitDraftBody,
  fetchTransport,
  type Answer,
  type CallOptions,
  type DraftInput,
  type Method,
} from '../../kit/api-client';

export { expectStatus, NoAnswerError, type Answer } from '../../kit/api-client';
export { sleep, until } from '../../kit/until';

const clients = new Map<string, ApiClient>();
/** One client per API process (its base URL). */
export function client(baseUrl: string): ApiClient {
  let existing = clients.get(baseUrl);
  if (!existing) clients.set(baseUrl, (existing = new ApiClient(fetchTransport(baseUrl))));
  return existing;
}

export function call(baseUrl: string, method: Method, path: string, options: CallOptions = {}): Promise<Answer> {
  return client(baseUrl).call(method, path, options);
}

export function loginAll<const U extends string>(baseUrl: string, usernames: readonly U[]): Promise<Record<U, string>> {
  return client(baseUrl).signInAll(usernames);
}

/** A draft's body with the fault suite's defaults (its vendor, description and budget code). */
export function draftBody(input: DraftInput) {
  return kitDraftBody({
    vendor: 'Fault GmbH',
    description: 'Created by the fault suite',
    ...input,
    budgetCode: input.budgetCode ?? 'MKT-FAULT',
  });
}

/** Creates a draft (as an INITIATOR) and answers its id; throws unless 201. */
export async function createDraft(baseUrl: string, token: string, input: DraftInput): Promise<string> {
  const res = await call(baseUrl, 'POST', '/api/prs/requests/', { token, body: draftBody(input) });
  if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** POST /api/prs/requests/{id}/{action}/ */
export function act(
  baseUrl: string,
  token: string,
  id: string,
  action: string,
  body: Record<string, unknown> = {},
  timeoutMs?: number,
): Promise<Answer> {
  return client(baseUrl).act(token, id, action, body, timeoutMs);
}

/** Runs `work` over `items` with at most `limit` at a time; answers results in input order. */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
