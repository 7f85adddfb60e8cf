import { randomUUID } from 'node:crypto';
import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { createDraft, detail, teamId, userId } from '../support/requests';
import { as, snapshot, startSecurityHarness } from './support';

// API3, first half: mass assignment. Secrets in answers: api3-secrets-in-answers.test.ts.

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

describe('API3:2023 Broken Object Property Level Authorization', () => {
  const notAllowed = ['This field is not allowed.'];

  it('refuses mass assignment of status, requestor, is_admin and other server-owned fields on request create and PATCH', async () => {
    const bobId = await userId(h, 'bob');
    const draft = await createDraft(h, as('alice'), { subject: 'Mass assignment target' });
    const before = await snapshot();
    const forbidden: Record<string, unknown> = {
      status: 'COMPLETED',
      requestor: bobId,
      requestor_id: bobId,
      is_admin: true,
      id: randomUUID(),
      round: 3,
      escalated: true,
      completed_at: '2026-01-01T00:00:00Z',
      current_template_step: randomUUID(),
      purchase_order: randomUUID(),
      workflow_template: randomUUID(),
      created_at: '2020-01-01T00:00:00Z',
    };
    const valid = {
      team: await teamId(h, 'Marketing'),
      purchase_type: 'GOODS',
      vendor_name: 'V',
      subject: 'Sneaky',
      amount: '10.00',
      field_values: { budget_code: 'X' },
    };
    for (const [field, value] of Object.entries(forbidden)) {
      const created = await api(h)
        .post('/api/prs/requests/')
        .set('Authorization', as('alice'))
        .send({ ...valid, [field]: value });
      expectProblem(created, 400);
      expect({ field, errors: created.body.errors }).toEqual({ field, errors: { [field]: notAllowed } });
      const patched = await api(h)
        .patch(`/api/prs/requests/${draft}/`)
        .set('Authorization', as('alice'))
        .send({ subject: 'Sneaky edit', [field]: value });
      expectProblem(patched, 400);
      expect({ field, errors: patched.body.errors }).toEqual({ field, errors: { [field]: notAllowed } });
    }
    // `team` cannot be moved by PATCH either (another team's approvers would take over).
    const moved = await api(h)
      .patch(`/api/prs/requests/${draft}/`)
      .set('Authorization', as('alice'))
      .send({ team: await teamId(h, 'Engineering') });
    expectProblem(moved, 400);
    expect(await snapshot()).toEqual(before);
    expect(await detail(h, as('alice'), draft)).toEqual(
      expect.objectContaining({ subject: 'Mass assignment target', status: { code: 'DRAFT', name: 'Draft' } }),
    );
  });

  it('refuses is_admin, is_active, username and password on /me, and server-owned fields on /users', async () => {
    const before = await snapshot();
    for (const field of [
      { is_admin: true },
      { is_active: false },
      { username: 'root' },
      { password: 'violet-harbour-42' },
      { token_version: 0 },
      { password_hash: 'x' },
      { access_scopes: [{ team: null, role: 'FINANCE_REVIEWER' }] },
    ]) {
      const res = await api(h)
        .patch('/api/me/')
        .set('Authorization', as('alice'))
        .send({ first_name: 'Alice', ...field });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ [Object.keys(field)[0]!]: notAllowed });
    }
    const bobId = await userId(h, 'bob');
    for (const field of [
      { username: 'robert' },
      { password_hash: '$argon2id$v=19$m=1,t=1,p=1$x$y' },
      { token_version: 0 },
      { is_superuser: true },
      { id: randomUUID() },
    ]) {
      const res = await api(h).patch(`/api/users/${bobId}/`).set('Authorization', as('admin')).send(field);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ [Object.keys(field)[0]!]: notAllowed });
    }
    const created = await api(h)
      .post('/api/users/')
      .set('Authorization', as('admin'))
      .send({ username: 'owasp-x', email: 'x@example.com', password: 'violet-harbour-42', password_hash: 'x' });
    expectProblem(created, 400);
    expect(await snapshot()).toEqual(before);
    const meAfter = await api(h).get('/api/me/').set('Authorization', as('alice'));
    expect(meAfter.body).toEqual(expect.objectContaining({ username: 'alice', is_admin: false, is_active: true }));
  });

  it('never lets a client set an order total or status, a webhook secret or an API token secret', async () => {
    const order = await api(h)
      .post('/api/orders/')
      .set('Authorization', as('paula'))
      .send({
        vendor_name: 'Office Depot',
        items: [{ description: 'Chair', quantity: 2, unit_price: '100.00' }],
        shipping_address: { street: '1 Market St', city: 'SF', state: 'CA', zip_code: '94105', country: 'USA' },
        total: '0.01',
      });
    expect(order.status).toBe(201);
    expect(order.body.total).toBe('200.00'); // the documented behaviour: a client total is ignored
    expect((await h.knex('purchaseOrders').where({ id: order.body.id }).first()).total).toBe('200.00');

    const before = await snapshot();
    const tokensBefore = await h.knex('apiTokens').count({ n: '*' }).first();
    const withStatus = await api(h)
      .post('/api/orders/')
      .set('Authorization', as('paula'))
      .send({
        vendor_name: 'X',
        items: [{ description: 'Y', quantity: 1, unit_price: '1.00' }],
        shipping_address: { street: 'a', city: 'b', state: 'c', zip_code: 'd', country: 'e' },
        status: 'delivered',
      });
    expectProblem(withStatus, 400);
    expect(withStatus.body.errors).toEqual({ status: notAllowed });
    const ownSecret = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', as('admin'))
      .send({ url: 'https://93.184.216.34/hook', secret: 'whsec_' + 'A'.repeat(32) });
    expectProblem(ownSecret, 400);
    expect(ownSecret.body.errors).toEqual({ secret: notAllowed });
    for (const field of [
      { token: 'prs_aaaaaaaa_' + 'B'.repeat(43) },
      { secret_hash: '0'.repeat(64) },
      { prefix: 'aaaaaaaa' },
      { revoked_at: null },
    ]) {
      const res = await api(h)
        .post('/api/auth/api-tokens/')
        .set('Authorization', as('admin'))
        .send({ name: 'chosen', scopes: ['requests:read'], ...field });
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ [Object.keys(field)[0]!]: notAllowed });
    }
    expect(await snapshot()).toEqual(before);
    expect(await h.knex('apiTokens').count({ n: '*' }).first()).toEqual(tokensBefore);
  });
});
