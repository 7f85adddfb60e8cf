import { completedRequest } from '../kit/scenarios';
import { snapshot } from '../kit/snapshot';
import { until } from '../kit/until';
import { tenantIdOf } from '../kit/demo-tenant';
import { tenantKnex } from '../../db/tenant-scope';
import { purchaseRequestWorkflowId } from '../../contracts/purchase-requests';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, client, expectProblem } from '../support/http';

/**
 * Issue 15 (tenancy.md §4.1, seed 004): registration creates an organisation ready to work in, and
 * tenants are administered by the platform's operators (all of them) and by their own
 * administrators (their own only). Deactivation stops a tenant and nothing else.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: true });
});
afterAll(() => h.stop());

const strong = 'a-long-and-unusual-passphrase';
let registered = 0;
const registration = (overrides: Record<string, unknown> = {}) => {
  registered += 1;
  return {
    email: `founder${registered}@acme${registered}.example`,
    password: strong,
    password_confirm: strong,
    first_name: 'Ines',
    last_name: 'Ibarra',
    tenant_name: `Acme ${registered}`,
    tenant_domain: `acme${registered}.example`,
    ...overrides,
  };
};
const register = (body: object) => api(h).post('/api/auth/register/').send(body);
/** Tenants and people across the deployment (the owner's view: row-level security hides other tenants' people). */
const everyone = () =>
  h.withOwner(async (owner) => [
    Number((await owner('tenants').count({ n: '*' }).first())?.n),
    Number((await owner('users').count({ n: '*' }).first())?.n),
  ]);

describe('registration', () => {
  it('creates the tenant, its administrator, a default team and the starter templates, and signs in', async () => {
    const body = registration({ tenant_name: 'Acme Corporation', tenant_domain: 'ACME-corp.example' });
    const res = await register(body);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      username: body.email,
      email: body.email,
      is_admin: true,
      is_platform_admin: false,
      tenant: { name: 'Acme Corporation', slug: 'acme-corporation' },
    });
    expect(res.body.user.access_scopes.map((s: { role: { code: string } }) => s.role.code).sort()).toEqual([
      'FINANCE_REVIEWER',
      'INITIATOR',
      'MANAGER',
    ]);
    const auth = `Bearer ${res.body.access}`;
    const tenant = await api(h).get(`/api/tenants/${res.body.user.tenant.id}/`).set('Authorization', auth);
    expect(tenant.body).toMatchObject({ domain: 'acme-corp.example', settings: { timezone: 'UTC', currency: 'USD' } });
    const teams = await api(h).get('/api/prs/teams/').set('Authorization', auth);
    expect(teams.body.results.map((t: { name: string }) => t.name)).toEqual(['General']);
    const forms = await api(h).get('/api/prs/form-templates/').set('Authorization', auth);
    expect(forms.body.count).toBe(1);
    // Signing in again works with the address; the refresh token is a session like any other.
    expect((await api(h).post('/api/auth/token/').send({ username: body.email, password: strong })).status).toBe(200);
    expect((await api(h).post('/api/auth/token/refresh/').send({ refresh: res.body.refresh })).status).toBe(200);
  });

  it('creates a personal tenant, named after the person, without organisation fields', async () => {
    const res = await register({
      email: 'solo@freelance.example',
      password: strong,
      password_confirm: strong,
      first_name: 'Sam',
      last_name: 'Solo',
    });
    expect(res.status).toBe(201);
    expect(res.body.user.tenant).toMatchObject({ name: 'Sam Solo', slug: 'sam-solo' });
  });

  it('refuses a taken domain (409), a weak or mismatched password and a used address (400), creating nothing', async () => {
    const before = await everyone();
    const cases: Array<[object, number, string]> = [
      [registration({ tenant_domain: 'example.com' }), 409, 'domain'],
      [registration({ password: 'password', password_confirm: 'password' }), 400, 'password'],
      [registration({ password_confirm: `${strong}!` }), 400, 'password_confirm'],
      [registration({ email: 'alice@example.com' }), 400, 'email'],
      [registration({ email: 'nw-alice' }), 400, 'email'],
      [registration({ tenant_name: undefined }), 400, 'tenant_name'],
      [registration({ tenant_domain: 'not a domain' }), 400, 'tenant_domain'],
    ];
    for (const [body, status, field] of cases) {
      const res = await register(body);
      expect({ field, status: res.status }).toEqual({ field, status });
      expectProblem(res, status);
      if (status === 400) expect(Object.keys(res.body.errors ?? {})).toContain(field);
    }
    expect(await everyone()).toEqual(before);
  });

  it('lets the new administrator run the seed-002 chain in the new tenant after adding teams and people', async () => {
    const founder = registration({ tenant_name: 'Initech', tenant_domain: 'initech.example' });
    const res = await register(founder);
    const admin = `Bearer ${res.body.access}`;
    const team = (await api(h).post('/api/prs/teams/').set('Authorization', admin).send({ name: 'Marketing' })).body;
    const people: Array<[string, string, string | null]> = [
      ['peter', 'INITIATOR', team.id],
      ['bill', 'MANAGER', team.id],
      ['milton', 'DIRECTOR', team.id],
      ['joanna', 'FINANCE_REVIEWER', null],
    ];
    const tokens: Record<string, string> = {};
    for (const [name, role, scopeTeam] of people) {
      const user = await api(h)
        .post('/api/users/')
        .set('Authorization', admin)
        .send({ username: `initech-${name}`, email: `${name}@initech.example`, password: strong });
      expect(user.status).toBe(201);
      const grant = await api(h)
        .post(`/api/users/${user.body.id}/access-scopes/`)
        .set('Authorization', admin)
        .send({ team: scopeTeam, role });
      expect(grant.status).toBe(201);
      tokens[`initech-${name}`] = (await client(h).signIn(`initech-${name}`, strong)).access;
    }
    tokens.alice = tokens['initech-peter']!;
    tokens.frank = tokens['initech-joanna']!;
    const { completed } = await completedRequest(client(h), tokens, { team: team.id, amount: '2500.00' });
    expect(completed.status.code).toBe('COMPLETED');
    // Order numbers count per tenant: Initech's first order is number 1 of the year.
    expect(completed.purchase_order.number).toMatch(/^PO-\d{4}-000001$/);
  });
});

