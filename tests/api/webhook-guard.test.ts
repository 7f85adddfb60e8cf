import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';

// The default configuration: https only, public addresses only.
let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await bearer(h, 'admin');
});
afterAll(() => h.stop());

describe('webhook endpoints with the target guard on', () => {
  it('refuses URLs that point inside the network, and plain http', async () => {
    for (const url of [
      'https://127.0.0.1/hook',
      'https://169.254.169.254/latest',
      'https://[::1]/hook',
      'https://localhost/hook',
      'http://93.184.216.34/hook',
    ]) {
      const res = await api(h).post('/api/webhooks/endpoints/').set('Authorization', admin).send({ url });
      expectProblem(res, 400);
      expect(res.body.errors.url).toEqual([expect.stringContaining('cannot receive webhooks')]);
    }
    expect(await h.knex('webhookEndpoints')).toEqual([]);
    const ok = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', admin)
      .send({ url: 'https://93.184.216.34/hook' });
    expect(ok.status).toBe(201);
  });
});
