import { createApp } from '../../api/app';
import { koaPath } from '../../api/http/router';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, teamId, userId } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

async function tokenFor(username: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const res = await api(h).post('/api/auth/api-tokens/').set('Authorization', auth.admin!).send({ name: `${username} ${scopes.join(' ')}`, scopes, user: await userId(h, username), ...extra });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, header: `Bearer ${res.body.token as string}`, body: res.body };
}

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and lists the token without it', async () => {
    const { id, body } = await tokenFor('alice', ['requests:read']);
    expect(body.token).toMatch(/^prs_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(body.token.startsWith(`prs_${body.prefix}_`)).toBe(true);
    const row = await h.knex('apiTokens').where({ id }).first();
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const secret = body.token.slice(`prs_${body.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await api(h).get('/api/auth/api-tokens/').set('Authorization', auth.admin!);
    expect(JSON.stringify(list.body)).not.toContain(body.token);
    expect(list.body.results.find((t: { id: string }) => t.id === id)).toEqual(expect.objectContaining({ prefix: body.prefix, scopes: ['requests:read'], revoked_at: null }));
    expectProblem(await api(h).post('/api/auth/api-tokens/').set('Authorization', auth.alice!).send({ name: 'mine', scopes: ['admin'] }), 403);
  });

  it('acts with its owner’s rights narrowed to its scopes', async () => {
    const draft = await createDraft(h, auth.alice!, { subject: 'Seen through a token' });
    const reader = await tokenFor('alice', ['requests:read']);
    const list = await api(h).get('/api/prs/requests/').set('Authorization', reader.header);
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: { id: string }) => r.id)).toContain(draft);
    expect((await h.knex('apiTokens').where({ id: reader.id }).first()).lastUsedAt).not.toBeNull();

    const before = (await h.knex('purchaseRequests')).length;
    const write = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', reader.header)
      .send({ team: await teamId(h, 'Marketing'), purchase_type: 'GOODS', vendor_name: 'V', subject: 'Via token', amount: '10.00', field_values: { budget_code: 'X' } });
    expectProblem(write, 403);
    expect(write.body.detail).toContain('requests:write');
    expect((await h.knex('purchaseRequests')).length).toBe(before);

    const writer = await tokenFor('alice', ['requests:read', 'requests:write']);
    expect((await api(h).post(`/api/prs/requests/${draft}/submit/`).set('Authorization', writer.header)).status).toBe(200);
    expectProblem(await act(h, (await tokenFor('bob', ['requests:write'])).header, draft, 'approve'), 403);
    expect((await act(h, (await tokenFor('bob', ['approvals:write'])).header, draft, 'approve')).status).toBe(200);

    // Admin rights need both an admin owner and the admin scope; tokens never reach token management.
    expectProblem(await api(h).get('/api/users/').set('Authorization', (await tokenFor('admin', ['requests:read'])).header), 403);
    expect((await api(h).get('/api/users/').set('Authorization', (await tokenFor('admin', ['admin'])).header)).status).toBe(200);
    expectProblem(await api(h).get('/api/users/').set('Authorization', (await tokenFor('alice', ['admin'])).header), 403);
    expectProblem(await api(h).get('/api/auth/api-tokens/').set('Authorization', (await tokenFor('admin', ['admin'])).header), 403);
    // A narrower scope opens the admin routes it names, for an admin's token only.
    expect((await api(h).get('/api/webhooks/endpoints/').set('Authorization', (await tokenFor('admin', ['webhooks:manage'])).header)).status).toBe(200);
    expectProblem(await api(h).get('/api/users/').set('Authorization', (await tokenFor('admin', ['webhooks:manage'])).header), 403);
    expectProblem(await api(h).get('/api/webhooks/endpoints/').set('Authorization', (await tokenFor('alice', ['webhooks:manage'])).header), 403);
  });

  it('answers 401 once revoked or expired, and for forged tokens', async () => {
    const token = await tokenFor('alice', ['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', token.header)).status).toBe(200);
    expect((await api(h).delete(`/api/auth/api-tokens/${token.id}/`).set('Authorization', auth.admin!)).status).toBe(204);
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', token.header), 401);

    const expiring = await tokenFor('alice', ['requests:read']);
    await h.knex('apiTokens').where({ id: expiring.id }).update({ expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', expiring.header), 401);

    const forged = token.header.slice(0, -4) + 'AAAA';
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', forged), 401);
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', 'Bearer prs_nothing'), 401);
  });
});

describe('OpenAPI completeness', () => {
  it('documents every mounted route with its problems and the scope API tokens need', async () => {
    const { routes, openApi } = createApp(h.deps);
    const document = openApi as { paths: Record<string, Record<string, { responses: Record<string, unknown>; 'x-required-scope'?: string | null }>> };
    for (const route of routes) {
      const path = ((route.mount ?? 'api') === 'api' ? '/api' : '') + route.path;
      const operation = document.paths[path]?.[route.method];
      expect({ route: `${route.method} ${path}`, documented: Boolean(operation) }).toEqual({ route: `${route.method} ${path}`, documented: true });
      expect(koaPath(path)).toBeTruthy();
      if (route.auth !== 'public') {
        expect({ route: `${route.method} ${path}`, scopeDocumented: operation && 'x-required-scope' in operation }).toEqual({ route: `${route.method} ${path}`, scopeDocumented: true });
        for (const status of ['401', '403', '429']) expect({ route: path, status, documented: Boolean(operation?.responses[status]) }).toEqual({ route: path, status, documented: true });
      }
    }
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    expect(documented).toHaveLength(routes.length);
  });
});
