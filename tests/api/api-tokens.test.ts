import { createApp } from '../../api/app';
import { koaPath } from '../../api/http/router';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, teamId, userId } from '../support/requests';
import { apiToken, serviceAccount } from '../support/tokens';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

const tokenFor = (scopes: string[], extra: Record<string, unknown> = {}) => apiToken(h, auth.admin!, scopes, extra);

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and lists the token without it', async () => {
    const { id, body } = await tokenFor(['requests:read']);
    expect(body.token).toMatch(/^prs_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(body.token.startsWith(`prs_${body.prefix}_`)).toBe(true);
    const row = await h.knex('apiTokens').where({ id }).first();
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    const secret = body.token.slice(`prs_${body.prefix}_`.length);
    expect(secret).toHaveLength(43);
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await api(h).get('/api/auth/api-tokens/').set('Authorization', auth.admin!);
    expect(JSON.stringify(list.body)).not.toContain(body.token);
    expect(list.body.results.find((t: { id: string }) => t.id === id)).toEqual(
      expect.objectContaining({ prefix: body.prefix, scopes: ['requests:read'], revoked_at: null }),
    );
    expectProblem(
      await api(h)
        .post('/api/auth/api-tokens/')
        .set('Authorization', auth.alice!)
        .send({ name: 'mine', scopes: ['admin'] }),
      403,
    );
  });

  it('acts as the person who created it: nobody mints a token for someone else', async () => {
    const before = await h.knex('apiTokens').count({ n: '*' }).first();
    for (const someone of ['bob', 'alice']) {
      const res = await api(h)
        .post('/api/auth/api-tokens/')
        .set('Authorization', auth.admin!)
        .send({ name: 'as someone else', scopes: ['approvals:write'], user: await userId(h, someone) });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ user: ['This field is not allowed.'] });
    }
    // A person is not a service account: a token cannot be minted for them that way either.
    const asPerson = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', auth.admin!)
      .send({ name: 'as bob', scopes: ['approvals:write'], service_account: await userId(h, 'bob') });
    expectProblem(asPerson, 400);
    expect(await h.knex('apiTokens').count({ n: '*' }).first()).toEqual(before);
    const mine = await tokenFor(['requests:read']);
    expect(mine.body.user).toEqual({ id: await userId(h, 'admin'), username: 'admin' });

    // A token minted for bob before this was refused (its row as the old route wrote it) is never honoured.
    const legacy = await tokenFor(['requests:read']);
    await h
      .knex('apiTokens')
      .where({ id: legacy.id })
      .update({ userId: await userId(h, 'bob') });
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', legacy.header), 401);
  });

  it('shows the token in the history of every decision made with it', async () => {
    const bot = await serviceAccount(h, auth.admin!, 'marketing-intake', 'Marketing');
    const writer = await tokenFor(['requests:read', 'requests:write'], {
      service_account: bot,
      name: 'Marketing intake form',
    });
    const created = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', writer.header)
      .send({
        team: await teamId(h, 'Marketing'),
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'From the intake form',
        amount: '10.00',
        field_values: { budget_code: 'X' },
      });
    expect(created.status).toBe(201);
    expect(created.body.requestor.username).toBe('marketing-intake');
    expect(
      (await api(h).post(`/api/prs/requests/${created.body.id}/submit/`).set('Authorization', writer.header)).status,
    ).toBe(200);
    await act(h, auth.bob!, created.body.id, 'approve');
    const view = await api(h).get(`/api/prs/requests/${created.body.id}/`).set('Authorization', auth.bob!);
    expect(
      view.body.approval_history.map(
        (row: { action: string; approver: { username: string }; via_api_token: unknown }) => [
          row.action,
          row.approver.username,
          row.via_api_token,
        ],
      ),
    ).toEqual([
      ['SUBMIT', 'marketing-intake', { id: writer.id, name: 'Marketing intake form' }],
      ['APPROVE', 'bob', null],
    ]);
    const timeline = await api(h).get(`/api/prs/requests/${created.body.id}/timeline/`).set('Authorization', auth.bob!);
    expect(timeline.body.entries[0].summary).toContain('via API token "Marketing intake form"');
  });

  it('acts with its owner’s rights on the routes its scopes open', async () => {
    const bot = await serviceAccount(h, auth.admin!, 'marketing-bot', 'Marketing');
    const reader = await tokenFor(['requests:read'], { service_account: bot });
    const writer = await tokenFor(['requests:read', 'requests:write', 'approvals:write'], { service_account: bot });
    const body = {
      team: await teamId(h, 'Marketing'),
      purchase_type: 'GOODS',
      vendor_name: 'V',
      subject: 'Via token',
      amount: '10.00',
      field_values: { budget_code: 'X' },
    };

    const before = (await h.knex('purchaseRequests')).length;
    const write = await api(h).post('/api/prs/requests/').set('Authorization', reader.header).send(body);
    expectProblem(write, 403);
    expect(write.body.detail).toContain('requests:write');
    expect((await h.knex('purchaseRequests')).length).toBe(before);

    const draft = (await api(h).post('/api/prs/requests/').set('Authorization', writer.header).send(body)).body
      .id as string;
    const list = await api(h).get('/api/prs/requests/').set('Authorization', reader.header);
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([draft]); // its own requests, nobody else's
    expect((await h.knex('apiTokens').where({ id: reader.id }).first()).lastUsedAt).not.toBeNull();
    const alices = await createDraft(h, auth.alice!, { subject: 'Not for the bot' });
    expectProblem(await api(h).get(`/api/prs/requests/${alices}/`).set('Authorization', reader.header), 404);
    expect((await api(h).post(`/api/prs/requests/${draft}/submit/`).set('Authorization', writer.header)).status).toBe(
      200,
    );
    // approvals:write does not make its owner an approver.
    expectProblem(await act(h, writer.header, alices, 'approve'), 404);

    // An admin's token acts with the admin's rights on what its scopes open, and nothing else.
    const adminReader = await tokenFor(['requests:read']);
    const seen = await api(h).get('/api/prs/requests/?page_size=100').set('Authorization', adminReader.header);
    expect(seen.body.results.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([draft, alices]));
    expectProblem(await api(h).get('/api/users/').set('Authorization', adminReader.header), 403);
    expect((await api(h).get('/api/roles/').set('Authorization', adminReader.header)).status).toBe(200); // reference data: requests:read
    expect(
      (
        await api(h)
          .get('/api/users/')
          .set('Authorization', (await tokenFor(['admin'])).header)
      ).status,
    ).toBe(200);
    expectProblem(
      await api(h)
        .get('/api/users/')
        .set('Authorization', (await tokenFor(['admin'], { service_account: bot })).header),
      403,
    );
    expectProblem(
      await api(h)
        .get('/api/auth/api-tokens/')
        .set('Authorization', (await tokenFor(['admin'])).header),
      403,
    );
    expect(
      (
        await api(h)
          .get('/api/webhooks/endpoints/')
          .set('Authorization', (await tokenFor(['webhooks:manage'])).header)
      ).status,
    ).toBe(200);
    expectProblem(
      await api(h)
        .get('/api/users/')
        .set('Authorization', (await tokenFor(['webhooks:manage'])).header),
      403,
    );
    expectProblem(
      await api(h)
        .get('/api/webhooks/endpoints/')
        .set('Authorization', (await tokenFor(['webhooks:manage'], { service_account: bot })).header),
      403,
    );
  });

  it('keeps service accounts out of every decision: no sign-in, no approving role, never an approver', async () => {
    const bot = await serviceAccount(h, auth.admin!, 'erp-sync');
    expectProblem(
      await api(h).post('/api/auth/token/').send({ username: 'erp-sync', password: 'anything-at-all' }),
      400,
    );
    for (const role of ['MANAGER', 'DIRECTOR', 'FINANCE_REVIEWER', 'PROCUREMENT_OFFICER']) {
      const res = await api(h)
        .post(`/api/users/${bot}/access-scopes/`)
        .set('Authorization', auth.admin!)
        .send({ team: null, role });
      expectProblem(res, 400);
      expect(res.body.errors.role[0]).toContain('only INITIATOR');
    }
    expectProblem(
      await api(h).patch(`/api/users/${bot}/`).set('Authorization', auth.admin!).send({ is_admin: true }),
      400,
    );
    expect(await h.knex('accessScopes').where({ userId: bot })).toEqual([]);
  });

  it('answers 401 once revoked or expired, and for forged tokens', async () => {
    const token = await tokenFor(['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', token.header)).status).toBe(200);
    expect((await api(h).delete(`/api/auth/api-tokens/${token.id}/`).set('Authorization', auth.admin!)).status).toBe(
      204,
    );
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', token.header), 401);

    const expiring = await tokenFor(['requests:read']);
    await h
      .knex('apiTokens')
      .where({ id: expiring.id })
      .update({ expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', expiring.header), 401);

    const forged = token.header.slice(0, -4) + 'AAAA';
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', forged), 401);
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', 'Bearer prs_nothing'), 401);
  });
});

describe('OpenAPI completeness', () => {
  it('documents every mounted route with its problems and the scope API tokens need', async () => {
    const { routes, openApi } = createApp(h.deps);
    const document = openApi as {
      paths: Record<string, Record<string, { responses: Record<string, unknown>; 'x-required-scope'?: string | null }>>;
    };
    for (const route of routes) {
      const path = ((route.mount ?? 'api') === 'api' ? '/api' : '') + route.path;
      const operation = document.paths[path]?.[route.method];
      expect({ route: `${route.method} ${path}`, documented: Boolean(operation) }).toEqual({
        route: `${route.method} ${path}`,
        documented: true,
      });
      expect(koaPath(path)).toBeTruthy();
      if (route.auth !== 'public') {
        expect({
          route: `${route.method} ${path}`,
          scopeDocumented: operation && 'x-required-scope' in operation,
        }).toEqual({ route: `${route.method} ${path}`, scopeDocumented: true });
        for (const status of ['401', '403', '429'])
          expect({ route: path, status, documented: Boolean(operation?.responses[status]) }).toEqual({
            route: path,
            status,
            documented: true,
          });
      }
    }
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    expect(documented).toHaveLength(routes.length);
  });
});
