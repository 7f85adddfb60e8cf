import { existsSync } from 'node:fs';
import path from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';

/** Paths the web app never answers: they keep their meaning for integrators and operators. */
const SERVER_PATHS = /^\/(api|health|ready|metrics)(\/|$)/;
const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The app's pages get a stricter policy than helmet's default (which the API documentation pages
 * keep, as ReDoc needs inline styles): everything from this origin only, no inline script or style,
 * no framing. React's `style` props are set through the CSSOM, which this policy allows.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built web app (web/dist, `npm run web:build`) at `/` (web.md principle 2):
 * hashed files under /assets/ cached for a year as immutable, index.html never cached, and every
 * other GET of a page by a browser (a deep link such as /requests/<id>, Accept naming text/html)
 * answered with index.html so the app's router shows it. Precompressed .br/.gz siblings written by the build are sent when accepted.
 * Without a build nothing is served here, and the API works as before.
 */
export function webApp(distDir: string): Middleware {
  const index = path.join(distDir, 'index.html');
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || SERVER_PATHS.test(ctx.path) || !existsSync(index)) {
      return next();
    }
    if (ctx.path.startsWith('/assets/')) {
      const sent = await send(ctx, ctx.path, { root: distDir, maxage: YEAR_MS, immutable: true }).catch(notFound);
      if (!sent) await next();
      return;
    }
    if (/^\/[^/]+\.(svg|ico|png|txt|webmanifest)$/.test(ctx.path)) {
      const sent = await send(ctx, ctx.path, { root: distDir, maxage: 3600 * 1000 }).catch(notFound);
      if (sent) return;
    }
    // Only a browser asking for a page (its Accept names text/html) gets the app; an API client or a
    // scanner asking for an unknown path still gets the API's 404 problem document.
    if (!/\btext\/html\b/.test(ctx.get('Accept'))) return next();
    await send(ctx, 'index.html', {
      root: distDir,
      setHeaders: (res) => {
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      },
    });
  };
}

function notFound(error: { status?: number }): undefined {
  if (error.status === 404) return undefined;
  throw error;
}
