import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';

let h: Harness;
let adminAuth: string;
beforeAll(async () => {
  h = await startHarness({ env: { CORS_ALLOWED_ORIGINS: 'https://app.example.com' } });
  adminAuth = await bearer(h, 'admin');
});
afterAll(() => h.stop());

describe('health, readiness and metrics', () => {
  it('GET /health/ answers without touching dependencies', async () => {
    const res = await api(h).get('/health/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready/ answers 200 with PostgreSQL and Temporal up', async () => {
    const res = await api(h).get('/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', temporal: 'ok' } });
  });

  it('GET /ready/ answers 503 naming Temporal when it cannot be reached', async () => {
    const down = await startHarness({ env: { TEMPORAL_ADDRESS: '127.0.0.1:1' } });
    try {
      const res = await api(down).get('/ready/');
      expectProblem(res, 503);
      expect(res.body.detail).toContain('Temporal');
      expect(res.body.detail).not.toContain('PostgreSQL');
    } finally {
      await down.stop();
    }
  });

  it('GET /metrics serves Prometheus text with request counters by route template', async () => {
    await api(h).get('/api/me/').set('Authorization', adminAuth);
    const res = await api(h).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/api\/me",status="200"\} \d+/);
  });
});

describe('documentation', () => {
  it('serves the OpenAPI 3.1 document with every route, its errors and an example', async () => {
    const res = await api(h).get('/api/schema/');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = Object.keys(res.body.paths);
    for (const path of [
      '/api/auth/token/',
      '/api/auth/token/refresh/',
      '/api/auth/token/verify/',
      '/api/auth/logout/',
      '/api/auth/change-password/',
      '/api/me/',
      '/api/users/',
      '/api/users/{id}/',
      '/api/users/{id}/access-scopes/',
      '/api/users/{id}/access-scopes/{scope_id}/',
      '/api/prs/teams/',
      '/api/prs/teams/{id}/',
      '/api/roles/',
      '/health/',
      '/ready/',
      '/metrics',
      '/api/prs/form-templates/',
      '/api/prs/form-templates/{id}/',
      '/api/prs/workflows/',
      '/api/prs/workflows/{id}/',
      '/api/prs/requests/',
      '/api/prs/requests/{id}/',
      '/api/prs/requests/inbox/',
      '/api/prs/requests/finance-inbox/',
      '/api/prs/requests/{id}/submit/',
      '/api/prs/requests/{id}/approve/',
      '/api/prs/requests/{id}/reject/',
      '/api/prs/requests/{id}/withdraw/',
      '/api/prs/requests/{id}/complete/',
      '/api/prs/requests/{id}/timeline/',
      '/api/prs/requests/{id}/attachments/',
      '/api/prs/attachments/{id}/download/',
      '/api/prs/attachments/{id}/',
      '/api/orders/',
      '/api/orders/{id}/',
      '/api/orders/{id}/status/',
      '/api/orders/{id}/notes/',
      '/api/shipping/',
      '/api/shipping/{id}/',
      '/api/webhooks/event-types/',
      '/api/webhooks/endpoints/',
      '/api/webhooks/endpoints/{id}/',
      '/api/webhooks/endpoints/{id}/rotate-secret/',
      '/api/webhooks/deliveries/',
      '/api/webhooks/deliveries/{id}/',
      '/api/webhooks/deliveries/{id}/redeliver/',
      '/api/integrations/webhooks/{provider}/',
      '/api/integrations/providers/',
      '/api/integrations/providers/{id}/',
      '/api/integrations/events/',
    ]) {
      expect(paths).toContain(path);
    }
    type Content = Record<string, { example?: unknown; schema?: unknown }>;
    type Operation = {
      responses: Record<string, { content?: Content }>;
      security?: unknown[];
      requestBody?: { content: Content };
    };
    for (const [path, operations] of Object.entries<Record<string, Operation>>(res.body.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const statuses = Object.keys(operation.responses);
        const json = operation.requestBody?.content['application/json'];
        if (json)
          expect({ path, method, example: json.example !== undefined }).toEqual({ path, method, example: true });
        for (const [status, response] of Object.entries(operation.responses)) {
          const body = response.content?.['application/json'];
          if (status.startsWith('2') && body)
            expect({ path, method, status, example: body.example !== undefined }).toEqual({
              path,
              method,
              status,
              example: true,
            });
        }
        expect({ path, method, hasSuccess: statuses.some((s) => s.startsWith('2')) }).toEqual({
          path,
          method,
          hasSuccess: true,
        });
        expect(statuses).toContain('429');
        if (operation.security && operation.security.length > 0) expect(statuses).toContain('401');
      }
    }
    const token = res.body.paths['/api/auth/token/'].post;
    expect(token.requestBody.content['application/json'].example).toEqual({
      username: 'alice',
      password: 'demo-pass-123',
    });
    expect(res.body.paths['/api/users/'].get.responses['403']).toBeDefined();
  });

  it('serves Swagger UI and ReDoc from installed packages, not a CDN', async () => {
    for (const page of ['/api/docs/', '/api/redoc/']) {
      const res = await api(h).get(page);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).not.toMatch(/https?:\/\//);
    }
    const bundle = await api(h).get('/api/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toContain('javascript');
    expect((await api(h).get('/api/docs/assets/redoc.standalone.js')).status).toBe(200);
    expectProblem(await api(h).get('/api/docs/assets/..%2F..%2Fpackage.json'), 404);
  });
});

describe('conventions', () => {
  it('answers under /api/ and /api/v1/, with or without the trailing slash', async () => {
    for (const path of ['/api/me/', '/api/me', '/api/v1/me/', '/api/v1/me']) {
      expect((await api(h).get(path).set('Authorization', adminAuth)).status).toBe(200);
    }
  });

  it('echoes a well-formed X-Request-Id, generates one otherwise, and puts it in problems', async () => {
    const echoed = await api(h).get('/health/').set('X-Request-Id', 'trace-123');
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const generated = await api(h).get('/api/nowhere/').set('X-Request-Id', 'bad id with spaces');
    expectProblem(generated, 404);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(generated.body.request_id).toBe(generated.headers['x-request-id']);
  });

  it('sets security headers on every response', async () => {
    const res = await api(h).get('/health/');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await api(h)
      .options('/api/me/')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const other = await api(h)
      .options('/api/me/')
      .set('Origin', 'https://evil.example.net')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses malformed JSON (400), wrong content types (415) and bodies over 1 MB (413)', async () => {
    const malformed = await api(h)
      .post('/api/auth/token/')
      .set('Content-Type', 'application/json')
      .send('{"username": "alice",');
    expectProblem(malformed, 400);
    expect(malformed.body.detail).toBe('The request body is not valid JSON.');
    const form = await api(h).post('/api/auth/token/').type('form').send('username=alice&password=demo-pass-123');
    expectProblem(form, 415);
    const huge = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'alice', password: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(huge, 413);
  });

  it('answers unknown routes with 404 and unsupported methods with 405, as problems', async () => {
    expectProblem(await api(h).get('/api/does-not-exist/'), 404);
    expectProblem(await api(h).put('/api/me/').set('Authorization', adminAuth).send({}), 405);
  });

  it('caps page_size at 100 and whitelists ordering, before any SQL runs', async () => {
    const tooBig = await api(h).get('/api/users/?page_size=101').set('Authorization', adminAuth);
    expectProblem(tooBig, 400);
    expect(tooBig.body.errors).toHaveProperty('page_size');
    const injection = await api(h)
      .get('/api/users/')
      .query({ ordering: 'password_hash; drop table users' })
      .set('Authorization', adminAuth);
    expectProblem(injection, 400);
    expect(injection.body.errors).toHaveProperty('ordering');
    const unknownParam = await api(h).get('/api/users/?is_superuser=true').set('Authorization', adminAuth);
    expectProblem(unknownParam, 400);
    expect(await h.knex('users').count({ n: '*' }).first()).toEqual({ n: 8 });
  });
});
