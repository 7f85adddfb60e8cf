import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';

let h: Harness;
let adminAuth: string;
let aliceAuth: string;
beforeAll(async () => {
  h = await startHarness();
  adminAuth = await bearer(h, 'admin');
  aliceAuth = await bearer(h, 'alice');
});
afterAll(() => h.stop());

describe('teams', () => {
  it('lists active teams for everyone and manages them as admin (soft delete)', async () => {
    const list = await api(h).get('/api/prs/teams/?ordering=name').set('Authorization', aliceAuth);
    expect(list.status).toBe(200);
    expect(list.body.results.map((t: { name: string }) => t.name)).toEqual(['Engineering', 'Marketing']);

    const created = await api(h)
      .post('/api/prs/teams/')
      .set('Authorization', adminAuth)
      .send({ name: 'Operations', description: 'Facilities' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Operations', description: 'Facilities', is_active: true });
    const renamed = await api(h)
      .patch(`/api/prs/teams/${created.body.id}/`)
      .set('Authorization', adminAuth)
      .send({ description: 'Facilities and logistics' });
    expect(renamed.body.description).toBe('Facilities and logistics');

    await api(h).delete(`/api/prs/teams/${created.body.id}/`).set('Authorization', adminAuth).expect(204);
    expect(await h.knex('teams').where({ id: created.body.id }).first()).toMatchObject({ isActive: false });
    expectProblem(await api(h).get(`/api/prs/teams/${created.body.id}/`).set('Authorization', aliceAuth), 404);
    expect(
      (await api(h).get(`/api/prs/teams/${created.body.id}/`).set('Authorization', adminAuth)).body.is_active,
    ).toBe(false);
    const afterDelete = await api(h).get('/api/prs/teams/').set('Authorization', aliceAuth);
    expect(afterDelete.body.count).toBe(2);
    const inactive = await api(h).get('/api/prs/teams/?is_active=false').set('Authorization', adminAuth);
    expect(inactive.body.results.map((t: { name: string }) => t.name)).toEqual(['Operations']);
  });

  it('refuses duplicates, blank names, non-admin writes and unknown fields, changing nothing', async () => {
    const before = await h.knex('teams').orderBy('id');
    const marketing = before.find((t) => t.name === 'Marketing');
    const dup = await api(h).post('/api/prs/teams/').set('Authorization', adminAuth).send({ name: 'marketing' });
    expectProblem(dup, 400);
    expect(dup.body.errors).toHaveProperty('name');
    expect(
      (await api(h).post('/api/prs/teams/').set('Authorization', adminAuth).send({ name: '   ' })).body.errors,
    ).toHaveProperty('name');
    expectProblem(
      await api(h).post('/api/prs/teams/').set('Authorization', aliceAuth).send({ name: 'Alice Team' }),
      403,
    );
    expectProblem(
      await api(h).patch(`/api/prs/teams/${marketing.id}/`).set('Authorization', aliceAuth).send({ name: 'Mine' }),
      403,
    );
    expectProblem(await api(h).delete(`/api/prs/teams/${marketing.id}/`).set('Authorization', aliceAuth), 403);
    expectProblem(
      await api(h).patch(`/api/prs/teams/${marketing.id}/`).set('Authorization', adminAuth).send({ id: 'x' }),
      400,
    );
    expect(await h.knex('teams').orderBy('id')).toEqual(before);
  });
});

describe('GET and PATCH /api/me/', () => {
  it('updates names at once but refuses mass assignment of is_admin, username and the like', async () => {
    const before = await h.knex('users').where({ username: 'alice' }).first();
    for (const field of [
      { is_admin: true },
      { username: 'root' },
      { is_active: false },
      { id: '00000000-0000-4000-8000-000000000000' },
      { password: 'x-strong-passphrase' },
    ]) {
      const res = await api(h)
        .patch('/api/me/')
        .set('Authorization', aliceAuth)
        .send({ first_name: 'Al', ...field });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ [Object.keys(field)[0] as string]: ['This field is not allowed.'] });
    }
    expect(await h.knex('users').where({ username: 'alice' }).first()).toEqual(before);

    const res = await api(h).patch('/api/me/').set('Authorization', aliceAuth).send({ first_name: 'Alicia' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ first_name: 'Alicia', email: before.email, is_admin: false, pending_email: null });
    expect(res.body.access_scopes).toHaveLength(1);
    const me = await api(h).get('/api/me/').set('Authorization', aliceAuth);
    expect(me.body.first_name).toBe('Alicia');
  });

  it('refuses control characters and overlong values', async () => {
    expect(
      (await api(h).patch('/api/me/').set('Authorization', aliceAuth).send({ last_name: 'a\u0000b' })).status,
    ).toBe(400);
    expect(
      (
        await api(h)
          .patch('/api/me/')
          .set('Authorization', aliceAuth)
          .send({ last_name: 'x'.repeat(151) })
      ).status,
    ).toBe(400);
    expect((await api(h).patch('/api/me/').set('Authorization', aliceAuth).send({ first_name: 42 })).status).toBe(400);
  });
});
