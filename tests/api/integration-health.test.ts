import type http from 'node:http';
import { ScheduleNotFoundError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { integrationHealthScheduleId } from '../../contracts/integration-health';
import { TENANT_ID } from '../../contracts/search-attributes';
import { createIntegrationHealthActivities } from '../../activities/integration-health.activities';
import { tenantKnex } from '../../db/tenant-scope';
import { snapshot } from '../kit/snapshot';
import { until } from '../kit/until';
import { startHarness, type Harness } from '../support/harness';
import { record } from '../support/histories';
import { api, bearer, expectProblem } from '../support/http';
import { startReceiver } from '../support/receivers';

/**
 * Issue 15, seed 004's integration health (decision 0038): a tenant's providers with a health URL
 * are probed by the tenant's own Schedule through the webhooks' address guard, on its timer and on
 * demand, and `GET /api/integrations/health/` reports what the latest probes saw. Real Temporal,
 * real HTTP services on loopback. The providers live in an organisation registered here, so its
 * Schedule is this file's alone.
 */
let h: Harness;
let service: Awaited<ReturnType<typeof startReceiver>>;
let admin: string;
let tenantId: string;
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  h = await startHarness({
    worker: true,
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      INTEGRATION_HEALTH_INTERVAL_SECONDS: '2',
      INTEGRATION_HEALTH_TIMEOUT_MS: '1500',
      INTEGRATION_HEALTH_DEGRADED_MS: '400',
    },
  });
  service = await startReceiver((_call, req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/ok')) res.writeHead(200).end('{"status":"ok"}');
    else if (path.startsWith('/slow')) setTimeout(() => res.writeHead(200).end('ok'), 700);
    else if (path.startsWith('/busy')) res.writeHead(429).end();
    else if (path.startsWith('/broken')) res.writeHead(503).end('maintenance');
    else hanging.push(res); // never answers
  });
  const password = 'a-long-and-unusual-passphrase';
  const res = await api(h).post('/api/auth/register/').send({
    email: 'ops@health.example',
    password,
    password_confirm: password,
    first_name: 'Hana',
    last_name: 'Holm',
    tenant_name: 'Health Check Ltd',
    tenant_domain: 'health.example',
  });
  expect(res.status).toBe(201);
  admin = `Bearer ${res.body.access}`;
  tenantId = res.body.user.tenant.id;
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await service?.close();
  await h.stop();
});

const base = () => service.url.replace(/\/hook$/, '');
const health = async (auth = admin) => {
  const res = await api(h).get('/api/integrations/health/').set('Authorization', auth);
  expect(res.status).toBe(200);
  return res.body as {
    status: string;
    checked: number;
    check_interval_seconds: number;
    providers: Record<string, Record<string, unknown>>;
  };
};
const createProvider = (body: object) =>
  api(h).post('/api/integrations/providers/').set('Authorization', admin).send(body);
const schedule = () => h.deps.temporal.client.schedule.getHandle(integrationHealthScheduleId(tenantId));

