import type { Harness } from '../support/harness';
import { api } from '../support/http';
import { userId } from '../support/requests';
import { apiToken, as, startSecurityHarness } from './support';

// API3, second half: secrets in answers. Mass assignment: api3-mass-assignment.test.ts.

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API3:2023 Broken Object Property Level Authorization', () => {
  it('never answers password hashes, token secrets or webhook secrets in list or detail answers', async () => {
    const token = await apiToken('admin', ['requests:read']);
    const endpoint = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', as('admin'))
      .send({ url: 'https://93.184.216.34/owasp', is_active: false, event_types: ['order.updated'] });
    expect(endpoint.status).toBe(201);
    expect(endpoint.body.secret).toMatch(/^whsec_/);
    const provider = await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', as('admin'))
      .send({ name: 'owasp-secrets' });
    expect(provider.status).toBe(201);
    const tokenSecret = token.token.slice(`prs_${token.prefix}_`.length);
    const tokenRow = await h.knex('apiTokens').where({ id: token.id }).first();
    const endpointRow = await h.knex('webhookEndpoints').where({ id: endpoint.body.id }).first();
    const providerRow = await h.knex('integrationProviders').where({ id: provider.body.id }).first();
    const userRows = await h.knex('users').select('passwordHash');
    const secrets = [
      token.token,
      tokenSecret,
      tokenRow.secretHash,
      endpoint.body.secret,
      endpoint.body.secret.slice('whsec_'.length),
      endpointRow.secretEncrypted,
      provider.body.secret,
      provider.body.secret.slice('whsec_'.length),
      providerRow.secretEncrypted,
      ...userRows.map((row: { passwordHash: string }) => row.passwordHash),
    ];
    // Stored as hashes or encrypted: the plain secrets are not in the rows either.
    expect(JSON.stringify(tokenRow)).not.toContain(tokenSecret);
    expect(JSON.stringify(endpointRow)).not.toContain(endpoint.body.secret.slice('whsec_'.length));
    expect(JSON.stringify(providerRow)).not.toContain(provider.body.secret.slice('whsec_'.length));

    const reads = [
      '/api/me/',
      '/api/users/?page_size=100',
      `/api/users/${await userId(h, 'alice')}/`,
      '/api/auth/api-tokens/?page_size=100',
      '/api/webhooks/endpoints/?page_size=100',
      `/api/webhooks/endpoints/${endpoint.body.id}/`,
      '/api/integrations/providers/?page_size=100',
      '/api/audit/logs/?page_size=100&ordering=-timestamp',
      '/api/prs/requests/?page_size=100',
    ];
    for (const path of reads) {
      const res = await api(h).get(path).set('Authorization', as('admin'));
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const text = JSON.stringify(res.body);
      for (const secret of secrets) expect({ path, leaked: text.includes(secret) }).toEqual({ path, leaked: false });
      expect({
        path,
        hash: /argon2|password_hash|passwordHash|secret_hash|secretHash|secret_encrypted|secretEncrypted|token_version/.test(
          text,
        ),
      }).toEqual({ path, hash: false });
    }
    await h.knex('webhookEndpoints').where({ id: endpoint.body.id }).delete();
  });
});
