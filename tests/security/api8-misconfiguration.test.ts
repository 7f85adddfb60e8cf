import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createKnex } from '../../db/knex';
import { databaseUrl } from '../setup/test-run';
import type { Harness } from '../support/harness';
import { api, DEMO_PASSWORD, expectProblem } from '../support/http';
import { userId } from '../support/requests';
import { ALLOWED_ORIGIN, as, call, snapshot, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API8:2023 Security Misconfiguration', () => {
  const expectSecurityHeaders = (res: request.Response, label: string) => {
    expect({ label, headers: res.headers }).toEqual({
      label,
      headers: expect.objectContaining({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-permitted-cross-domain-policies': 'none',
        'cache-control': expect.stringMatching(/no-store|max-age/),
        'content-security-policy': expect.stringMatching(
          /default-src 'self'.*frame-ancestors 'self'|frame-ancestors 'self'.*default-src 'self'/,
        ),
      }),
    });
    expect({ label, poweredBy: res.headers['x-powered-by'], server: res.headers.server }).toEqual({
      label,
      poweredBy: undefined,
      server: undefined,
    });
  };

  it('sets security headers on successes, problems, documents and probes, and never X-Powered-By', async () => {
    const answers: Array<[string, request.Response]> = [
      ['200 json', await api(h).get('/api/me/').set('Authorization', as('alice'))],
      ['200 login', await api(h).post('/api/auth/token/').send({ username: 'alice', password: DEMO_PASSWORD })],
      ['401', await api(h).get('/api/me/')],
      ['403', await api(h).get('/api/users/').set('Authorization', as('alice'))],
      ['404', await api(h).get('/api/nothing-here/')],
      ['405', await api(h).put('/api/me/').set('Authorization', as('alice')).send({})],
      [
        '413',
        await api(h)
          .post('/api/auth/token/')
          .send({ username: 'a', password: 'x'.repeat(1024 * 1024 + 1) }),
      ],
      ['415', await api(h).post('/api/auth/token/').type('form').send('username=a&password=b')],
      ['docs html', await api(h).get('/api/docs/')],
      ['health', await api(h).get('/health/')],
    ];
    for (const [label, res] of answers) expectSecurityHeaders(res, label);
    // Token pairs and private data are never kept by a browser or shared cache.
    expect([answers[0]![1].headers['cache-control'], answers[1]![1].headers['cache-control']]).toEqual([
      'no-store',
      'no-store',
    ]);
  });

  it('never puts stack traces, SQL or library internals in problem documents', async () => {
    const answers = [
      await api(h)
        .post('/api/auth/token/')
        .set('Content-Type', 'application/json')
        .send('{"username": "alice", "password": '),
      await api(h)
        .post('/api/auth/token/')
        .set('Content-Type', 'application/json')
        .send('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'),
      await api(h)
        .get(`/api/prs/requests/${encodeURIComponent("' OR 1=1 --")}/`)
        .set('Authorization', as('alice')),
      await api(h)
        .get('/api/prs/requests/')
        .query({ ordering: 'password_hash;DROP TABLE users' })
        .set('Authorization', as('alice')),
      await api(h).get('/api/prs/requests/?min_amount=1e999999').set('Authorization', as('alice')),
      await api(h).post('/api/prs/requests/').set('Authorization', as('alice')).send({
        team: '00000000-0000-0000-0000-000000000000',
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'S',
        amount: '1.00',
      }),
      await api(h).get('/api/me/').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad'),
      await api(h)
        .post('/api/auth/token/refresh/')
        .send({ refresh: { $ne: null } }),
    ];
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectProblem(res, res.status);
      expect(JSON.stringify(res.body)).not.toMatch(
        /node_modules|\.ts:\d|\.js:\d|SyntaxError|TypeError|ZodError|knex|select |insert into|pg_|constraint|stack/i,
      );
    }
  });

  it('answers an unexpected server error with a bare 500 problem: no stack, no SQL, no database names', async () => {
    const missingDatabase = `${h.run.databasePrefix}_owasp_missing`;
    const broken = createKnex(databaseUrl(h.run.adminDatabaseUrl, missingDatabase), 1);
    try {
      const app = createApp({ ...h.deps, knex: broken, logger: pino({ level: 'silent' }) }).app;
      const res = await request(app.callback()).get('/api/prs/teams/').set('Authorization', as('alice'));
      expectProblem(res, 500);
      expect(res.body.detail).toBe('An unexpected error occurred. Quote the request id when reporting it.');
      expect(JSON.stringify(res.body)).not.toMatch(
        new RegExp(`${missingDatabase}|does not exist|postgres|knex|select|\\bat `, 'i'),
      );
      expectSecurityHeaders(res, '500');
    } finally {
      await broken.destroy();
    }
  });

  it('does not reflect arbitrary origins in CORS, and never allows credentials', async () => {
    for (const origin of [
      'https://evil.example.net',
      'null',
      'https://app.example.com.evil.net',
      'http://app.example.com',
    ]) {
      const preflight = await api(h)
        .options('/api/me/')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'Authorization');
      const simple = await api(h).get('/api/me/').set('Origin', origin).set('Authorization', as('alice'));
      for (const res of [preflight, simple]) {
        expect({
          origin,
          allow: res.headers['access-control-allow-origin'],
          credentials: res.headers['access-control-allow-credentials'],
        }).toEqual({ origin, allow: undefined, credentials: undefined });
      }
    }
    const allowed = await api(h)
      .options('/api/me/')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined(); // bearer tokens, no cookies
    expect(allowed.headers.vary).toMatch(/Origin/i);
  });

  it('does not honour method overrides (X-HTTP-Method-Override, _method)', async () => {
    const bobId = await userId(h, 'bob');
    const before = await snapshot();
    const overridden = await api(h)
      .post(`/api/users/${bobId}/`)
      .set('Authorization', as('admin'))
      .set('X-HTTP-Method-Override', 'DELETE')
      .send({});
    expectProblem(overridden, 405);
    const viaQuery = await api(h)
      .post(`/api/users/${bobId}/?_method=DELETE`)
      .set('Authorization', as('admin'))
      .send({});
    expectProblem(viaQuery, 405);
    expect(await snapshot()).toEqual(before);
  });

  it('answers HTTP methods it does not implement (TRACE, PROPFIND) with 501, never a 500, and never echoes the request', async () => {
    for (const method of ['trace', 'propfind'] as const) {
      const res = await call(api(h), method, '/api/me/').set('Authorization', as('alice'));
      expect(res.text).not.toContain(as('alice').slice(7)); // no cross-site tracing
      expect({ method, status: res.status }).toEqual({ method, status: 501 });
      expectProblem(res, 501);
    }
  });
});
