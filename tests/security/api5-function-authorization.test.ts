import { randomUUID } from 'node:crypto';
import { createApp } from '../../api/app';
import type { AnyRoute } from '../../api/http/route';
import type { Harness } from '../support/harness';
import { api, DEMO_PASSWORD, expectProblem } from '../support/http';
import { createOrder, setStatus } from '../support/orders';
import { act, createDraft, teamId } from '../support/requests';
import { apiToken, as, bot, call, completeAndSettle, snapshot, startSecurityHarness, stateTables } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API5:2023 Broken Function Level Authorization', () => {
  const routesOf = () => createApp(h.deps).routes as AnyRoute[];
  const urlOf = (route: AnyRoute) => `/api${route.path.replace(/\{[^}]+\}/g, () => randomUUID())}`;
  const send = (route: AnyRoute, authorization?: string) => {
    let req = call(api(h), route.method, urlOf(route));
    if (authorization) req = req.set('Authorization', authorization);
    return route.method === 'get' || route.method === 'delete' ? req : req.send({});
  };

  it('refuses every admin route to non-admins (403) and to anonymous callers (401), changing nothing', async () => {
    const adminRoutes = routesOf().filter((route) => route.auth === 'admin');
    expect(adminRoutes.map((route) => route.operationId)).toEqual(
      expect.arrayContaining([
        'createUser',
        'updateUser',
        'createFormTemplate',
        'createWorkflowTemplate',
        'createTeam',
        'createRole',
        'createWebhookEndpoint',
        'listApiTokens',
        'createApiToken',
        'revokeApiToken',
        'verifyAuditLog',
        'listInboundEvents',
      ]),
    );
    const before = await snapshot();
    for (const route of adminRoutes) {
      for (const user of ['alice', 'bob', 'carol', 'frank', 'paula', 'erin'] as const) {
        const res = await send(route, as(user));
        expect({ op: route.operationId, user, status: res.status }).toEqual({
          op: route.operationId,
          user,
          status: 403,
        });
        expectProblem(res, 403);
      }
      expectProblem(await send(route), 401);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses admin-only screens decided in the handler (audit log, dashboard, finance inbox, orders) to other roles', async () => {
    const before = await snapshot();
    for (const user of ['alice', 'bob', 'carol', 'erin', 'paula'] as const) {
      expectProblem(await api(h).get('/api/audit/logs/').set('Authorization', as(user)), 403);
      expectProblem(await api(h).get('/api/dashboard/metrics/').set('Authorization', as(user)), 403);
      expectProblem(await api(h).get('/api/prs/requests/finance-inbox/').set('Authorization', as(user)), 403);
    }
    for (const user of ['alice', 'bob', 'carol', 'frank'] as const) {
      expectProblem(
        await api(h)
          .post('/api/orders/')
          .set('Authorization', as(user))
          .send({
            vendor_name: 'V',
            items: [{ description: 'x', quantity: 1, unit_price: '1.00' }],
            shipping_address: { street: 'a', city: 'b', state: 'c', zip_code: 'd', country: 'e' },
          }),
        403,
      );
    }
    // frank (finance) may read every order but not change one.
    const order = await createOrder(h, as('paula'));
    const orderBefore = await snapshot();
    expect((await api(h).get(`/api/orders/${order.id}/`).set('Authorization', as('frank'))).status).toBe(200);
    expectProblem(await setStatus(h, as('frank'), order.id, 'cancelled'), 403);
    expect(await snapshot()).toEqual(orderBefore);
    // erin may not open a request in a team where she is no initiator.
    const inMarketing = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', as('erin'))
      .send({
        team: await teamId(h, 'Marketing'),
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'Not my team',
        amount: '1.00',
      });
    expectProblem(inMarketing, 403);
    expect((await snapshot()).purchaseRequests).toEqual(before.purchaseRequests);
  });

  it('refuses completion by anyone but the request’s finance reviewer (403), state unchanged', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'BFLA complete', amount: '500.00' });
    await act(h, as('alice'), id, 'submit');
    await act(h, as('bob'), id, 'approve');
    expect((await act(h, as('mallory'), id, 'approve')).body.status.code).toBe('FINANCE_REVIEW');
    const paulaToken = await apiToken(await bot('no-role-intake'), ['approvals:write', 'requests:read']);
    const before = await snapshot();
    for (const user of ['alice', 'bob', 'mallory', 'admin'] as const) {
      const res = await act(h, as(user), id, 'complete');
      expect({ user, status: res.status }).toEqual({ user, status: 403 });
      expectProblem(res, 403);
    }
    expect(await snapshot()).toEqual(before);
    // Procurement does not even see it. (Calls made with API tokens are audited, refusals too: compare the rest.)
    const withoutAudit = stateTables.filter((table) => table !== 'auditLogs');
    const beforeToken = await snapshot(withoutAudit);
    expectProblem(await act(h, paulaToken.header, id, 'complete'), 404);
    expect(await snapshot(withoutAudit)).toEqual(beforeToken);
    await completeAndSettle(id); // the finance reviewer can
  });

  it('never lets an API token exceed its scopes or its owner’s rights', async () => {
    const adminReader = await apiToken('admin', ['requests:read']);
    const aliceAdmin = await apiToken(await bot('not-an-admin', 'Marketing'), [
      'admin',
      'requests:read',
      'webhooks:manage',
      'audit:read',
    ]);
    const adminFull = await apiToken('admin', ['admin']);
    const before = await snapshot();
    for (const route of routesOf().filter((r) => r.auth === 'admin' && r.scope !== 'requests:read')) {
      expect({ op: route.operationId, status: (await send(route, adminReader.header)).status }).toEqual({
        op: route.operationId,
        status: 403,
      });
      expect({ op: route.operationId, status: (await send(route, aliceAdmin.header)).status }).toEqual({
        op: route.operationId,
        status: 403,
      });
    }
    // Token management and password changes are closed to tokens, even an admin's with the admin scope.
    expectProblem(await api(h).get('/api/auth/api-tokens/').set('Authorization', adminFull.header), 403);
    expectProblem(
      await api(h)
        .post('/api/auth/api-tokens/')
        .set('Authorization', adminFull.header)
        .send({ name: 'child', scopes: ['admin'] }),
      403,
    );
    expectProblem(
      await api(h)
        .post('/api/auth/change-password/')
        .set('Authorization', adminFull.header)
        .send({ old_password: DEMO_PASSWORD, new_password: 'violet-harbour-42' }),
      403,
    );
    expectProblem(await api(h).get('/api/audit/logs/').set('Authorization', aliceAdmin.header), 403);
    expect(await snapshot(stateTables.filter((t) => t !== 'auditLogs'))).toEqual(
      Object.fromEntries(Object.entries(before).filter(([t]) => t !== 'auditLogs')),
    );
  });
});
