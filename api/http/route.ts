import type { Knex } from 'knex';
import type { z, ZodType } from 'zod';
import type { CallContext } from '../../contracts/call-context';
import type { Principal } from '../auth/principal';
import type { ApiScope } from '../auth/scopes';
import type { AppContext } from './context';
import type { MultipartSpec, UploadedFile } from './multipart';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: anyone, any signed-in principal, or admins only. */
export type AuthRequirement = 'public' | 'user' | 'admin';

export interface ResponseSpec {
  description: string;
  schema?: ZodType;
  example?: unknown;
  /** Defaults to application/json. */
  contentType?: string;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  ctx: AppContext;
  principal: Principal;
  /**
   * The database as the caller's tenant sees it (every statement under its `app.tenant_id`, decision
   * 0036). Public routes get the bare pool, which sees no tenant's rows: they ask the narrow
   * pre-tenant look-ups first.
   */
  db: Knex;
  /** Files of a multipart body (routes with `multipart`); empty otherwise. */
  files: UploadedFile[];
  /** This call (request id, address, token), for what use cases record about an action. */
  call: CallContext;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route described once: it yields the Koa handler, the validation and the OpenAPI operation. */
export interface RouteSpec<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType> {
  method: HttpMethod;
  /** OpenAPI-style path relative to the mount (`/users/{id}/`). */
  path: string;
  /** `api` routes answer under /api and /api/v1; `root` routes (health, metrics) at the top level. */
  mount?: 'api' | 'root';
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthRequirement;
  /**
   * Who may call this route at all, decided before the body is read: throws 403 (or 404 for an
   * object the caller may not see). Runs after authentication and the token-scope check, with the
   * parsed path parameters. Use cases check again with the data they load.
   */
  authorize?: (input: { params: z.output<P>; principal: Principal; ctx: AppContext; db: Knex }) => Promise<void>;
  /**
   * The scope an API token needs for this route; `null` closes the route to API tokens. Every
   * signed-in route states it (the router refuses to start otherwise). Signed-in users (JWT) are not
   * limited by scopes.
   */
  scope?: ApiScope | null;
  params?: P;
  query?: Q;
  body?: B;
  bodyExample?: z.input<B>;
  /** The audit log's resource type of this route (singular snake case); defaults from the route's tag. */
  resource?: string;
  /**
   * `domain`: a successful call is audited by the use case itself, in the transaction of the change
   * (with this call's request id, token, address and agent), so the API writes no second row.
   */
  audit?: 'domain';
  /**
   * A signed-in GET runs its `authorize` and handler in one transaction under the caller's tenant (one
   * BEGIN and tenant setting for all its reads, decision 0036). `false` for a GET that waits on
   * Temporal while it answers: its reads then run one by one, holding no connection meanwhile.
   */
  readTransaction?: boolean;
  /** Honours Idempotency-Key (api.md: every POST that creates or acts). */
  idempotent?: boolean;
  /** Accepts multipart/form-data: text fields are validated by `body`, files arrive in `files`. */
  multipart?: MultipartSpec;
  responses: Record<number, ResponseSpec>;
  /** Problem statuses this route can answer besides the ones implied by auth and validation. */
  errors?: number[];
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<RouteResult>;
}

// Variance: the router stores routes of every input type side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

/** Identity function whose only job is inference of the handler's input types from the schemas. */
export function defineRoute<P extends ZodType = ZodType, Q extends ZodType = ZodType, B extends ZodType = ZodType>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec<P, Q, B> {
  return spec;
}

/** The statuses a route may answer with a problem document, derived from its definition. */
export function problemStatuses(route: AnyRoute): number[] {
  const statuses = new Set(route.errors ?? []);
  if (route.params || route.query || route.body) statuses.add(400);
  if (route.body || route.multipart) {
    statuses.add(413);
    statuses.add(415);
  }
  if (route.auth !== 'public') statuses.add(401);
  if (route.auth !== 'public') statuses.add(403); // admin-only, or an API token without the route's scope
  if (route.params) statuses.add(404);
  statuses.add(429);
  if (route.idempotent) {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort();
}
