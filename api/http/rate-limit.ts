import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import type { Config } from '../../config/config';
import { RateLimitedError } from './errors';
import type { AppState } from './route';

interface Window {
  key: string;
  seconds: number;
  limit: number;
}

/**
 * Counts each request in two fixed windows (an hour at the principal's or the IP's limit, a minute
 * at the burst limit) with one upsert, so every API process shares the same counters. The hourly
 * window is reported in X-RateLimit-*; whichever window is exceeded answers 429 with Retry-After.
 */
export function rateLimit(knex: Knex, limits: Config['rateLimits']): Middleware<AppState> {
  // Expired windows are swept on a timer, off the request path (each request costs one statement).
  const sweep = setInterval(() => {
    void knex('rateLimitCounters').where('windowStart', '<', new Date(Date.now() - 2 * 3600 * 1000)).delete().catch(() => undefined);
  }, 10 * 60 * 1000);
  sweep.unref();
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    const who = principal ? (principal.tokenId ? `token:${principal.tokenId}` : `user:${principal.userId}`) : `ip:${ctx.ip.slice(0, 64)}`;
    const hourly = principal ? (principal.rateLimitPerHour ?? limits.authenticatedPerHour) : limits.anonymousPerHour;
    const windows: Window[] = [
      { key: `${who}:hour`, seconds: 3600, limit: hourly },
      { key: `${who}:minute`, seconds: 60, limit: limits.burstPerMinute },
    ];
    const now = Date.now();
    const starts = windows.map((window) => new Date(Math.floor(now / (window.seconds * 1000)) * window.seconds * 1000));
    const { rows } = await knex.raw(
      `INSERT INTO rate_limit_counters (key, window_start, count) VALUES ${windows.map(() => '(?, ?, 1)').join(', ')}
       ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
       RETURNING key, count`,
      windows.flatMap((window, index) => [window.key, starts[index]]),
    );
    const counts = new Map<string, number>(rows.map((row: { key: string; count: number }) => [row.key, Number(row.count)]));
    const [hour, minute] = windows as [Window, Window];
    const hourEnd = Math.floor((starts[0] as Date).getTime() / 1000) + hour.seconds;
    ctx.set('X-RateLimit-Limit', String(hour.limit));
    ctx.set('X-RateLimit-Remaining', String(Math.max(0, hour.limit - (counts.get(hour.key) ?? 0))));
    ctx.set('X-RateLimit-Reset', String(hourEnd));
    if ((counts.get(hour.key) ?? 0) > hour.limit) throw new RateLimitedError(hourEnd - now / 1000, `More than ${hour.limit} requests this hour. Try again later.`);
    const minuteEnd = Math.floor((starts[1] as Date).getTime() / 1000) + minute.seconds;
    if ((counts.get(minute.key) ?? 0) > minute.limit) throw new RateLimitedError(minuteEnd - now / 1000, `More than ${minute.limit} requests this minute. Slow down.`);
    await next();
  };
}
