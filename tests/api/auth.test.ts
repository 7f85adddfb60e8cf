import jwt from 'jsonwebtoken';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, DEMO_PASSWORD, expectProblem, login } from '../support/http';
import { waitForEmail } from '../support/mailbox';
import { until } from '../kit/until';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: true, env: { LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => h.stop());

const refreshRows = (username: string) =>
  h
    .knex('refreshTokens')
    .join('users', 'users.id', 'refreshTokens.userId')
    .where('users.username', username)
    .select('refreshTokens.*');

describe('POST /api/auth/token/', () => {
  it('answers access, refresh and the user with access scopes, by username or e-mail', async () => {
    const res = await api(h).post('/api/auth/token/').send({ username: 'alice', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'alice', email: 'alice@example.com' });
    expect(res.body.user.access_scopes).toEqual([
      {
        id: expect.any(String),
        team: { id: expect.any(String), name: 'Marketing' },
        role: { code: 'INITIATOR', name: 'Initiator' },
      },
    ]);
    expect(res.body.user).not.toHaveProperty('password_hash');
    expect(jwt.decode(res.body.access)).toMatchObject({ typ: 'access', sub: res.body.user.id });
    const header = JSON.parse(Buffer.from(res.body.access.split('.')[0], 'base64url').toString());
    expect(header.alg).toBe('HS256');

    const byEmail = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'ALICE@example.com', password: DEMO_PASSWORD });
    expect(byEmail.status).toBe(200);
  });

  it('gives the same 400 for an unknown user and a wrong password, and stores refresh tokens hashed', async () => {
    const unknown = await api(h).post('/api/auth/token/').send({ username: 'nobody-here', password: 'whatever-123' });
    const wrong = await api(h).post('/api/auth/token/').send({ username: 'carol', password: 'wrong-password' });
    expectProblem(unknown, 400);
    expectProblem(wrong, 400);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(unknown.body.errors).toEqual(wrong.body.errors);

    const { refresh } = await login(h, 'carol');
    const rows = await refreshRows('carol');
    expect(rows.map((row) => row.tokenHash)).not.toContain(refresh);
    expect(JSON.stringify(rows)).not.toContain(refresh);
  });

  it('refuses a deactivated user with the same message', async () => {
    const adminAuth = await bearer(h, 'admin');
    const created = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'gone-user', email: 'gone@example.com', password: 'a-strong-passphrase' });
    expect(created.status).toBe(201);
    await api(h).delete(`/api/users/${created.body.id}/`).set('Authorization', adminAuth).expect(204);
    const res = await api(h).post('/api/auth/token/').send({ username: 'gone-user', password: 'a-strong-passphrase' });
    expectProblem(res, 400);
    expect(res.body.detail).toBe('Unable to log in with the provided credentials.');
  });

  it('throttles failed logins per username and IP with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 3; i += 1) {
      expectProblem(await api(h).post('/api/auth/token/').send({ username: 'paula', password: 'wrong-password' }), 400);
    }
    const blocked = await api(h).post('/api/auth/token/').send({ username: 'paula', password: DEMO_PASSWORD });
    expectProblem(blocked, 429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // Another username from the same IP is not affected.
    expect((await api(h).post('/api/auth/token/').send({ username: 'frank', password: DEMO_PASSWORD })).status).toBe(
      200,
    );
  });

  it('validates the body with field errors', async () => {
    const res = await api(h).post('/api/auth/token/').send({ username: '' });
    expectProblem(res, 400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['password', 'username']);
  });
});

describe('refresh token rotation', () => {
  it('rotates, and presenting a used token revokes the whole family', async () => {
    const first = await login(h, 'bob');
    const rotated = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh).not.toBe(first.refresh);
    expect((await api(h).get('/api/me/').set('Authorization', `Bearer ${rotated.body.access}`)).status).toBe(200);

    const reuse = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expectProblem(reuse, 401);
    // The legitimate successor is dead too: the family is revoked.
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: rotated.body.refresh }), 401);
    const rows = await refreshRows('bob');
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
    expect(rows.map((row) => row.revokedReason)).toContain('reuse_detected');
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: 'rt_not-a-real-token' }), 401);
    const { refresh } = await login(h, 'mallory');
    await h.knex('refreshTokens').update({ expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh }), 401);
  });
});

describe('POST /api/auth/token/verify/', () => {
  it('answers {} for a valid token and 401 otherwise', async () => {
    const { access } = await login(h, 'erin');
    const ok = await api(h).post('/api/auth/token/verify/').send({ token: access });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({});
    const bad = await api(h)
      .post('/api/auth/token/verify/')
      .send({ token: `${access}x` });
    expectProblem(bad, 401);
    expect(bad.body.detail).toBe('Token is invalid or expired');
  });
});

