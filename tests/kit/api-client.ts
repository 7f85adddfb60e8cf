import request from 'supertest';
import { DEMO_PASSWORD } from '../../db/seeds/demo-data';

/**
 * One typed client of the API for the tests, the fault suite and the bench, over a transport:
 * supertest against an in-process server (`supertestTransport`) or fetch against a process
 * (`fetchTransport`, with client-side timeouts and "no answer" told apart from an answer).
 */
export interface Answer {
  status: number;
  contentType: string;
  requestId: string;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body of any route
  body: any;
}

export interface CallOptions {
  /** The access token (without "Bearer "). */
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Abort the call (client side) after this long; the server may still carry it through. */
  timeoutMs?: number;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Transport = (method: Method, path: string, options: CallOptions) => Promise<Answer>;

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

function requestHeaders(options: CallOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  return headers;
}

export function fetchTransport(baseUrl: string): Transport {
  return async (method, path, options) => {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: requestHeaders(options),
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
      headers: Object.fromEntries(res.headers.entries()),
      body,
    };
  };
}

/** `app`: an http.Server or a request handler (a Koa app's callback), as supertest takes it. */
export function supertestTransport(app: Parameters<typeof request>[0]): Transport {
  return async (method, path, options) => {
    const test = request(app)[method.toLowerCase() as Lowercase<Method>](path).set(requestHeaders(options));
    const res = await (options.body === undefined ? test : test.send(options.body as object));
    return {
      status: res.status,
      contentType: String(res.headers['content-type'] ?? ''),
      requestId: String(res.headers['x-request-id'] ?? ''),
      headers: res.headers as Record<string, string>,
      body: res.body,
    };
  };
}

export interface DraftInput {
  team: string;
  subject?: string;
  amount?: string;
  budgetCode?: string;
  vendor?: string;
  description?: string;
}

export class ApiClient {
  constructor(readonly call: Transport) {}

  /** Signs in through the real token endpoint; answers the token pair. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<{ access: string; refresh: string }> {
    const res = await this.call('POST', '/api/auth/token/', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login of ${username} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { access: res.body.access as string, refresh: res.body.refresh as string };
  }

  /** Signs each user in; answers their access tokens by name (typed by the names asked for). */
  async signInAll<const U extends string>(usernames: readonly U[]): Promise<Record<U, string>> {
    const tokens = {} as Record<U, string>;
    for (const username of usernames) tokens[username] = (await this.signIn(username)).access;
    return tokens;
  }

  /** Creates a draft (as an INITIATOR) and answers its id; throws unless 201. */
  async createDraft(token: string, input: DraftInput): Promise<string> {
    const res = await this.call('POST', '/api/prs/requests/', { token, body: draftBody(input) });
    if (res.status !== 201) throw new Error(`create answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  /** POST /api/prs/requests/{id}/{action}/ (submit, approve, reject, withdraw, complete). */
  act(token: string, id: string, action: string, body: Record<string, unknown> = {}, timeoutMs?: number) {
    return this.call('POST', `/api/prs/requests/${id}/${action}/`, { token, body, timeoutMs });
  }

  async detail(token: string, id: string) {
    const res = await this.call('GET', `/api/prs/requests/${id}/`, { token });
    if (res.status !== 200) throw new Error(`detail answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export function draftBody(input: DraftInput) {
  return {
    team: input.team,
    purchase_type: 'GOODS',
    vendor_name: input.vendor ?? 'Expo GmbH',
    subject: input.subject ?? 'Conference booth',
    description: input.description ?? 'Booth for the spring fair',
    amount: input.amount ?? '5000.00',
    field_values: { budget_code: input.budgetCode ?? 'MKT-2026' },
  };
}

/** Throws unless the answer has the expected status (with the body in the message). */
export function expectStatus(res: Answer, status: number, what: string): Answer {
  if (res.status !== status)
    throw new Error(`${what} answered ${res.status} (expected ${status}): ${JSON.stringify(res.body)}`);
  return res;
}
