import type { AppContext } from '../../http/context';
import { ForbiddenError } from '../../http/errors';

/**
 * Browser sessions (web.md principle 4): the web app keeps its access token in memory only, and its
 * refresh token in this cookie — HttpOnly (no script reads it), SameSite=Strict (no other site sends
 * it), scoped to the session routes, Secure when PUBLIC_BASE_URL is https. Rotated on every refresh
 * like the JSON flow's tokens, cleared on logout. Every session route also needs the header below: a
 * cross-site form cannot set a custom header, and CORS lets only the allowed origins try.
 */
export const SESSION_COOKIE = 'prs_session';
export const SESSION_PATH = '/api/auth/session';
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_VALUE = 'XMLHttpRequest';

/** Refuses (403) a session call without the CSRF header, before anything is read or changed. */
export function requireCsrfHeader(ctx: AppContext): void {
  if (ctx.get(CSRF_HEADER) !== CSRF_VALUE)
    throw new ForbiddenError(`Browser session calls need the header "${CSRF_HEADER}: ${CSRF_VALUE}".`);
}

export function sessionToken(ctx: AppContext): string | undefined {
  const value = ctx.cookies.get(SESSION_COOKIE);
  return value && value.length <= 200 ? value : undefined;
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${SESSION_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The Set-Cookie header that keeps `refresh` for the browser. */
export const keepSession = (refresh: string, ttlSeconds: number, secure: boolean) => ({
  'Set-Cookie': cookie(refresh, ttlSeconds, secure),
});

/** The Set-Cookie header that removes it. */
export const clearSession = (secure: boolean) => ({ 'Set-Cookie': cookie('', 0, secure) });
