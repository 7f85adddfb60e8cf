import { startHarness, type Harness } from '../support/harness';
import { api, DEMO_PASSWORD, expectProblem } from '../support/http';

// Browser sessions (web.md principle 4): the refresh token in an HttpOnly, SameSite=Strict cookie,
// rotated, usable only with the CSRF header, cleared on logout. The JSON token flow is in auth.test.ts.
let h: Harness;
let secureH: Harness;
beforeAll(async () => {
  [h, secureH] = await Promise.all([
    startHarness(),
    startHarness({ env: { PUBLIC_BASE_URL: 'https://procure.example.com' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([h?.stop(), secureH?.stop()]);
});

const CSRF = { 'X-Requested-With': 'XMLHttpRequest' };
const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const header = (res.headers['set-cookie'] as string[] | undefined)?.find((c) => c.startsWith('prs_session='));
  return header;
};
const valueOf = (setCookie: string) => setCookie.split(';')[0] as string; // "prs_session=…"
const refreshTokens = async (target: Harness) => Number((await target.knex('refreshTokens').count({ n: '*' }))[0]!.n);

async function signIn(target: Harness = h, username = 'bob') {
  const res = await api(target).post('/api/auth/session/').set(CSRF).send({ username, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return { res, cookie: valueOf(cookieOf(res) as string) };
}

describe('browser sessions', () => {
  it('signs in with the refresh token in an HttpOnly, SameSite=Strict cookie the answer never shows', async () => {
    const { res } = await signIn();
    expect(Object.keys(res.body).sort()).toEqual(['access', 'user']);
    expect(res.body.user.username).toBe('bob');
    const setCookie = cookieOf(res) as string;
    expect(setCookie).toMatch(
      /^prs_session=rt_[^;]+; Path=\/api\/auth\/session; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    );
    expect(JSON.stringify(res.body)).not.toContain(valueOf(setCookie).slice('prs_session='.length));
    const me = await api(h).get('/api/me/').set('Authorization', `Bearer ${res.body.access}`);
    expect(me.body.username).toBe('bob');
  });

  it('marks the cookie Secure when the service is served over https', async () => {
    const { res } = await signIn(secureH);
    expect(cookieOf(res)).toMatch(/; Secure$/);
  });

  it('refuses every session call without the CSRF header (403), before the body, changing nothing', async () => {
    const { cookie } = await signIn();
    const before = await refreshTokens(h);
    const attempts = [
      api(h).post('/api/auth/session/').send({ username: 'bob', password: DEMO_PASSWORD }),
      api(h).post('/api/auth/session/').send({ username: 42 }), // a bad body still gets the 403 first
      api(h).post('/api/auth/session/refresh/').set('Cookie', cookie),
      api(h).post('/api/auth/session/logout/').set('Cookie', cookie),
      api(h).post('/api/auth/session/refresh/').set('Cookie', cookie).set('X-Requested-With', 'fetch'),
    ];
    for (const res of await Promise.all(attempts)) {
      expectProblem(res, 403);
      expect(cookieOf(res)).toBeUndefined();
    }
    expect(await refreshTokens(h)).toBe(before);
    // The session was not touched: it still refreshes.
    expect((await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', cookie)).status).toBe(200);
  });

  it('rotates the cookie on refresh; a used one is refused and revokes the whole session', async () => {
    const { cookie: first } = await signIn();
    const refreshed = await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', first);
    expect(refreshed.status).toBe(200);
    expect(Object.keys(refreshed.body)).toEqual(['access']);
    const second = valueOf(cookieOf(refreshed) as string);
    expect(second).not.toBe(first);
    expectProblem(await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', first), 401);
    expectProblem(await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', second), 401);
  });

  it('answers 401 to a refresh without a session', async () => {
    expectProblem(await api(h).post('/api/auth/session/refresh/').set(CSRF), 401);
    expectProblem(
      await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', 'prs_session=rt_made_up'),
      401,
    );
  });

  it('signs out: the session is revoked and the cookie cleared; signing out again is harmless', async () => {
    const { cookie } = await signIn();
    const out = await api(h).post('/api/auth/session/logout/').set(CSRF).set('Cookie', cookie);
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/^prs_session=; Path=\/api\/auth\/session; HttpOnly; SameSite=Strict; Max-Age=0$/);
    expectProblem(await api(h).post('/api/auth/session/refresh/').set(CSRF).set('Cookie', cookie), 401);
    expect((await api(h).post('/api/auth/session/logout/').set(CSRF).set('Cookie', cookie)).status).toBe(204);
    expect((await api(h).post('/api/auth/session/logout/').set(CSRF)).status).toBe(204);
  });

  it('answers wrong credentials as the JSON login does, and sets no cookie', async () => {
    const res = await api(h)
      .post('/api/auth/session/')
      .set(CSRF)
      .send({ username: 'bob', password: 'wrong-password-1' });
    expectProblem(res, 400);
    expect(cookieOf(res)).toBeUndefined();
  });
});