describe('registration limit', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ env: { REGISTRATIONS_PER_HOUR: '2' } });
  });
  afterAll(() => limited.stop());

  it('answers 429 with Retry-After once an address registered REGISTRATIONS_PER_HOUR times, before reading the body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2; i += 1) {
      statuses.push((await api(limited).post('/api/auth/register/').send(registration())).status);
    }
    const refused = await api(limited).post('/api/auth/register/').send(registration());
    expect([...statuses, refused.status]).toEqual([201, 201, 429]);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Refused before the body is looked at: even an invalid one gets 429.
    expect((await api(limited).post('/api/auth/register/').send({})).status).toBe(429);
  });
});

describe('tenant administration', () => {
  it('lists every tenant to a platform administrator, and only their own to a tenant’s administrator', async () => {
    const platform = await api(h)
      .get('/api/tenants/?page_size=100')
      .set('Authorization', await bearer(h, 'admin'));
    expect(platform.status).toBe(200);
    expect(platform.body.results.map((t: { slug: string }) => t.slug)).toEqual(
      expect.arrayContaining(['demo', 'northwind', 'acme-corporation']),
    );
    const own = await api(h)
      .get('/api/tenants/')
      .set('Authorization', await bearer(h, 'nw-admin'));
    expect(own.body.results.map((t: { slug: string }) => t.slug)).toEqual(['northwind']);
    expect(
      (
        await api(h)
          .get('/api/tenants/')
          .set('Authorization', await bearer(h, 'alice'))
      ).status,
    ).toBe(403);
  });

  it('lets a tenant’s administrator edit name and settings of their own tenant only', async () => {
    const nwAdmin = await bearer(h, 'nw-admin');
    const northwind = await tenantIdOf(h.pool, 'northwind');
    const patched = await api(h)
      .patch(`/api/tenants/${northwind}/`)
      .set('Authorization', nwAdmin)
      .send({ name: 'Northwind Traders Ltd', settings: { timezone: 'Europe/London', currency: 'GBP' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Northwind Traders Ltd',
      settings: { timezone: 'Europe/London', language: 'en', currency: 'GBP' },
    });
    const before = await snapshot(h.knex, ['tenants']);
    const refusals: Array<[string, string, object, number]> = [
      ['patch', northwind, { rate_limit_per_hour: 10 }, 403],
      ['patch', northwind, { domain: 'elsewhere.example' }, 403],
      ['delete', northwind, {}, 403],
      ['get', h.tenantId, {}, 404],
      ['patch', h.tenantId, { name: 'Taken over' }, 404],
      ['put', h.tenantId, { name: 'Taken over', settings: {} }, 404],
      ['delete', h.tenantId, {}, 404],
      ['patch', northwind, { settings: { timezone: 'Mars/Olympus' } }, 400],
    ];
    for (const [method, id, body, status] of refusals) {
      const res = await (
        api(h) as unknown as Record<string, (url: string) => ReturnType<ReturnType<typeof api>['get']>>
      )[method]!(`/api/tenants/${id}/`)
        .set('Authorization', nwAdmin)
        .send(body);
      expect({ method, id, status: res.status }).toEqual({ method, id, status });
    }
    expect(await snapshot(h.knex, ['tenants'])).toEqual(before);
    const created = await api(h)
      .post('/api/tenants/')
      .set('Authorization', nwAdmin)
      .send({ name: 'X', admin: { email: 'x@x.example', password: strong } });
    expect(created.status).toBe(403);
  });

  it('lets a platform administrator create a tenant with its first administrator', async () => {
    const res = await api(h)
      .post('/api/tenants/')
      .set('Authorization', await bearer(h, 'admin'))
      .send({ name: 'Globex', domain: 'globex.example', admin: { email: 'hank@globex.example', password: strong } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Globex', slug: 'globex', domain: 'globex.example', is_active: true });
    const me = await api(h)
      .get('/api/me/')
      .set('Authorization', `Bearer ${(await client(h).signIn('hank@globex.example', strong)).access}`);
    expect(me.body).toMatchObject({ is_admin: true, tenant: { id: res.body.id } });
  });

  it('deactivates a tenant: sign-ins and tokens refused, its running workflows cancelled, other tenants untouched', async () => {
    const platform = await bearer(h, 'admin');
    const founder = registration({ tenant_name: 'Umbrella', tenant_domain: 'umbrella.example' });
    const res = await register(founder);
    const umbrella = res.body.user.tenant.id as string;
    const umbrellaAuth = `Bearer ${res.body.access}`;
    // A request waiting for approval in Umbrella, and one in Northwind.
    const running = async (auth: string, team: string) => {
      const id = await client(h).createDraft(auth.replace('Bearer ', ''), { team });
      expect((await client(h).act(auth.replace('Bearer ', ''), id, 'submit')).status).toBe(200);
      return id;
    };
    const general = (await api(h).get('/api/prs/teams/').set('Authorization', umbrellaAuth)).body.results[0].id;
    const theirs = await running(umbrellaAuth, general);
    const northwindTeam = (await tenantKnex(
      h.pool,
      await tenantIdOf(h.pool, 'northwind'),
    )('teams')
      .where({ name: 'Marketing' })
      .first('id')) as { id: string };
    const ours = await running(await bearer(h, 'nw-alice'), northwindTeam.id);
    const token = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', umbrellaAuth)
      .send({ name: 'ci', scopes: ['requests:read'] });

    expect((await api(h).delete(`/api/tenants/${umbrella}/`).set('Authorization', platform)).status).toBe(204);

    expect((await api(h).get('/api/me/').set('Authorization', umbrellaAuth)).status).toBe(401);
    expect((await api(h).get('/api/me/').set('Authorization', `Bearer ${token.body.token}`)).status).toBe(401);
    expect((await api(h).post('/api/auth/token/').send({ username: founder.email, password: strong })).status).toBe(
      400,
    );
    expect((await api(h).post('/api/auth/token/refresh/').send({ refresh: res.body.refresh })).status).toBe(401);
    const status = async (id: string) =>
      (await h.deps.temporal.client.workflow.getHandle(purchaseRequestWorkflowId(id)).describe()).status.name;
    await until(async () => (await status(theirs)) === 'CANCELLED', { what: "Umbrella's request workflow cancelled" });
    expect(await status(ours)).toBe('RUNNING');
    const offboard = await h.deps.temporal.client.workflow.getHandle(`tenant-offboard-${umbrella}`).result();
    expect(offboard).toEqual({ cancelled: 1 });
    // The data stays; the tenant shows as inactive, and a platform administrator may reactivate it.
    const shown = await api(h).get(`/api/tenants/${umbrella}/`).set('Authorization', platform);
    expect(shown.body).toMatchObject({ is_active: false, deactivated_at: expect.any(String) });
    expect(
      (await api(h).patch(`/api/tenants/${umbrella}/`).set('Authorization', platform).send({ is_active: true })).status,
    ).toBe(200);
    expect((await api(h).post('/api/auth/token/').send({ username: founder.email, password: strong })).status).toBe(
      200,
    );
    // The platform administrator cannot stop their own tenant.
    expect((await api(h).delete(`/api/tenants/${h.tenantId}/`).set('Authorization', platform)).status).toBe(409);
  });
});
