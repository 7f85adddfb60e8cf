import { readdirSync } from 'node:fs';
import path from 'node:path';
import { startHarness, type Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { WEB_APP_CSP } from '../../api/http/web-app';

/**
 * web.md principle 2: the service serves the built web app (built by the global set-up when stale)
 * at `/`, with deep links, while /api, /health/, /ready/ and /metrics keep their meaning.
 */
let h: Harness;
let script: string;
beforeAll(async () => {
  h = await startHarness();
  const assets = readdirSync(path.join(__dirname, '..', '..', 'web', 'dist', 'assets'));
  script = `/assets/${assets.find((name) => name.endsWith('.js')) as string}`;
});
afterAll(() => h.stop());

it('answers / and every deep link with index.html, never cached, under a strict CSP', async () => {
  for (const page of ['/', '/requests/1f0e8a4e-0000-4000-8000-000000000000', '/admin/people', '/no/such/page']) {
    const res = await api(h).get(page).set('Accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<div id="root"></div>');
    expect(res.headers['content-security-policy']).toBe(WEB_APP_CSP);
    expect(WEB_APP_CSP).not.toMatch(/unsafe|https:|\*/);
  }
});

it('serves hashed assets as immutable for a year, compressed when the browser accepts it', async () => {
  const plain = await api(h).get(script).set('Accept-Encoding', 'identity');
  expect(plain.status).toBe(200);
  expect(plain.headers['content-type']).toMatch(/javascript/);
  expect(plain.headers['cache-control']).toBe('max-age=31536000,immutable');

  const gzip = await api(h).get(script).set('Accept-Encoding', 'gzip');
  expect(gzip.headers['content-encoding']).toBe('gzip');
  const brotli = await api(h).get(script).set('Accept-Encoding', 'br');
  expect(brotli.headers['content-encoding']).toBe('br');
});

it('leaves the API, health, readiness and metrics as they were', async () => {
  expectProblem(await api(h).get('/api/no-such-route/'), 404);
  expectProblem(await api(h).get('/api/me/'), 401);
  expect((await api(h).get('/health/')).body).toEqual({ status: 'ok' });
  expect((await api(h).get('/metrics')).headers['content-type']).toMatch(/^text\/plain/);
  // Only GET and HEAD reach the app: a POST to a page path is the API's 404, not index.html.
  expectProblem(await api(h).post('/requests/').set('Accept', 'text/html'), 404);
  // Only a browser asking for a page gets the app: an API client or a scanner gets the 404 problem.
  for (const accept of ['application/json', '*/*']) {
    expectProblem(await api(h).get('/requests/').set('Accept', accept), 404);
  }
});

it('answers a missing asset or a path outside the build with 404, never a file of the server', async () => {
  expectProblem(await api(h).get('/assets/missing-0000.js'), 404);
  for (const probe of ['/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
    const res = await api(h).get(probe).set('Accept', 'application/json');
    expect(res.text).not.toContain('"procurement-service"');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  }
});

it("never counts the app's pages and files against the anonymous rate limit, which still guards the API", async () => {
  const limited = await startHarness({ env: { RATE_LIMIT_ANONYMOUS_PER_HOUR: '2' } });
  try {
    for (let load = 0; load < 5; load += 1) {
      expect((await api(limited).get('/requests/').set('Accept', 'text/html')).status).toBe(200);
      expect((await api(limited).get(script)).status).toBe(200);
    }
    const calls = [];
    for (let call = 0; call < 3; call += 1) calls.push((await api(limited).get('/api/me/')).status);
    expect(calls).toEqual([401, 401, 429]);
  } finally {
    await limited.stop();
  }
});
