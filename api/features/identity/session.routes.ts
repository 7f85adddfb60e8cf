import { z } from '../../http/zod';
import { defineRoute } from '../../http/route';
import type { AppDeps } from '../../app-deps';
import type { AppContext } from '../../http/context';
import { UnauthenticatedError } from '../../http/errors';
import { credentials, exampleMe, meSchema } from './identity.schemas';
import { presentMe } from './identity.presenter';
import { login } from './login';
import { endSession, refreshSession } from './sessions';
import { sessionOf } from '../../auth/refresh-tokens';
import {
  clearSession,
  CSRF_HEADER,
  CSRF_VALUE,
  keepSession,
  requireCsrfHeader,
  SESSION_COOKIE,
  SESSION_PATH,
  sessionToken,
} from './browser-session';

const accessOnly = z.object({ access: z.string() }).openapi('BrowserSession');
const exampleAccess = { access: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' };
const howItWorks = `For the web app: the refresh token never reaches a script. It lives in the \`${SESSION_COOKIE}\` cookie (HttpOnly, SameSite=Strict, Path=${SESSION_PATH}, Secure under https), rotated on every refresh. Every session call needs the header \`${CSRF_HEADER}: ${CSRF_VALUE}\` (403 without it). Integrators use /api/auth/token/ instead.`;

/** Browser sessions (web.md principle 4); the JSON token flow for integrators is in auth.routes.ts. */
export function sessionRoutes(deps: AppDeps) {
  const { refreshTokenTtlSeconds } = deps.config.auth;
  const secure = deps.config.publicBaseUrl.startsWith('https:');
  const tags = ['Authentication'];
  // Before the body is read: a call without the header changes and reveals nothing.
  const csrf = async ({ ctx }: { ctx: AppContext }) => requireCsrfHeader(ctx);
  return [
    defineRoute({
      method: 'post',
      path: '/auth/session/',
      operationId: 'startBrowserSession',
      summary: 'Sign in from the web app (the refresh token stays in a cookie)',
      description: `${howItWorks} Wrong credentials and the login throttle answer as /api/auth/token/ does.`,
      tags,
      auth: 'public',
      authorize: csrf,
      body: credentials,
      bodyExample: { username: 'bob', password: 'demo-pass-123' },
      responses: {
        200: {
          description: 'The access token and the user; the refresh token is set as a cookie',
          schema: accessOnly.extend({ user: meSchema }),
          example: { ...exampleAccess, user: exampleMe },
        },
      },
      errors: [403],
      handler: async ({ body, ctx }) => {
        const result = await login(deps, body.username, body.password, sessionOf(ctx));
        return {
          body: { access: result.access, user: presentMe(result.user) },
          headers: keepSession(result.refresh, refreshTokenTtlSeconds, secure),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/session/refresh/',
      operationId: 'refreshBrowserSession',
      summary: 'A new access token for the web app (the cookie is rotated)',
      description: `${howItWorks} A missing, used or revoked session answers 401; presenting a used one revokes its whole family.`,
      tags,
      auth: 'public',
      authorize: csrf,
      responses: { 200: { description: 'A new access token', schema: accessOnly, example: exampleAccess } },
      errors: [401, 403],
      handler: async ({ ctx }) => {
        const token = sessionToken(ctx);
        if (!token) throw new UnauthenticatedError('No browser session: sign in.');
        const tokens = await refreshSession(deps, token, sessionOf(ctx));
        return {
          body: { access: tokens.access },
          headers: keepSession(tokens.refresh, refreshTokenTtlSeconds, secure),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/session/logout/',
      operationId: 'endBrowserSession',
      summary: 'Sign out of the web app (the session is revoked and its cookie cleared)',
      description: `${howItWorks} Without a session it only clears the cookie.`,
      tags,
      auth: 'public',
      authorize: csrf,
      responses: { 204: { description: 'Signed out' } },
      errors: [403],
      handler: async ({ ctx }) => {
        await endSession(deps, sessionToken(ctx));
        return { status: 204, headers: clearSession(secure) };
      },
    }),
  ];
}
