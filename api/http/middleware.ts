import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../lib/logger';
import type { Metrics } from '../observability/metrics';
import { toProblem } from './to-problem';

const requestIdPattern = /^[\w.:-]{1,128}$/;

/** Echoes a well-formed X-Request-Id or makes one; every log line of the request carries it. */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const requestId = requestIdPattern.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = logger.child({ request_id: requestId });
    ctx.set('X-Request-Id', requestId);
    await next();
  };
}

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Logs one line per request (never bodies or headers) and feeds the Prometheus metrics. */
export function accessLog(metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Labels come from a closed set, never from what a caller typed: a path no route matched is
      // `unmatched`, a method outside the HTTP standard's common ones is `OTHER`.
      const route = (ctx as { _matchedRoute?: string })._matchedRoute ?? 'unmatched';
      const method = knownMethods.has(ctx.method) ? ctx.method : 'OTHER';
      metrics.requests.inc({ method, route, status: String(ctx.status) });
      metrics.duration.observe({ method, route }, seconds);
      ctx.state.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(seconds * 1000),
          user: ctx.state.principal?.userId,
        },
        'request',
      );
    }
  };
}

/** Statuses the router leaves without a body (the `Allow` header it set stays on the answer). */
const unanswered: Record<number, string> = {
  404: 'No route matches this path.',
  405: 'This path does not support this method; the Allow header lists the ones it does.',
  501: 'No route supports this method.',
};

/** The single place where errors become RFC 9457 problem documents. */
export function problemResponses(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined && unanswered[ctx.status])
        ctx.throw(ctx.status, unanswered[ctx.status] as string, { expose: true });
    } catch (error) {
      const problem = toProblem(error);
      if (problem.unexpected) ctx.state.log.error({ err: error }, 'unhandled error');
      else if (problem.kind.status >= 500) ctx.state.log.warn({ err: error }, 'dependency unavailable');
      for (const [name, value] of Object.entries(problem.headers ?? {})) ctx.set(name, value);
      ctx.status = problem.kind.status;
      ctx.type = 'application/problem+json';
      ctx.body = {
        type: `/problems/${problem.kind.slug}`,
        title: problem.kind.title,
        status: problem.kind.status,
        detail: problem.detail,
        ...(problem.errors ? { errors: problem.errors } : {}),
        instance: ctx.originalUrl.split('?')[0],
        request_id: ctx.state.requestId,
      };
    }
  };
}

/** Trailing slashes are optional everywhere: routes are matched without them. */
export function optionalTrailingSlash(): Middleware {
  return async (ctx, next) => {
    if (ctx.path.length > 1 && ctx.path.endsWith('/')) ctx.path = ctx.path.replace(/\/+$/, '') || '/';
    await next();
  };
}
