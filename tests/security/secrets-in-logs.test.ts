import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createKnex } from '../../db/knex';
import { databaseUrl } from '../setup/test-run';
import type { Harness } from '../support/harness';
import { api, DEMO_PASSWORD, expectProblem, login } from '../support/http';
import { apiToken, as, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('Secrets never appear in logs', () => {
  it('logs no password, refresh token, API token or webhook secret during logins, token and secret creation', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const app = request(createApp({ ...h.deps, logger }).app.callback());
    const admin = `Bearer ${(await login(h, 'admin')).access}`;

    const wrongPassword = 'Wrong-Password-Secret-1';
    await app.post('/api/auth/token/').send({ username: 'carol', password: wrongPassword }).expect(400);
    const session = await app.post('/api/auth/token/').send({ username: 'carol', password: DEMO_PASSWORD }).expect(200);
    const rotated = await app.post('/api/auth/token/refresh/').send({ refresh: session.body.refresh }).expect(200);
    await app.post('/api/auth/token/refresh/').send({ refresh: session.body.refresh }).expect(401); // reuse
    const token = await app
      .post('/api/auth/api-tokens/')
      .set('Authorization', admin)
      .send({ name: 'log probe', scopes: ['requests:read'] })
      .expect(201);
    await app.get('/api/prs/requests/').set('Authorization', `Bearer ${token.body.token}`).expect(200);
    const endpoint = await app
      .post('/api/webhooks/endpoints/')
      .set('Authorization', admin)
      .send({ url: 'https://93.184.216.34/logs', is_active: false, event_types: ['order.updated'] })
      .expect(201);
    const rotatedSecret = await app
      .post(`/api/webhooks/endpoints/${endpoint.body.id}/rotate-secret/`)
      .set('Authorization', admin)
      .expect(200);
    const providerSecret = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    await app
      .post('/api/integrations/providers/')
      .set('Authorization', admin)
      .send({ name: 'owasp-log-probe', secret: providerSecret })
      .expect(201);
    const userPassword = 'Cobalt-Lantern-Secret-77';
    const created = await app
      .post('/api/users/')
      .set('Authorization', admin)
      .send({ username: 'owasp-logged', email: 'logged@example.com', password: userPassword })
      .expect(201);
    const changedPassword = 'Amber-Orchard-Secret-88';
    const logged = await login(h, 'owasp-logged', userPassword);
    await app
      .post('/api/auth/change-password/')
      .set('Authorization', `Bearer ${logged.access}`)
      .send({ old_password: userPassword, new_password: changedPassword })
      .expect(200);
    await app
      .patch(`/api/users/${created.body.id}/`)
      .set('Authorization', admin)
      .send({ password: 'Second-Reset-Secret-99' })
      .expect(200);
    await app.get('/api/me/').set('Authorization', `Bearer ${rotated.body.access}`).expect(200);
    await h.knex('webhookEndpoints').where({ id: endpoint.body.id }).delete();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(13); // one access line per request at least: the capture works
    expect(log).toContain('"path":"/api/auth/token"');
    const secrets = [
      wrongPassword,
      DEMO_PASSWORD,
      userPassword,
      changedPassword,
      'Second-Reset-Secret-99',
      session.body.refresh,
      rotated.body.refresh,
      session.body.access,
      rotated.body.access,
      token.body.token,
      endpoint.body.secret,
      rotatedSecret.body.secret,
      providerSecret,
      admin.slice(7),
    ];
    for (const secret of secrets)
      expect({ secret: secret.slice(0, 12), inLog: log.includes(secret) }).toEqual({
        secret: secret.slice(0, 12),
        inLog: false,
      });
    expect(log).not.toMatch(/argon2|whsec_|prs_[a-z0-9]{8}_|rt_[A-Za-z0-9_-]{20}/);
  });

  it('logs an unexpected error for operators without the secrets of the request that hit it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const broken = createKnex(databaseUrl(h.run.adminDatabaseUrl, `${h.run.databasePrefix}_owasp_gone`), 1);
    try {
      const app = request(createApp({ ...h.deps, knex: broken, logger }).app.callback());
      const password = 'Crimson-Falcon-Secret-55';
      const res = await app.post('/api/auth/token/').send({ username: 'alice', password });
      expectProblem(res, 500);
      const log = lines.join('');
      expect(log).toContain('unhandled error');
      expect(log).toContain(res.body.request_id); // operators can find it by the id the user quotes
      expect(log).not.toContain(password);
    } finally {
      await broken.destroy();
    }
  });

  it('keeps passwords, refresh tokens, API tokens and webhook secrets out of the audit log answers', async () => {
    const session = await login(h, 'mallory');
    await api(h)
      .post('/api/auth/logout/')
      .set('Authorization', `Bearer ${session.access}`)
      .send({ refresh: session.refresh })
      .expect(204);
    const token = await apiToken('admin', ['requests:read']);
    const providerSecret = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
    await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', as('admin'))
      .send({ name: 'owasp-audit-probe', secret: providerSecret })
      .expect(201);
    const password = 'Indigo-Meadow-Secret-31';
    await api(h)
      .post('/api/users/')
      .set('Authorization', as('admin'))
      .send({ username: 'owasp-audited', email: 'audited@example.com', password })
      .expect(201);

    const audit = await api(h)
      .get('/api/audit/logs/?page_size=100&ordering=-timestamp')
      .set('Authorization', as('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.results.map((row: { action: string }) => row.action)).toEqual(
      expect.arrayContaining(['api.logout', 'api.createApiToken', 'api.createUser']),
    );
    const places = {
      'GET /api/audit/logs/ answer': JSON.stringify(audit.body),
      'audit_logs rows': JSON.stringify(await h.knex('auditLogs')),
    };
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const [what, secret] of [
        ['refresh token', session.refresh],
        ['API token', token.token],
        ['provider secret', providerSecret],
        ['password', password],
      ] as const) {
        if (text.includes(secret)) leaks.push(`${what} in ${where}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