describe('probing', () => {
  it('reports each provider healthy, degraded or down with its response time, from its own Schedule', async () => {
    for (const [name, path] of [
      ['fast-erp', '/ok'],
      ['slow-carrier', '/slow'],
      ['busy-bank', '/busy'],
      ['broken-crm', '/broken'],
      ['silent-ledger', '/hang'],
    ]) {
      expect((await createProvider({ name, health_url: `${base()}${path}` })).status).toBe(201);
    }
    expect((await createProvider({ name: 'no-probe' })).status).toBe(201);

    // The Schedule's first round starts when it is made: no "check now" needed.
    const report = await until(
      async () => {
        const body = await health();
        return body.checked === 5 ? body : null;
      },
      { what: 'five providers checked', timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(report.status).toBe('degraded');
    expect(report.check_interval_seconds).toBe(2);
    const { providers } = report;
    expect(providers['fast-erp']).toMatchObject({ status: 'healthy', http_status: 200, error: null, monitored: true });
    expect(providers['fast-erp']!.response_time).toEqual(expect.any(Number));
    expect(providers['slow-carrier']).toMatchObject({ status: 'degraded', http_status: 200 });
    expect(providers['slow-carrier']!.response_time as number).toBeGreaterThan(400);
    expect(providers['busy-bank']).toMatchObject({ status: 'degraded', http_status: 429 });
    expect(providers['broken-crm']).toMatchObject({ status: 'down', http_status: 503, error: 'HTTP 503' });
    expect(providers['silent-ledger']).toMatchObject({
      status: 'down',
      http_status: null,
      response_time: null,
      error: expect.stringContaining('no answer within 1500 ms'),
    });
    expect(providers['no-probe']).toEqual({
      status: 'unknown',
      response_time: null,
      last_check: null,
      http_status: null,
      error: null,
      consecutive_failures: 0,
      monitored: false,
    });
    // A probe is a GET with no body and nothing secret: the signing secret never leaves for a health URL.
    const probe = service.calls.find((call) => call.path === '/ok');
    expect(probe?.headers['user-agent']).toBe('procurement-health/1.0');
    expect(probe?.headers['webhook-signature']).toBeUndefined();
  });

  it('probes again on its timer, counting the failures of a provider that stays down', async () => {
    const first = (await health()).providers;
    const again = await until(
      async () => {
        const now = (await health()).providers;
        return now['fast-erp']!.last_check !== first['fast-erp']!.last_check &&
          (now['broken-crm']!.consecutive_failures as number) > (first['broken-crm']!.consecutive_failures as number)
          ? now
          : null;
      },
      { what: 'a second round on the timer', timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(again['fast-erp']!.consecutive_failures).toBe(0);
  });

  it('keeps the tenant in the Schedule: its id, its runs and their TenantId', async () => {
    const description = await schedule().describe();
    expect(description.spec.intervals?.[0]?.every).toBe(2000);
    expect(description.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'integrationHealthWorkflow',
      workflowId: `integration-health-${tenantId}`,
      taskQueue: h.config.temporal.taskQueue,
      args: [{ tenantId }],
    });
    const attributes =
      description.action.type === 'startWorkflow' ? description.action.typedSearchAttributes : undefined;
    expect(attributes && 'get' in attributes ? attributes.get(TENANT_ID) : attributes).toBe(tenantId);
    const runs = await until(
      async () => {
        const found = [];
        for await (const run of h.deps.temporal.client.workflow.list({
          query: `WorkflowType = 'integrationHealthWorkflow' AND ${TENANT_ID.name} = '${tenantId}'`,
        }))
          found.push(run);
        return found.some((run) => run.status.name === 'COMPLETED') ? found : null;
      },
      { what: 'a finished round, found by TenantId' },
    );
    expect(runs[0]!.workflowId).toMatch(new RegExp(`^integration-health-${tenantId}`));

    // A finished round replays against today's code, and is kept for replay.test.ts.
    const finished = runs.find((run) => run.status.name === 'COMPLETED');
    expect(finished).toBeDefined();
    const history = await h.deps.temporal.client.workflow
      .getHandle(finished!.workflowId, finished!.runId)
      .fetchHistory();
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: h.run.workflowBundlePath } },
      history,
      finished!.workflowId,
    );
    record('integration-health.round.json', history);
  });

  it('checks now on demand', async () => {
    const before = (await health()).providers['fast-erp']!.last_check as string;
    const res = await api(h).post('/api/integrations/health/check/').set('Authorization', admin);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: 'started' });
    await until(async () => ((await health()).providers['fast-erp']!.last_check as string) > before, {
      what: 'a newer check',
    });
  });
});

