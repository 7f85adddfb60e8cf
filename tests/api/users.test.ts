import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem, login } from '../support/http';

let h: Harness;
let adminAuth: string;
let aliceAuth: string;
beforeAll(async () => {
  h = await startHarness();
  adminAuth = await bearer(h, 'admin');
  aliceAuth = await bearer(h, 'alice');
});
afterAll(() => h.stop());

const snapshot = async () => ({
  users: await h.knex('users').orderBy('id'),
  scopes: await h.knex('accessScopes').orderBy('id'),
  roles: await h.knex('roles').orderBy('code'),
});
const teamId = async (name: string) => (await h.knex('teams').where({ name }).first()).id as string;

describe('admin user routes', () => {
  it('refuse non-admins with 403 and anonymous callers with 401, changing nothing', async () => {
    const before = await snapshot();
    const someone = (await h.knex('users').where({ username: 'bob' }).first()).id;
    const attempts = [
      () => api(h).get('/api/users/'),
      () =>
        api(h).post('/api/users/').send({ username: 'x1', email: 'x1@example.com', password: 'a-strong-passphrase' }),
      () => api(h).get(`/api/users/${someone}/`),
      () => api(h).patch(`/api/users/${someone}/`).send({ is_admin: true }),
      () => api(h).delete(`/api/users/${someone}/`),
      () => api(h).post(`/api/users/${someone}/access-scopes/`).send({ team: null, role: 'FINANCE_REVIEWER' }),
      () => api(h).post('/api/roles/').send({ code: 'HACKER', name: 'Hacker' }),
    ];
    for (const attempt of attempts) expectProblem(await attempt().set('Authorization', aliceAuth), 403);
    for (const attempt of attempts) expectProblem(await attempt(), 401);
    expect(await snapshot()).toEqual(before);
  });

  it('lists with pagination, search, filters and ordering', async () => {
    const page1 = await api(h).get('/api/users/?page_size=3&ordering=-username').set('Authorization', adminAuth);
    expect(page1.status).toBe(200);
    expect(page1.body.count).toBe(8);
    expect(page1.body.results.map((u: { username: string }) => u.username)).toEqual(['paula', 'mallory', 'frank']);
    expect(page1.body.next).toBe('http://api.test/api/users/?page_size=3&ordering=-username&page=2');
    expect(page1.body.previous).toBeNull();
    const page3 = await api(h).get('/api/users/?page_size=3&ordering=-username&page=3').set('Authorization', adminAuth);
    expect(page3.body.results.map((u: { username: string }) => u.username)).toEqual(['alice', 'admin']);
    expect(page3.body.previous).toBe('http://api.test/api/users/?page_size=3&ordering=-username&page=2');
    expect(page3.body.next).toBeNull();
    const beyond = await api(h).get('/api/users/?page=9').set('Authorization', adminAuth);
    expect(beyond.body).toMatchObject({ count: 8, results: [] });

    const search = await api(h).get('/api/users/?search=CAR').set('Authorization', adminAuth);
    expect(search.body.results.map((u: { username: string }) => u.username)).toEqual(['carol']);
    const admins = await api(h).get('/api/users/?is_admin=true').set('Authorization', adminAuth);
    expect(admins.body.results.map((u: { username: string }) => u.username)).toEqual(['admin']);
    expect(JSON.stringify(page1.body)).not.toMatch(/password|argon2/);
  });

  it('creates a user who can log in; refuses duplicates, weak passwords and unknown fields', async () => {
    const created = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'dave', email: 'dave@example.com', password: 'correct-horse-battery', first_name: 'Dave' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'dave', is_admin: false, is_active: true, first_name: 'Dave' });
    await login(h, 'dave', 'correct-horse-battery');

    const before = await snapshot();
    const duplicate = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'DAVE', email: 'other@example.com', password: 'correct-horse-battery' });
    expectProblem(duplicate, 400);
    expect(duplicate.body.errors).toHaveProperty('username');
    const weak = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'eve', email: 'eve@example.com', password: 'password' });
    expect(weak.body.errors).toHaveProperty('password');
    const extra = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'eve', email: 'eve@example.com', password: 'correct-horse-battery', token_version: 5 });
    expectProblem(extra, 400);
    expect(extra.body.errors).toEqual({ token_version: ['This field is not allowed.'] });
    const badEmail = await api(h)
      .post('/api/users/')
      .set('Authorization', adminAuth)
      .send({ username: 'eve', email: 'not-an-email', password: 'correct-horse-battery' });
    expect(badEmail.body.errors).toHaveProperty('email');
    expect(await snapshot()).toEqual(before);
  });

  it('updates, deactivates (ending sessions) and refuses to let admins lock themselves out', async () => {
    const erin = await h.knex('users').where({ username: 'erin' }).first();
    const erinSession = await login(h, 'erin');
    const updated = await api(h)
      .patch(`/api/users/${erin.id}/`)
      .set('Authorization', adminAuth)
      .send({ last_name: 'Evans-Ng' });
    expect(updated.status).toBe(200);
    expect(updated.body.last_name).toBe('Evans-Ng');

    await api(h).delete(`/api/users/${erin.id}/`).set('Authorization', adminAuth).expect(204);
    expectProblem(await api(h).get('/api/me/').set('Authorization', `Bearer ${erinSession.access}`), 401);
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: erinSession.refresh }), 401);
    expect((await h.knex('users').where({ id: erin.id }).first()).isActive).toBe(false);

    const admin = await h.knex('users').where({ username: 'admin' }).first();
    expectProblem(await api(h).delete(`/api/users/${admin.id}/`).set('Authorization', adminAuth), 409);
    expectProblem(
      await api(h).patch(`/api/users/${admin.id}/`).set('Authorization', adminAuth).send({ is_admin: false }),
      409,
    );
    expectProblem(
      await api(h).get('/api/users/00000000-0000-4000-8000-000000000000/').set('Authorization', adminAuth),
      404,
    );
    const badId = await api(h).get('/api/users/not-a-uuid/').set('Authorization', adminAuth);
    expectProblem(badId, 400);
    expect(badId.body.errors).toHaveProperty('id');
  });

  it('grants and removes access scopes, validating team and role', async () => {
    const bob = await h.knex('users').where({ username: 'bob' }).first();
    const engineering = await teamId('Engineering');
    const granted = await api(h)
      .post(`/api/users/${bob.id}/access-scopes/`)
      .set('Authorization', adminAuth)
      .send({ team: engineering, role: 'DIRECTOR' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      team: { id: engineering, name: 'Engineering' },
      role: { code: 'DIRECTOR', name: 'Director' },
    });
    const global = await api(h)
      .post(`/api/users/${bob.id}/access-scopes/`)
      .set('Authorization', adminAuth)
      .send({ team: null, role: 'FINANCE_REVIEWER' });
    expect(global.body.team).toBeNull();

    expectProblem(
      await api(h)
        .post(`/api/users/${bob.id}/access-scopes/`)
        .set('Authorization', adminAuth)
        .send({ team: null, role: 'FINANCE_REVIEWER' }),
      409,
    );
    const unknownRole = await api(h)
      .post(`/api/users/${bob.id}/access-scopes/`)
      .set('Authorization', adminAuth)
      .send({ team: null, role: 'WIZARD' });
    expect(unknownRole.body.errors).toHaveProperty('role');
    const unknownTeam = await api(h)
      .post(`/api/users/${bob.id}/access-scopes/`)
      .set('Authorization', adminAuth)
      .send({ team: '00000000-0000-4000-8000-000000000000', role: 'MANAGER' });
    expect(unknownTeam.body.errors).toHaveProperty('team');

    const list = await api(h).get(`/api/users/${bob.id}/access-scopes/`).set('Authorization', adminAuth);
    expect(list.body.map((s: { role: { code: string } }) => s.role.code)).toEqual([
      'MANAGER',
      'DIRECTOR',
      'FINANCE_REVIEWER',
    ]);
    await api(h)
      .delete(`/api/users/${bob.id}/access-scopes/${global.body.id}/`)
      .set('Authorization', adminAuth)
      .expect(204);
    expectProblem(
      await api(h).delete(`/api/users/${bob.id}/access-scopes/${global.body.id}/`).set('Authorization', adminAuth),
      404,
    );
    const me = await api(h)
      .get('/api/me/')
      .set('Authorization', await bearer(h, 'bob'));
    expect(me.body.access_scopes.map((s: { role: { code: string } }) => s.role.code)).toEqual(['MANAGER', 'DIRECTOR']);
  });

  it('lists roles for everyone and lets admins define new ones', async () => {
    const roles = await api(h).get('/api/roles/').set('Authorization', aliceAuth);
    expect(roles.body.map((r: { code: string }) => r.code)).toEqual([
      'DIRECTOR',
      'FINANCE_REVIEWER',
      'INITIATOR',
      'MANAGER',
      'PROCUREMENT_OFFICER',
    ]);
    const created = await api(h)
      .post('/api/roles/')
      .set('Authorization', adminAuth)
      .send({ code: 'LEGAL_REVIEWER', name: 'Legal Reviewer' });
    expect(created.status).toBe(201);
    expectProblem(
      await api(h).post('/api/roles/').set('Authorization', adminAuth).send({ code: 'LEGAL_REVIEWER', name: 'Again' }),
      409,
    );
    expect(
      (await api(h).post('/api/roles/').set('Authorization', adminAuth).send({ code: 'lower case', name: 'x' })).body
        .errors,
    ).toHaveProperty('code');
  });
});
