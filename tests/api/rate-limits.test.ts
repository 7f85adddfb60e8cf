import request from 'supertest';
import { createApp } from '../../api/app';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';

/** Counters use fixed windows: start a counting test well inside one, never at its very end. */
async function awayFromWindowEnd(seconds: number): Promise<void> {
  const left = seconds * 1000 - (Date.now() % (seconds * 1000));
  if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

// Small limits: 5 an hour per principal, 3 an hour per anonymous IP, a burst of 100 a minute.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: {
      RATE_LIMIT_AUTHENTICATED_PER_HOUR: '5',
      RATE_LIMIT_ANONYMOUS_PER_HOUR: '3',
      RATE_LIMIT_BURST_PER_MINUTE: '100',
    },
  });
});
afterAll(() => h.stop());

describe('rate limits', () => {
  it('answers 429 exactly after the configured count, with the headers, shared by two app instances', async () => {
    await awayFromWindowEnd(3600);
    await h.knex('rateLimitCounters').delete();
    const alice = await bearer(h, 'alice'); // the login itself counts for the IP, not for alice
    const second = request(createApp(h.deps).app.callback()); // another API process on the same database
    const remaining: string[] = [];
    for (let call = 1; call <= 5; call += 1) {
      const res = await (call % 2 ? api(h) : second).get('/api/prs/teams/').set('Authorization', alice);
      expect(res.status).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBe('5');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
      remaining.push(res.headers['x-ratelimit-remaining']);
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await second.get('/api/prs/teams/').set('Authorization', alice);
    expectProblem(limited, 429);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);
    const bob = await bearer(h, 'bob'); // someone else still has their own allowance
    expect((await api(h).get('/api/prs/teams/').set('Authorization', bob)).status).toBe(200);
  });

  it('limits anonymous callers per IP, health probes excepted', async () => {
    await awayFromWindowEnd(3600);
    await h.knex('rateLimitCounters').delete();
    for (let call = 1; call <= 3; call += 1) expect((await api(h).get('/api/schema/')).status).toBe(200);
    const limited = await api(h).get('/api/schema/');
    expectProblem(limited, 429);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    expect((await api(h).get('/health/')).status).toBe(200);
  });

  // Issue 12 item 2: calls no route counted (bad JSON, TRACE, PUT on a GET route, a forged bearer)
  // used to go uncounted and unanswered by X-RateLimit-*; they count against the caller's IP.
  it('counts calls that fail before any route against the anonymous per-IP limit, with the headers', async () => {
    await awayFromWindowEnd(3600);
    await h.knex('rateLimitCounters').delete();
    const failing = [
      await api(h).post('/api/nowhere/').set('Content-Type', 'application/json').send('{"broken'),
      await api(h).trace('/api/prs/teams/'),
      await api(h).put('/api/roles/').send({}),
    ];
    expect(failing.map((res) => res.status)).toEqual([404, 501, 405]);
    expect(failing.map((res) => res.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0']);
    const limited = await api(h).get('/api/nowhere/').set('Authorization', 'Bearer forged.token.value');
    expectProblem(limited, 429);
    expect(limited.headers['x-ratelimit-limit']).toBe('3');
    const counted = await h.knex('rateLimitCounters').where('key', 'like', 'ip:%:hour').first();
    expect(counted.count).toBe(4);
  });

  it('counts a failed authentication against the IP, not against anyone’s allowance', async () => {
    await awayFromWindowEnd(3600);
    await h.knex('rateLimitCounters').delete();
    const forged = await api(h).get('/api/prs/teams/').set('Authorization', 'Bearer forged.token.value');
    expectProblem(forged, 401);
    expect(forged.headers['x-ratelimit-remaining']).toBe('2');
    expect(
      (await h.knex('rateLimitCounters').select('key'))
        .map((row: { key: string }) => row.key)
        .every((key: string) => key.startsWith('ip:')),
    ).toBe(true);
  });

  it('lets an API token carry its own hourly limit', async () => {
    await h.knex('rateLimitCounters').delete();
    const admin = await bearer(h, 'admin');
    const created = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', admin)
      .send({ name: 'fast lane', scopes: ['requests:read'], rate_limit_per_hour: 7 });
    const token = `Bearer ${created.body.token}`;
    const res = await api(h).get('/api/prs/teams/').set('Authorization', token);
    expect({ status: res.status, limit: res.headers['x-ratelimit-limit'] }).toEqual({ status: 200, limit: '7' });
  });

  it('counts every caller of a tenant together; one tenant at its limit never gives another a 429', async () => {
    await awayFromWindowEnd(3600);
    await h.knex('rateLimitCounters').delete();
    const [alice, bob, nwAlice] = [await bearer(h, 'alice'), await bearer(h, 'bob'), await bearer(h, 'nw-alice')];
    await h.pool('tenants').where({ id: h.tenantId }).update({ rateLimitPerHour: 4 });
    try {
      const seen: Array<[number, string, string]> = [];
      for (const who of [alice, bob, alice, bob, alice]) {
        const res = await api(h).get('/api/me/').set('Authorization', who);
        seen.push([res.status, res.headers['x-ratelimit-limit'], res.headers['x-ratelimit-remaining']]);
      }
      // Each person made at most 3 of their own 5; together they made the tenant's 4, and the fifth is refused.
      expect(seen).toEqual([
        [200, '4', '3'],
        [200, '4', '2'],
        [200, '4', '1'],
        [200, '4', '0'],
        [429, '4', '0'],
      ]);
      const refused = await api(h).get('/api/me/').set('Authorization', bob);
      expectProblem(refused, 429);
      expect(refused.body.detail).toContain('by your organisation');
      // Northwind's people are not held back: their own window (5) is the tightest they have.
      const other = await api(h).get('/api/me/').set('Authorization', nwAlice);
      expect([other.status, other.headers['x-ratelimit-limit'], other.headers['x-ratelimit-remaining']]).toEqual([
        200,
        '5',
        '4',
      ]);
    } finally {
      await h.pool('tenants').where({ id: h.tenantId }).update({ rateLimitPerHour: null });
    }
  });
});

describe('burst limit', () => {
  let burst: Harness;
  beforeAll(async () => {
    burst = await startHarness({
      env: { RATE_LIMIT_AUTHENTICATED_PER_HOUR: '1000', RATE_LIMIT_BURST_PER_MINUTE: '3' },
    });
  });
  afterAll(() => burst.stop());

  it('answers 429 after the burst within a minute, retrying within that minute', async () => {
    const carol = await bearer(burst, 'carol');
    await awayFromWindowEnd(60);
    await burst.knex('rateLimitCounters').delete();
    for (let call = 1; call <= 3; call += 1)
      expect((await api(burst).get('/api/prs/teams/').set('Authorization', carol)).status).toBe(200);
    const limited = await api(burst).get('/api/prs/teams/').set('Authorization', carol);
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.body.detail).toContain('this minute');
  });
});
