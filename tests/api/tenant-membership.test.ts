import jwt from 'jsonwebtoken';
import { createKnex } from '../../db/knex';
import { databaseUrl, dropDatabase } from '../../scripts/lib/databases';
import { startHarness, type Harness } from '../support/harness';
import { signAccessToken } from '../../api/auth/access-tokens';
import { tenantIdOf } from '../kit/demo-tenant';
import { api, bearer, DEMO_PASSWORD, login } from '../support/http';

/**
 * Issue 15, the tenant model: every user belongs to one tenant, tokens name it, /api/me/ shows it, and
 * an administrator's new people join the administrator's tenant. An installation upgraded with users
 * in it gets one default tenant holding them all.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

it('puts the demo people in the demo tenant, and /api/me/ and the sign-in answer show it', async () => {
  const tenants = await h.knex('tenants').orderBy('name').select('name', 'slug');
  expect(tenants).toEqual([
    { name: 'Demo organisation', slug: 'demo' },
    { name: 'Northwind Traders', slug: 'northwind' },
  ]);
  const signedIn = (await api(h).post('/api/auth/token/').send({ username: 'alice', password: DEMO_PASSWORD })).body;
  const me = await api(h).get('/api/me/').set('Authorization', `Bearer ${signedIn.access}`);
  expect(me.status).toBe(200);
  expect(me.body.tenant).toEqual({ id: h.tenantId, name: 'Demo organisation', slug: 'demo' });
  expect(me.body.is_platform_admin).toBe(false);
  expect(signedIn.user.tenant).toEqual(me.body.tenant);
  const admin = await api(h)
    .get('/api/me/')
    .set('Authorization', await bearer(h, 'admin'));
  expect([admin.body.tenant.slug, admin.body.is_platform_admin]).toEqual(['demo', true]);
  // The second demo organisation's people sign in the same way, into their own tenant.
  const nwAdmin = await api(h)
    .get('/api/me/')
    .set('Authorization', await bearer(h, 'nw-admin'));
  expect([nwAdmin.body.tenant.slug, nwAdmin.body.is_admin, nwAdmin.body.is_platform_admin]).toEqual([
    'northwind',
    true,
    false,
  ]);
});

it('signs the tenant into the access token, and a token naming another tenant is refused', async () => {
  const { access } = await login(h, 'bob');
  const bob = await h.knex('users').where({ username: 'bob' }).first();
  expect(jwt.decode(access)).toMatchObject({ sub: bob.id, tid: h.tenantId });
  // A correctly signed token for bob that names Northwind: bob is looked for there only, and not found.
  const northwind = await tenantIdOf(h.pool, 'northwind');
  const forged = signAccessToken(h.config.auth.jwtSecret, 300, { ...bob, tenantId: northwind });
  expect((await api(h).get('/api/me/').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
  const garbled = signAccessToken(h.config.auth.jwtSecret, 300, { ...bob, tenantId: 'not-a-uuid' });
  expect((await api(h).get('/api/me/').set('Authorization', `Bearer ${garbled}`)).status).toBe(401);
  expect((await api(h).get('/api/me/').set('Authorization', `Bearer ${access}`)).status).toBe(200);
});

it("puts a person an administrator creates into the administrator's tenant", async () => {
  const res = await api(h)
    .post('/api/users/')
    .set('Authorization', await bearer(h, 'admin'))
    .send({ username: 'dana', email: 'dana@example.com', password: 'Correct-horse-battery-9' });
  expect(res.status).toBe(201);
  const [dana, admin] = await Promise.all([
    h.knex('users').where({ username: 'dana' }).first(),
    h.knex('users').where({ username: 'admin' }).first(),
  ]);
  expect(dana.tenantId).toBe(admin.tenantId);
  expect(dana.isPlatformAdmin).toBe(false);
});

it('upgrades an installation with users: one default tenant holds them all, its admins run the platform', async () => {
  const name = `${h.run.databasePrefix}_tenant_upgrade`;
  const admin = createKnex(h.run.adminDatabaseUrl, 1);
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const knex = createKnex(databaseUrl(h.run.adminDatabaseUrl, name), 1);
  try {
    // The schema as it stood before tenants, with one admin and one requestor in it.
    for (;;) {
      const [, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
      if (!pending.length || String(pending[0]).startsWith('20261203000015')) break;
      await knex.migrate.up();
    }
    expect(await knex.schema.hasTable('tenants')).toBe(false);
    await knex('users').insert([
      { username: 'root', email: 'root@old.test', passwordHash: 'x', isAdmin: true },
      { username: 'rita', email: 'rita@old.test', passwordHash: 'x' },
    ]);
    await knex('teams').insert({ name: 'Operations' });
    await knex.migrate.latest();
    const tenants = await knex('tenants').select('id', 'name', 'slug');
    expect(tenants.map(({ name: n, slug }) => [n, slug])).toEqual([['Default organisation', 'default']]);
    const users = await knex('users').orderBy('username').select('username', 'tenantId', 'isPlatformAdmin');
    expect(users).toEqual([
      { username: 'rita', tenantId: tenants[0].id, isPlatformAdmin: false },
      { username: 'root', tenantId: tenants[0].id, isPlatformAdmin: true },
    ]);
    // Every other row belongs to that tenant too (migration 16), and is visible only under it (17).
    expect(await knex('teams').select('name', 'tenantId')).toEqual([{ name: 'Operations', tenantId: tenants[0].id }]);
    const forced = await knex.raw(`SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'teams'`);
    expect(forced.rows).toEqual([{ forced: true }]);
  } finally {
    await knex.destroy();
    await dropDatabase(h.run.adminDatabaseUrl, name);
  }
});