describe('bearer token refusals', () => {
  const forge = (payload: object, secret: string, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, secret, { algorithm: 'HS256', issuer: 'procurement-service', ...options });

  it('refuses a missing, expired, wrongly signed, alg:none or wrongly typed token with 401', async () => {
    const me = await api(h).get('/api/me/');
    expectProblem(me, 401);
    expect(me.headers['www-authenticate']).toBe('Bearer');
    const user = await h.knex('users').where({ username: 'alice' }).first();
    const claims = { sub: user.id, tid: user.tenantId, typ: 'access', ver: user.tokenVersion };
    const secret = h.config.auth.jwtSecret;
    const expired = forge({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret);
    const wrongSecret = forge(claims, 'another-secret-that-is-long-enough-000000');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...claims, iss: 'procurement-service' }),
    ).toString('base64url')}.`;
    const hs512 = jwt.sign({ ...claims, iss: 'procurement-service' }, secret, { algorithm: 'HS512' });
    const refreshType = forge({ ...claims, typ: 'refresh' }, secret);
    for (const token of [expired, wrongSecret, none, hs512, refreshType, 'garbage']) {
      const res = await api(h).get('/api/me/').set('Authorization', `Bearer ${token}`);
      expectProblem(res, 401);
    }
    expect(
      (
        await api(h)
          .get('/api/me/')
          .set('Authorization', `Bearer ${forge(claims, secret)}`)
      ).status,
    ).toBe(200);
  });
});

describe('POST /api/auth/logout/', () => {
  it('revokes the refresh family, and refuses a token that is not the caller’s', async () => {
    const alice = await login(h, 'alice');
    const erin = await login(h, 'erin');
    const foreign = await api(h)
      .post('/api/auth/logout/')
      .set('Authorization', `Bearer ${alice.access}`)
      .send({ refresh: erin.refresh });
    expectProblem(foreign, 400);
    expect((await api(h).post('/api/auth/token/refresh/').send({ refresh: erin.refresh })).status).toBe(200);

    const res = await api(h)
      .post('/api/auth/logout/')
      .set('Authorization', `Bearer ${alice.access}`)
      .send({ refresh: alice.refresh });
    expect(res.status).toBe(204);
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: alice.refresh }), 401);
  });
});

describe('POST /api/auth/change-password/', () => {
  it('refuses a wrong old password and weak new ones, changing nothing', async () => {
    const auth = await bearer(h, 'carol');
    const before = await h.knex('users').where({ username: 'carol' }).first();
    const wrongOld = await api(h)
      .post('/api/auth/change-password/')
      .set('Authorization', auth)
      .send({ old_password: 'nope-nope-nope', new_password: 'violet-harbour-42' });
    expectProblem(wrongOld, 400);
    expect(wrongOld.body.errors).toHaveProperty('old_password');
    for (const weak of ['short', '1234567890123', 'password123', 'carol-is-great-2026', 'aaaaaaaaaaaa']) {
      const res = await api(h)
        .post('/api/auth/change-password/')
        .set('Authorization', auth)
        .send({ old_password: DEMO_PASSWORD, new_password: weak });
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty('new_password');
    }
    const after = await h.knex('users').where({ username: 'carol' }).first();
    expect(after).toEqual(before);
  });

  it('changes the password, ends every session and e-mails the owner once', async () => {
    const session = await login(h, 'frank');
    const other = await login(h, 'frank');
    const res = await api(h)
      .post('/api/auth/change-password/')
      .set('Authorization', `Bearer ${session.access}`)
      .send({ old_password: DEMO_PASSWORD, new_password: 'violet-harbour-42' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ detail: 'Password changed successfully' });

    expectProblem(await api(h).get('/api/me/').set('Authorization', `Bearer ${other.access}`), 401);
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: other.refresh }), 401);
    expectProblem(await api(h).post('/api/auth/token/').send({ username: 'frank', password: DEMO_PASSWORD }), 400);
    expect(
      (await api(h).post('/api/auth/token/').send({ username: 'frank', password: 'violet-harbour-42' })).status,
    ).toBe(200);

    const mail = await waitForEmail(
      (m) => m.to.includes('frank@example.com') && m.subject.includes('password was changed'),
    );
    expect(mail.raw).toContain('Hello Frank');
    expect(mail.raw).not.toContain('violet-harbour-42');
    // The SMTP server has the message a moment before the activity records its answer: wait for the row.
    const rows = await until(async () => {
      const found = await h.knex('emails').where({ toAddress: 'frank@example.com', kind: 'password_changed' });
      return found.every((row: { status: string }) => row.status !== 'pending') ? found : undefined;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1, messageId: mail.messageId });
  });
});
