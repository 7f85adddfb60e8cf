/**
 * The access token, in memory only (web.md principle 4): never in localStorage, gone with the tab.
 * The refresh token is an HttpOnly cookie the app cannot read; `fresh()` trades it for a new access
 * token shortly before the current one expires, once even when many requests ask at the same moment.
 */
type Listener = (token: string | null) => void;

const REFRESH_MARGIN_SECONDS = 30;

export function createTokenStore(refresh: () => Promise<string | null>, now = () => Date.now()) {
  let token: string | null = null;
  let inFlight: Promise<string | null> | null = null;
  const listeners = new Set<Listener>();
  const set = (next: string | null) => {
    token = next;
    for (const listener of listeners) listener(next);
  };
  return {
    get current() {
      return token;
    },
    set,
    /** Called on a 401: the session is gone (revoked, password changed, expired). */
    expired() {
      if (token !== null) set(null);
    },
    async fresh(): Promise<string | null> {
      if (token === null) return null;
      const expiresAt = expiryOf(token);
      if (expiresAt === null || expiresAt - REFRESH_MARGIN_SECONDS * 1000 > now()) return token;
      inFlight ??= refresh().finally(() => {
        inFlight = null;
      });
      const next = await inFlight;
      set(next);
      return next;
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Milliseconds since the epoch at which a JWT expires, or null when it names none. */
export function expiryOf(jwt: string): number | null {
  const payload = jwt.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

let pendingRefresh: Promise<string | null> | null = null;

/**
 * Trades the session cookie for an access token (null when there is no live session). The cookie is
 * rotated on every use and presenting a used one revokes the session (decision 0031), so two
 * refreshes must never present the same cookie: callers in this tab share one request, and tabs of
 * this origin take turns through a Web Lock, each sending the cookie the one before it left.
 */
export function refreshFromCookie(): Promise<string | null> {
  pendingRefresh ??= oneTabAtATime(requestRefresh).finally(() => {
    pendingRefresh = null;
  });
  return pendingRefresh;
}

async function requestRefresh(): Promise<string | null> {
  const response = await fetch('/api/auth/session/refresh/', {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
    credentials: 'same-origin',
  });
  if (!response.ok) return null;
  const body = (await response.json()) as { access: string };
  return body.access;
}

async function oneTabAtATime<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? ((await locks.request('procurement-session-refresh', work)) as T) : work();
}

export const tokenStore = createTokenStore(refreshFromCookie);