describe('changing a provider', () => {
  it('forgets the last check when the URL changes, and stops probing when it is removed', async () => {
    const list = await api(h).get('/api/integrations/providers/').set('Authorization', admin);
    const broken = list.body.results.find((p: { name: string }) => p.name === 'broken-crm');
    expect(broken.health_url).toBe(`${base()}/broken`);
    const one = await api(h).get(`/api/integrations/providers/${broken.id}/`).set('Authorization', admin);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(broken);
    expect(one.body.secret).toBeUndefined();

    const moved = await api(h)
      .patch(`/api/integrations/providers/${broken.id}/`)
      .set('Authorization', admin)
      .send({ health_url: `${base()}/ok?moved=1` });
    expect(moved.status).toBe(200);
    expect(moved.body.health_url).toBe(`${base()}/ok?moved=1`);
    await until(async () => (await health()).providers['broken-crm']!.status === 'healthy', {
      what: 'the moved URL probed',
    });

    const removed = await api(h)
      .patch(`/api/integrations/providers/${broken.id}/`)
      .set('Authorization', admin)
      .send({ health_url: null });
    expect(removed.status).toBe(200);
    expect((await health()).providers['broken-crm']).toMatchObject({ status: 'unknown', monitored: false });
  });

  it('refuses bad input with a 400 and changes nothing', async () => {
    const list = await api(h).get('/api/integrations/providers/').set('Authorization', admin);
    const fast = list.body.results.find((p: { name: string }) => p.name === 'fast-erp');
    const db = tenantKnex(h.pool, tenantId);
    const before = await snapshot(db, ['integrationProviders']);
    for (const body of [
      {},
      { health_url: 'not a url' },
      { health_url: 'ftp://x.example/' },
      { is_active: 'yes' },
      { name: 'x' },
    ]) {
      const res = await api(h).patch(`/api/integrations/providers/${fast.id}/`).set('Authorization', admin).send(body);
      expectProblem(res, 400);
    }
    const created = await createProvider({ name: 'bad-url', health_url: 'javascript:alert(1)' });
    expectProblem(created, 400);
    expect(created.body.errors.health_url).toBeDefined();
    expect(await snapshot(db, ['integrationProviders'])).toEqual(before);
  });
});

describe('isolation', () => {
  it("shows another tenant none of this tenant's providers, and 404 for their ids", async () => {
    const demoAdmin = await bearer(h, 'admin');
    const theirs = await health(demoAdmin);
    expect(Object.keys(theirs.providers)).not.toContain('fast-erp');
    const list = await api(h).get('/api/integrations/providers/').set('Authorization', admin);
    const fast = list.body.results.find((p: { name: string }) => p.name === 'fast-erp');
    const res = await api(h).get(`/api/integrations/providers/${fast.id}/`).set('Authorization', demoAdmin);
    expectProblem(res, 404);
    const patch = await api(h)
      .patch(`/api/integrations/providers/${fast.id}/`)
      .set('Authorization', demoAdmin)
      .send({ health_url: null });
    expectProblem(patch, 404);
    expect((await health()).providers['fast-erp']!.monitored).toBe(true);
  });

  it('probes through the address guard: a URL that now resolves to a private address is down, not fetched', async () => {
    const db = tenantKnex(h.pool, tenantId);
    // Saved while allowed, then the deployment tightened its guard (or the name's DNS changed).
    const [provider] = await db('integration_providers')
      .insert({ name: 'metadata', secretEncrypted: 'x', healthUrl: 'http://169.254.169.254/latest/meta-data/' })
      .returning('id');
    const guarded = createIntegrationHealthActivities({
      knex: h.pool,
      webhooks: { allowPrivateTargets: false, allowHttp: true },
      integrationHealth: h.config.integrationHealth,
    });
    expect(await guarded.probeProviderHealth({ tenantId, providerId: provider.id })).toBe('down');
    const check = await db('integration_health_checks').where({ providerId: provider.id }).first();
    expect(check).toMatchObject({
      status: 'down',
      httpStatus: null,
      error: 'address refused: the host resolves to a private or reserved address',
    });
    await db('integration_providers').where({ id: provider.id }).delete();
  });

  it("removes the tenant's Schedule when the tenant is deactivated", async () => {
    const platformAdmin = await bearer(h, 'admin');
    const res = await api(h).delete(`/api/tenants/${tenantId}/`).set('Authorization', platformAdmin);
    expect(res.status).toBe(204);
    await until(
      async () => {
        try {
          await schedule().describe();
          return false;
        } catch (error) {
          return error instanceof ScheduleNotFoundError;
        }
      },
      { what: 'the Schedule deleted' },
    );
  });
});
