/** A plain HTTP client for the API processes (fetch), with per-call timeouts and connection errors told apart. */

export const DEMO_PASSWORD = 'demo-pass-123';

export interface Answer {
  status: number;
  contentType: string;
  requestId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Abort the call (client side) after this long; the server may still carry it through. */
  timeoutMs?: number;
}

/** The call never got an HTTP answer: refused, reset, or aborted by our own timeout. */
export class NoAnswerError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${method} ${path}: no answer (${reason})`);
  }
}

export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new NoAnswerError(method, path, cause?.code ?? cause?.message ?? (error as Error).name ?? String(error));
  }
  let text: string;
  try {
    text = await res.text();
  } catch (error) {
    throw new NoAnswerError(method, path, `body cut off: ${(error as Error).message}`);
  }
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    requestId: res.headers.get('x-request-id') ?? '',
    body,
  };
}

/** Logs in through the real token endpoint; answers the access token. */
export async function login(baseUrl: string, username: string): Promise<string> {
  const res = await call(baseUrl, 'POST', '/api/auth/token/', { body: { username, password: DEMO_PASSWORD } });
  if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.access as string;
}

export async function loginAll(baseUrl: string, usernames: string[]): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await login(baseUrl, username);
  return tokens;
}

export interface DraftInput {
  team: string;
  subject: string;
  amount: string;
  budgetCode?: string;
}

export function draftBody(input: DraftInput) {
  return {
    team: input.team,
    purchase_type: 'GOODS',
    vendor_name: 'Fault GmbH',
    subject: input.subject,
    description: 'Created by the fault suite',
    amount: input.amount,
    field_values: { budget_code: input.budgetCode ?? 'MKT-FAULT' },
  };
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
  return call(baseUrl, 'POST', `/api/prs/requests/${id}/${action}/`, { token, body, timeoutMs });
}

/** Throws unless the answer has the expected status (with the body in the message). */
export function expectStatus(res: Answer, status: number, what: string): Answer {
  if (res.status !== status)
    throw new Error(`${what} answered ${res.status} (expected ${status}): ${JSON.stringify(res.body)}`);
  return res;
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

/** Polls until `probe` answers something truthy. */
export async function until<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not reached within ${timeoutMs} ms${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    await sleep(intervalMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
