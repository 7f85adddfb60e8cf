import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { as, snapshot, startSecurityHarness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API7:2023 Server Side Request Forgery', () => {
  const refusedUrls = [
    'https://127.0.0.1/hook',
    'https://127.1/hook',
    'https://2130706433/hook',
    'https://0x7f.0.0.1/hook',
    'https://localhost/hook',
    'https://[::1]/hook',
    'https://[::ffff:127.0.0.1]/hook',
    'https://[::ffff:7f00:1]/hook',
    'https://0.0.0.0/hook',
    'https://[::]/hook',
    'https://169.254.169.254/latest/meta-data/',
    'https://[fe80::1]/hook',
    'https://10.0.0.5/hook',
    'https://172.16.0.1/hook',
    'https://192.168.1.1/hook',
    'https://100.64.0.1/hook',
    'https://[fd00::1]/hook',
    'https://[fc00::1]/hook',
    'https://224.0.0.1/hook',
    'https://[64:ff9b::7f00:1]/hook',
    'http://93.184.216.34/hook',
    'https://user:pass@93.184.216.34/hook',
    'file:///etc/passwd',
    'gopher://127.0.0.1:6379/_INFO',
    'ftp://93.184.216.34/x',
    'https://metadata.google.internal.invalid/computeMetadata/v1/',
  ];

  it('refuses webhook URLs to loopback, private, link-local, metadata and non-https targets with 400, storing nothing', async () => {
    const before = await snapshot();
    for (const url of refusedUrls) {
      const res = await api(h).post('/api/webhooks/endpoints/').set('Authorization', as('admin')).send({ url });
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
      expectProblem(res, 400);
      expect({ url, errors: Object.keys(res.body.errors) }).toEqual({ url, errors: ['url'] });
      expect(res.body.detail).not.toMatch(/127\.0\.0\.1|169\.254|10\.0\.0\.5/); // does not map internal addresses back
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  it('refuses moving an existing endpoint to a private address, keeping its URL', async () => {
    const created = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', as('admin'))
      .send({ url: 'https://93.184.216.34/ssrf', is_active: false, event_types: ['order.updated'] });
    expect(created.status).toBe(201);
    try {
      const before = await snapshot();
      for (const url of [
        'https://127.0.0.1/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://[::1]/hook',
        'http://93.184.216.34/hook',
      ]) {
        const res = await api(h)
          .patch(`/api/webhooks/endpoints/${created.body.id}/`)
          .set('Authorization', as('admin'))
          .send({ url });
        expectProblem(res, 400);
        expect(res.body.errors).toHaveProperty('url');
      }
      expect(await snapshot()).toEqual(before);
      expect((await h.knex('webhookEndpoints').where({ id: created.body.id }).first()).url).toBe(
        'https://93.184.216.34/ssrf',
      );
    } finally {
      await h.knex('webhookEndpoints').where({ id: created.body.id }).delete();
    }
  });
});
