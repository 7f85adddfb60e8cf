import { startHarness, type Harness } from '../support/harness';
import { api, bearer, DEMO_PASSWORD, expectProblem } from '../support/http';

// API4, second half: rate limits, on a harness of their own with small limits (no shared harness needed).
// Sizes and counts: api4-resource-consumption.test.ts.

describe('API4:2023 Unrestricted Resource Consumption', () => {
  describe('rate limits (small limits: 3 an hour per principal, 5 an hour per anonymous IP, 2 failed logins)', () => {
    let limited: Harness;
    beforeAll(async () => {
      limited = await startHarness({
        env: {
          RATE_LIMIT_AUTHENTICATED_PER_HOUR: '3',
          RATE_LIMIT_ANONYMOUS_PER_HOUR: '5',
          RATE_LIMIT_BURST_PER_MINUTE: '1000',
          LOGIN_MAX_FAILURES: '2',
        },
      });
    });
    afterAll(() => limited?.stop());

    /** Counters use fixed windows: start a counting test well inside one. */
    async function awayFromHourEnd(): Promise<void> {
      const left = 3_600_000 - (Date.now() % 3_600_000);
      if (left < 5000) await new Promise((resolve) => setTimeout(resolve, left + 50));
    }

    it('answers 429 with Retry-After once a user exceeds the hourly limit, and the refused write stores nothing', async () => {
      await awayFromHourEnd();
      await limited.knex('rateLimitCounters').delete();
      const alice = await bearer(limited, 'alice'); // counted for the IP, not for alice
      for (let n = 1; n <= 3; n += 1) {
        const res = await api(limited).get('/api/prs/teams/').set('Authorization', alice);
        expect({ n, status: res.status, remaining: res.headers['x-ratelimit-remaining'] }).toEqual({
          n,
          status: 200,
          remaining: String(3 - n),
        });
      }
      const requestsBefore = await limited.knex('purchaseRequests').count({ n: '*' }).first();
      const res = await api(limited)
        .post('/api/prs/requests/')
        .set('Authorization', alice)
        .send({
          team: (await limited.knex('teams').where({ name: 'Marketing' }).first()).id,
          purchase_type: 'GOODS',
          vendor_name: 'V',
          subject: 'Over the limit',
          amount: '1.00',
        });
      expectProblem(res, 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
      expect(res.headers['x-ratelimit-limit']).toBe('3');
      expect(await limited.knex('purchaseRequests').count({ n: '*' }).first()).toEqual(requestsBefore);
    });

    it('limits anonymous callers per IP, and a forged X-Forwarded-For does not buy more', async () => {
      await awayFromHourEnd();
      await limited.knex('rateLimitCounters').delete();
      for (let n = 1; n <= 5; n += 1) {
        const res = await api(limited).get('/api/schema/').set('X-Forwarded-For', `203.0.113.${n}`);
        expect({ n, status: res.status }).toEqual({ n, status: 200 });
      }
      const res = await api(limited)
        .get('/api/schema/')
        .set('X-Forwarded-For', '198.51.100.77')
        .set('X-Real-IP', '198.51.100.78');
      expectProblem(res, 429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('throttles password guessing per username and IP with 429 and Retry-After, even for the right password', async () => {
      await awayFromHourEnd();
      await limited.knex('rateLimitCounters').delete();
      for (let n = 1; n <= 2; n += 1)
        expectProblem(
          await api(limited)
            .post('/api/auth/token/')
            .send({ username: 'bob', password: `guess-${n}-wrong` }),
          400,
        );
      const blocked = await api(limited).post('/api/auth/token/').send({ username: 'bob', password: DEMO_PASSWORD });
      expectProblem(blocked, 429);
      expect(blocked.body).not.toHaveProperty('access');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
