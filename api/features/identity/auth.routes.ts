import { z } from '../../http/zod';
import { detailSchema } from '../../http/common.schemas';
import { credentials, exampleMe, meSchema, password } from './identity.schemas';
import { defineRoute } from '../../http/route';
import { sessionOf } from '../../auth/refresh-tokens';
import type { AppDeps } from '../../app-deps';
import { login } from './login';
import { logout, refreshSession } from './sessions';
import { changePassword } from './change-password';
import { principalForBearer } from '../../auth/authenticate';
import { UnauthenticatedError } from '../../http/errors';
import { presentMe } from './identity.presenter';

const tokenPair = z.object({ access: z.string(), refresh: z.string() }).openapi('TokenPair');
const refreshBody = z.strictObject({ refresh: z.string().min(1).max(200) });
const exampleTokens = { access: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...', refresh: 'rt_Xq3v9c8...' };

export function authRoutes(deps: AppDeps) {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/token/',
      operationId: 'obtainToken',
      summary: 'Log in: obtain an access and a refresh token',
      description:
        '`username` may also be the e-mail address. Unknown users and wrong passwords get the same 400. ' +
        `After ${deps.config.auth.loginMaxFailures} failures for one username from one IP within the window, 429 with Retry-After.`,
      tags: ['Authentication'],
      auth: 'public',
      body: credentials,
      bodyExample: { username: 'alice', password: 'demo-pass-123' },
      responses: {
        200: {
          description: 'Tokens and the user',
          schema: tokenPair.extend({ user: meSchema }),
          example: { ...exampleTokens, user: exampleMe },
        },
      },
      handler: async ({ body, ctx }) => {
        const result = await login(deps, body.username, body.password, sessionOf(ctx));
        return { body: { access: result.access, refresh: result.refresh, user: presentMe(result.user) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/token/refresh/',
      operationId: 'refreshToken',
      summary: 'Rotate a refresh token',
      description:
        'Answers a new pair; the presented refresh token is used up. Presenting a used one revokes its whole family.',
      tags: ['Authentication'],
      auth: 'public',
      body: refreshBody,
      bodyExample: { refresh: 'rt_Xq3v9c8...' },
      responses: { 200: { description: 'A new token pair', schema: tokenPair, example: exampleTokens } },
      errors: [401],
      handler: async ({ body, ctx }) => ({ body: await refreshSession(deps, body.refresh, sessionOf(ctx)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/auth/token/verify/',
      operationId: 'verifyToken',
      summary: 'Check an access token',
      description:
        'The same verdict every route reaches: a token of a deactivated account, or one issued before a password change, is refused (401).',
      tags: ['Authentication'],
      auth: 'public',
      body: z.strictObject({ token: z.string().min(1).max(4096) }),
      bodyExample: { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' },
      responses: { 200: { description: 'The token is valid', schema: z.object({}), example: {} } },
      errors: [401],
      handler: async ({ body }) => {
        // eslint-disable-next-line no-restricted-syntax -- public: the token names its tenant (decision 0036)
        if (!(await principalForBearer(deps.knex, deps.config.auth.jwtSecret, body.token)))
          throw new UnauthenticatedError('Token is invalid or expired');
        return { body: {} };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/logout/',
      operationId: 'logout',
      scope: null,
      summary: 'Log out: revoke a refresh token and its family',
      tags: ['Authentication'],
      auth: 'user',
      body: refreshBody,
      bodyExample: { refresh: 'rt_Xq3v9c8...' },
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ body, principal, db }) => {
        await logout({ ...deps, knex: db }, principal, body.refresh);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/change-password/',
      operationId: 'changePassword',
      scope: null,
      summary: 'Change your password',
      description:
        'Every refresh token of the user is revoked and existing access tokens stop working: log in again with the new password.',
      tags: ['Authentication'],
      auth: 'user',
      body: z.strictObject({ old_password: password, new_password: password }),
      bodyExample: { old_password: 'your-current-password', new_password: 'a-much-longer-passphrase' },
      responses: {
        200: { description: 'Changed', schema: detailSchema, example: { detail: 'Password changed successfully' } },
      },
      handler: async ({ body, principal, ctx, db }) => {
        await changePassword(
          { ...deps, knex: db },
          principal,
          body.old_password,
          body.new_password,
          ctx.state.requestId,
        );
        return { body: { detail: 'Password changed successfully' } };
      },
    }),
  ];
}
