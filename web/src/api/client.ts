import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, type Problem } from './problem';
import type { paths } from './schema';
import { tokenStore } from '../session/token-store';

/** The only way the app talks to the service: the documented API, typed from its OpenAPI document. */
export const api = createClient<paths>({ baseUrl: window.location.origin });

const SESSION_PATHS = '/api/auth/session/';

const auth: Middleware = {
  async onRequest({ request }) {
    // The session routes want the CSRF header; every other route wants the access token.
    request.headers.set('X-Requested-With', 'XMLHttpRequest');
    if (new URL(request.url).pathname.startsWith(SESSION_PATHS)) return request;
    const token = await tokenStore.fresh();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith(SESSION_PATHS)) {
      tokenStore.expired();
    }
    return response;
  },
};
api.use(auth);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an ApiError with the problem document: for TanStack Query's functions. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || !result.response.ok) {
    const retryAfter = Number(result.response.headers.get('Retry-After') ?? Number.NaN);
    throw new ApiError(
      result.response.status,
      isProblem(result.error) ? result.error : undefined,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  return result.data as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'detail' in value && 'status' in value;
}
