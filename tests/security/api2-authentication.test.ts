import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Harness } from '../support/harness';
import { api, expectProblem, login } from '../support/http';
import { userId } from '../support/requests';
import { apiToken, as, bot, problemShape, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('API2:2023 Broken Authentication', () => {
  const forge = (payload: object, secret: string, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, secret, {
      algorithm: 'HS256',
      issuer: 'procurement-service',
      ...('exp' in payload ? {} : { expiresIn: 300 }),
      ...options,
    });
  const me = (token: string) => api(h).get('/api/me/').set('Authorization', `Bearer ${token}`);

  it('refuses a missing, expired, wrongly signed, alg:none, tampered or wrongly typed access token with the same 401', async () => {
    const alice = await h.knex('users').where({ username: 'alice' }).first();
    const adminRow = await h.knex('users').where({ username: 'admin' }).first();
    const claims = { sub: alice.id, tid: alice.tenantId, typ: 'access', ver: alice.tokenVersion };
    const secret = h.config.auth.jwtSecret;
    const { access, refresh } = await login(h, 'alice');
    const [header, payload, signature] = access.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const noneClaims = { ...claims, iss: 'procurement-service', exp: Math.floor(Date.now() / 1000) + 300 };

    const refused: Record<string, string> = {
      expired: forge({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret),
      'wrong secret': forge(claims, 'another-secret-that-is-long-enough-0000000000'),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(noneClaims)}.`,
      'alg None, no signature part': `${b64({ alg: 'None', typ: 'JWT' })}.${b64(noneClaims)}`,
      'alg none with the original signature': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      'HS512 with the right secret': jwt.sign({ ...claims, iss: 'procurement-service' }, secret, {
        algorithm: 'HS512',
        expiresIn: 300,
      }),
      'tampered sub (admin)': `${header}.${b64({ ...decoded, sub: adminRow.id })}.${signature}`,
      'tampered ver': `${header}.${b64({ ...decoded, ver: decoded.ver + 1 })}.${signature}`,
      'tampered tid': `${header}.${b64({ ...decoded, tid: randomUUID() })}.${signature}`,
      'another tenant named': forge({ ...claims, tid: randomUUID() }, secret),
      'no tenant named': forge({ sub: alice.id, typ: 'access', ver: alice.tokenVersion }, secret),
      'tampered exp': `${header}.${b64({ ...decoded, exp: decoded.exp + 86400 })}.${signature}`,
      'stale token version': forge({ ...claims, ver: alice.tokenVersion + 1 }, secret),
      'wrong issuer': forge(claims, secret, { issuer: 'someone-else' }),
      'refresh-typed JWT': forge({ ...claims, typ: 'refresh' }, secret),
      'unknown user': forge({ ...claims, sub: randomUUID() }, secret),
      'refresh token as bearer': refresh,
      'truncated signature': access.slice(0, -4),
      garbage: 'not.a.jwt',
    };
    const anonymous = await api(h).get('/api/me/');
    expectProblem(anonymous, 401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    for (const [label, token] of Object.entries(refused)) {
      const res = await me(token);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expectProblem(res, 401);
      expect({ label, detail: res.body.detail }).toEqual({ label, detail: 'Token is invalid or expired.' });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    // The same claims, correctly signed, work: the refusals above are about the token, not the user.
    expect((await me(forge(claims, secret))).status).toBe(200);
    expect((await me(access)).body.username).toBe('alice');
    // An access token is not a refresh token either (longer than a refresh token may be: a 400 before any lookup).
    const asRefresh = await api(h).post('/api/auth/token/refresh/').send({ refresh: access });
    expect([400, 401]).toContain(asRefresh.status);
    expectProblem(asRefresh, asRefresh.status);
    expect(asRefresh.body).not.toHaveProperty('access');
  });

  it('refuses a revoked refresh token and a reused (rotated) one, revoking the whole family on reuse', async () => {
    const loggedOut = await login(h, 'carol');
    expect(
      (
        await api(h)
          .post('/api/auth/logout/')
          .set('Authorization', `Bearer ${loggedOut.access}`)
          .send({ refresh: loggedOut.refresh })
      ).status,
    ).toBe(204);
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: loggedOut.refresh }), 401);

    const first = await login(h, 'carol');
    const rotated = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expect(rotated.status).toBe(200);
    const reuse = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expectProblem(reuse, 401);
    expect(reuse.body.detail).toBe('Token is invalid or expired.');
    // Whoever stole the old token cannot keep the session alive: its successor is dead too.
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: rotated.body.refresh }), 401);
    const revokedForReuse = await h
      .knex('refreshTokens')
      .where({ userId: await userId(h, 'carol'), revokedReason: 'reuse_detected' });
    expect(revokedForReuse.length).toBeGreaterThanOrEqual(2); // the stolen token and its successor
    expectProblem(
      await api(h)
        .post('/api/auth/token/refresh/')
        .send({ refresh: 'rt_' + 'A'.repeat(43) }),
      401,
    );
  });

  it('answers a wrong password exactly like an unknown user (the documented 400), and never issues tokens', async () => {
    const sessionsBefore = await h.knex('refreshTokens').count({ n: '*' }).first();
    const wrong = await api(h).post('/api/auth/token/').send({ username: 'carol', password: 'not-her-password' });
    const unknown = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'nobody-at-all', password: 'not-her-password' });
    const emailWrong = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'carol@example.com', password: 'not-her-password' });
    for (const res of [wrong, unknown, emailWrong]) {
      // The OpenAPI description documents 400 for bad credentials (not 401): assert the documented answer.
      expectProblem(res, 400);
      expect(res.body).not.toHaveProperty('access');
    }
    expect(problemShape(wrong)).toEqual(problemShape(unknown));
    expect(wrong.body.errors).toEqual(unknown.body.errors);
    expect(problemShape(emailWrong)).toEqual(problemShape(unknown));
    expect(await h.knex('refreshTokens').count({ n: '*' }).first()).toEqual(sessionsBefore);
  });

  it('refuses a revoked, expired or forged API token and one whose owner was deactivated', async () => {
    const revoked = await apiToken(await bot('revoked-intake', 'Marketing'), ['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', revoked.header)).status).toBe(200);
    expect((await api(h).delete(`/api/auth/api-tokens/${revoked.id}/`).set('Authorization', as('admin'))).status).toBe(
      204,
    );
    const afterRevoke = await api(h).get('/api/prs/requests/').set('Authorization', revoked.header);
    expectProblem(afterRevoke, 401);
    expect(afterRevoke.body.detail).toBe('Token is invalid, expired or revoked.');

    const expiring = await apiToken('admin', ['requests:read']);
    await h
      .knex('apiTokens')
      .where({ id: expiring.id })
      .update({ expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', expiring.header), 401);

    const genuine = await apiToken('admin', ['requests:read']);
    const forged = `prs_${genuine.prefix}_${'A'.repeat(43)}`; // a known prefix does not help
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', `Bearer ${forged}`), 401);
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', `Bearer ${genuine.token}x`), 401);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', genuine.header)).status).toBe(200);

    const leaver = await bot('owasp-leaver', 'Marketing');
    const leaverToken = await apiToken(leaver, ['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', leaverToken.header)).status).toBe(200);
    expect((await api(h).delete(`/api/users/${leaver.serviceAccount}/`).set('Authorization', as('admin'))).status).toBe(
      204,
    );
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', leaverToken.header), 401);
  });
});
