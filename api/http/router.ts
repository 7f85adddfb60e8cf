import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { AppContext, AppState } from './context';
import type { AnyRoute, RouteResult } from './route';
import { readMultipart, type UploadedFile } from './multipart';
import type { Knex } from 'knex';
import { beginIdempotent, finishIdempotent, releaseIdempotent } from './idempotency';
import { auditApiCall } from './audit-trail';
import { toProblem } from './to-problem';
import { createHash } from 'node:crypto';
import bodyParser from '@koa/bodyparser';
import { BadRequestError, ForbiddenError, UnauthenticatedError, UnsupportedMediaTypeError } from './errors';
import { MAX_JSON_DEPTH, nestingDepth } from './nesting';
import { parseOrThrow } from './validate';
import type { Principal } from '../auth/principal';
import type { CallContext } from '../../contracts/call-context';
import { tenantKnex } from '../../db/tenant-scope';

export interface RouterOptions {
  /** Resolves the caller for non-public routes, or throws UnauthenticatedError. */
  authenticate: Middleware<AppState>;
  /** In tests, answers are checked against their documented schema so docs and code cannot drift. */
  validateResponses: boolean;
  /** Per-file limit of multipart uploads (MAX_UPLOAD_BYTES). */
  maxUploadBytes: number;
  /** Counts the request against the caller's limits (after authentication, so it knows the caller). */
  rateLimit: Middleware<AppState>;
  /** The pool: each call works on it under its caller's tenant (idempotency keys, audit, the handler). */
  knex: Knex;
}

export const JSON_BODY_LIMIT = '1mb';
// `jsonStrict: false`: a top-level 42, null or "text" is parsed and then refused by the route's schema.
const parseJson = bodyParser({
  enableTypes: ['json'],
  jsonLimit: JSON_BODY_LIMIT,
  encoding: 'utf-8',
  jsonStrict: false,
});

export const apiPrefixes = ['/api', '/api/v1'];

/**
 * Builds one Koa router from route definitions; each route answers under every prefix of its mount.
 * Per route, in order: authentication, the rate limit, the token's scope and the admin requirement,
 * the route's own `authorize` (with the path parameters), and only then the body is read and validated.
 */
export function buildRouter(routes: AnyRoute[], options: RouterOptions): Router<AppState> {
  const router = new Router<AppState>();
  for (const route of routes) {
    if (route.auth !== 'public' && route.scope === undefined) {
      throw new Error(`Route ${route.operationId} must state its API-token scope (null closes it to tokens).`);
    }
    const prefixes = (route.mount ?? 'api') === 'api' ? apiPrefixes : [''];
    const middleware: Middleware<AppState>[] = [];
    if (route.auth !== 'public') middleware.push(options.authenticate);
    if (route.mount !== 'root') middleware.push(options.rateLimit); // health, readiness and metrics are for probes
    if (route.auth !== 'public') middleware.push(requireRole(route));
    middleware.push(handle(route, options));
    for (const prefix of prefixes) router[route.method](koaPath(prefix + route.path), ...middleware);
  }
  return router;
}

/** `/users/{id}/` → `/users/:id` (trailing slashes are stripped before routing). */
export function koaPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1').replace(/\/+$/, '') || '/';
}

/**
 * API tokens act with their owner's rights, narrowed to the routes their scopes open: a token may
 * call a route only when it holds the route's scope, and an admin route only when its owner is an
 * admin (docs: "What a token may call").
 */
function requireRole(route: AnyRoute): Middleware<AppState> {
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    if (!principal) throw new UnauthenticatedError();
    if (principal.via === 'token') {
      if (!route.scope) throw new ForbiddenError('This route is not available to API tokens.');
      if (!principal.scopes?.includes(route.scope))
        throw new ForbiddenError(`This API token lacks the "${route.scope}" scope.`);
    }
    if (route.auth === 'admin' && !principal.isAdmin)
      throw new ForbiddenError('This action requires an administrator.');
    await next();
  };
}

