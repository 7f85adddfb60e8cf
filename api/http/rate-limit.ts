import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import type { Config } from '../../config/config';
import { RateLimitedError } from './errors';
import type { AppContext, AppState } from './context';

interface Window {
  key: string;
  seconds: number;
  limit: number;
}

/** Liveness, readiness and metrics are for probes and scrapers: never counted. */
const probePaths = new Set(['/health', '/ready', '/metrics']);

export interface RateLimiter {
  /**
   * App-level, before any route: a call without credentials counts against its IP's anonymous limit
   * at once; a call with credentials that no route counted (a failed authentication, a body the
   * parser refused, a path or method no route knows) counts against its IP when it ends.
   */
  anonymous: Middleware<AppState>;
  /** Route-level, after authentication: counts the call against its principal (or its IP). */
  route: Middleware<AppState>;
}

/**
 * Counts each request in two fixed windows (an hour at the principal's or the IP's limit, a minute
 * at the burst limit) with one upsert, so every API process shares the same counters. The hourly
 * window is reported in X-RateLimit-*; whichever window is exceeded answers 429 with Retry-After.
 * Every call to the API is counted exactly once.
 */
export function rateLimiter(knex: Knex, limits: Config['rateLimits']): RateLimiter {
  // Expired windows are swept on a timer, off the request path (each request costs one statement).
  const sweep = setInterval(
    () => {
      void knex('rateLimitCounters')
        .where('windowStart', '<', new Date(Date.now() - 2 * 3600 * 1000))
        .delete()
        .catch(() => undefined);
    },
    10 * 60 * 1000,
  );
  sweep.unref();

  async function count(ctx: AppContext, asAnonymous = false): Promise<void> {
    ctx.state.rateCounted = true;
    const principal = asAnonymous ? undefined : ctx.state.principal;
    const who = principal
      ? principal.tokenId
        ? `token:${principal.tokenId}`
        : `user:${principal.userId}`
      : `ip:${ctx.ip.slice(0, 64)}`;
    const hourly = principal ? (principal.rateLimitPerHour ?? limits.authenticatedPerHour) : limits.anonymousPerHour;
    const windows: Window[] = [
      { key: `${who}:hour`, seconds: 3600, limit: hourly },
      { key: `${who}:minute`, seconds: 60, limit: limits.burstPerMinute },
    ];
    // Every caller of a tenant together: one tenant's load cannot take another's share (issue 15).
    if (principal) {
      const tenantLimit = principal.tenantRateLimitPerHour ?? limits.tenantPerHour;
      windows.push({ key: `tenant:${principal.tenantId}:hour`, seconds: 3600, limit: tenantLimit });
    }
    const now = Date.now();
    const starts = windows.map((window) => new Date(Math.floor(now / (window.seconds * 1000)) * window.seconds * 1000));
    const { rows } = await knex.raw(
      `INSERT INTO rate_limit_counters (key, window_start, count) VALUES ${windows.map(() => '(?, ?, 1)').join(', ')}
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
       RETURNING key, count`,
      windows.flatMap((window, index) => [window.key, starts[index]]),
    );
    const counts = new Map<string, number>(
      rows.map((row: { key: string; count: number }) => [row.key, Number(row.count)]),
    );
    const [, minute] = windows as [Window, Window];
    const hourEnd = Math.floor((starts[0] as Date).getTime() / 1000) + 3600;
    // The headers report the most restrictive hourly window: the caller's own, or its tenant's.
    const tightest = windows
      .filter((window) => window.seconds === 3600)
      .map((window) => ({ window, remaining: window.limit - (counts.get(window.key) ?? 0) }))
      .sort((a, b) => a.remaining - b.remaining || a.window.limit - b.window.limit)[0] as {
      window: Window;
      remaining: number;
    };
    ctx.set('X-RateLimit-Limit', String(tightest.window.limit));
    ctx.set('X-RateLimit-Remaining', String(Math.max(0, tightest.remaining)));
    ctx.set('X-RateLimit-Reset', String(hourEnd));
    if (tightest.remaining < 0) {
      const whose = tightest.window.key.startsWith('tenant:') ? ' by your organisation' : '';
      throw new RateLimitedError(
        hourEnd - now / 1000,
        `More than ${tightest.window.limit} requests this hour${whose}. Try again later.`,
      );
    }
    const minuteEnd = Math.floor((starts[1] as Date).getTime() / 1000) + minute.seconds;
    if ((counts.get(minute.key) ?? 0) > minute.limit)
      throw new RateLimitedError(minuteEnd - now / 1000, `More than ${minute.limit} requests this minute. Slow down.`);
  }

  /** A call that failed before a route counted it counts for its IP, as an anonymous one. */
  async function countUncounted(ctx: AppContext): Promise<void> {
    if (!ctx.state.rateCounted) await count(ctx, true);
  }

  return {
    anonymous: async (ctx, next) => {
      if (probePaths.has(ctx.path.replace(/\/+$/, ''))) return next();
      if (!ctx.get('Authorization')) {
        await count(ctx);
        return next();
      }
      try {
        await next();
      } catch (error) {
        await countUncounted(ctx);
        throw error;
      }
      await countUncounted(ctx);
    },
    route: async (ctx, next) => {
      if (!ctx.state.rateCounted) await count(ctx);
      await next();
    },
  };
}