function handle(route: AnyRoute, options: RouterOptions): Middleware<AppState> {
  return async (ctx) => {
    const params = parseOrThrow(route.params, ctx.params, 'path');
    const principal = ctx.state.principal;
    const db = principal ? tenantKnex(options.knex, principal.tenantId) : options.knex;
    if (principal && route.method === 'get' && route.readTransaction !== false) {
      // A signed-in read: authorize and handler in one transaction under the tenant (decision 0036).
      let handled = false;
      try {
        const result = await db.transaction(async (trx) => {
          if (route.authorize) await route.authorize({ params, principal, ctx, db: trx });
          const query = parseOrThrow(route.query, ctx.query, 'query');
          handled = true;
          return route.handler({
            params,
            query,
            body: undefined,
            files: [],
            ctx,
            principal,
            db: trx,
            call: callContext(ctx),
          });
        });
        return await answer(ctx, route, options, result, db, params);
      } catch (error) {
        if (handled && principal.via === 'token')
          await auditApiCall(db, ctx, route, toProblem(error).kind.status, params, undefined).catch(() => undefined);
        throw error;
      }
    }
    if (route.authorize) await route.authorize({ params, principal: principal as Principal, ctx, db });
    const query = parseOrThrow(route.query, ctx.query, 'query');
    const { raw, files } = await readBody(ctx, route, options.maxUploadBytes);
    const body = route.body ? parseOrThrow(route.body, raw, 'body') : undefined;
    const idempotencyKey = route.idempotent && ctx.state.principal ? ctx.get('Idempotency-Key') : '';
    const fingerprint = [
      ctx.method,
      route.path,
      ctx.params,
      raw,
      files.map((file) => [file.filename, file.data.length, createHash('sha256').update(file.data).digest('hex')]),
    ];
    const begun = idempotencyKey
      ? await beginIdempotent(db, ctx.state.principal as Principal, idempotencyKey, fingerprint)
      : undefined;
    if (begun && 'replay' in begun) {
      ctx.set('Idempotent-Replayed', 'true');
      ctx.status = begun.replay.status;
      if (begun.replay.body !== null) ctx.body = begun.replay.body;
      await auditApiCall(db, ctx, route, begun.replay.status, params, raw);
      return;
    }
    const claim = begun?.claim;
    let result;
    try {
      result = await route.handler({
        params,
        query,
        body,
        files,
        ctx,
        principal: principal as Principal,
        db,
        call: callContext(ctx),
      });
    } catch (error) {
      const refused = toProblem(error).kind.status < 500;
      // A refusal changed nothing: its key may be reused. After a server-side failure the action may
      // have happened; the key stays taken until its lease runs out.
      if (claim && refused) await releaseIdempotent(db, claim);
      if (ctx.state.principal?.via === 'token')
        await auditApiCall(db, ctx, route, toProblem(error).kind.status, params, raw).catch(() => undefined);
      throw error;
    }
    if (claim) await finishIdempotent(db, claim, result.status ?? 200, result.body);
    await answer(ctx, route, options, result, db, params, raw);
  };
}

/** Records the call (token calls and changes are audited) and sets the answer, checked against its documentation. */
async function answer(
  ctx: AppContext,
  route: AnyRoute,
  options: RouterOptions,
  result: RouteResult,
  db: Knex,
  params: unknown,
  raw?: unknown,
): Promise<void> {
  const status = result.status ?? 200;
  await auditApiCall(db, ctx, route, status, params, raw, result.body);
  if (options.validateResponses) assertDocumented(route, status, result.body);
  for (const [name, value] of Object.entries(result.headers ?? {})) ctx.set(name, value);
  ctx.status = status;
  if (result.body !== undefined) ctx.body = result.body;
}

async function readBody(
  ctx: AppContext,
  route: AnyRoute,
  maxUploadBytes: number,
): Promise<{ raw: unknown; files: UploadedFile[] }> {
  if (route.multipart && ctx.is('multipart/form-data')) {
    const { fields, files } = await readMultipart(ctx, route.multipart, maxUploadBytes);
    return { raw: fields, files };
  }
  if (route.multipart && !route.multipart.allowJson) {
    throw new UnsupportedMediaTypeError(
      `Send the request body as multipart/form-data with the file in "${route.multipart.fileField}".`,
    );
  }
  return { raw: route.body ? await jsonBody(ctx) : undefined, files: [] };
}

/** The call as use cases record it with an action (never a secret). */
function callContext(ctx: AppContext): CallContext {
  const principal = ctx.state.principal;
  return {
    requestId: ctx.state.requestId,
    ip: ctx.ip.slice(0, 64) || null,
    userAgent: ctx.get('User-Agent').slice(0, 512) || null,
    token: principal?.tokenId ? { id: principal.tokenId, name: principal.tokenName ?? '' } : null,
  };
}

/**
 * The JSON body, read only once the caller may call the route. Any JSON value is accepted here (a
 * body of `42` is valid JSON of the wrong shape: the route's schema says so); nesting is bounded.
 */
async function jsonBody(ctx: AppContext): Promise<unknown> {
  const hasBody = Number(ctx.get('Content-Length') || 0) > 0 || Boolean(ctx.get('Transfer-Encoding'));
  if (hasBody && !ctx.is('application/json', '+json')) {
    throw new UnsupportedMediaTypeError('Send the request body as application/json.');
  }
  await parseJson(ctx as unknown as Parameters<typeof parseJson>[0], async () => undefined);
  const body = (ctx.request as { body?: unknown }).body;
  if (body === undefined) return {};
  if (nestingDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new BadRequestError(`The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`);
  }
  return body;
}

function assertDocumented(route: AnyRoute, status: number, body: unknown): void {
  const spec = route.responses[status];
  if (!spec) throw new Error(`${route.operationId} answered ${status}, which its definition does not document`);
  const result = spec.schema?.safeParse(body);
  if (result && !result.success) {
    throw new Error(
      `${route.operationId} answered ${status} with a body that breaks its schema: ${result.error.message}`,
    );
  }
}
