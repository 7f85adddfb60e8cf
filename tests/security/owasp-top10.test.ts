import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import jwt from 'jsonwebtoken';
import pino from 'pino';
import request from 'supertest';
import type { ZodType } from 'zod';
import { signPayload } from '../../lib/webhooks/signature';
import { createApp } from '../../api/app';
import type { AnyRoute } from '../../api/http/route';
import { koaPath } from '../../api/http/router';
import { createKnex } from '../../db/knex';
import { databaseUrl } from '../setup/test-run';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, DEMO_PASSWORD, expectProblem, login } from '../support/http';
import { createOrder, setStatus } from '../support/orders';
import { until } from '../support/receivers';
import { act, createDraft, detail, teamId, userId } from '../support/requests';
import { serviceAccount } from '../support/tokens';

// OWASP API Security Top 10 (2023), one block per item, each making real attempts against the app
// (real PostgreSQL, a real worker on Temporal). Refused requests are checked against table snapshots.

const ALLOWED_ORIGIN = 'https://app.example.com';
const MAX_UPLOAD_BYTES = 64 * 1024;

let h: Harness;
const auth: Record<string, string> = {};
const users = ['admin', 'alice', 'bob', 'mallory', 'carol', 'erin', 'frank', 'paula'] as const;
type Username = (typeof users)[number];
const as = (user: Username) => auth[user] as string;

beforeAll(async () => {
  // Guard on for webhook targets (the default), a small upload limit, and one allowed CORS origin.
  h = await startHarness({
    worker: true,
    env: { CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
  });
  for (const user of users) auth[user] = await bearer(h, user);
}, 120_000);
afterAll(() => h?.stop());

// ---------------------------------------------------------------------------------------------
// Helpers

/** Tables whose rows a refused request must never touch (counters, sessions and e-mails excluded). */
const stateTables = [
  'purchaseRequests',
  'approvals',
  'requestStepApprovers',
  'attachments',
  'purchaseOrders',
  'purchaseOrderItems',
  'orderNotes',
  'orderStatusHistory',
  'shipments',
  'users',
  'accessScopes',
  'teams',
  'roles',
  'formTemplates',
  'formTemplateFields',
  'workflowTemplates',
  'workflowTemplateSteps',
  'webhookEndpoints',
  'integrationProviders',
  'inboundEvents',
  'auditLogs',
];

async function snapshot(tables: string[] = stateTables): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const table of tables)
    state[table] = (await h.knex(table).select('*')).map((row: unknown) => JSON.stringify(row)).sort();
  return state;
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function upload(id: string, authorization: string, data: Buffer, filename = 'quote.pdf') {
  return api(h)
    .post(`/api/prs/requests/${id}/attachments/`)
    .set('Authorization', authorization)
    .attach('file', data, { filename, contentType: 'application/pdf' });
}

/** A call by method name, as the generic loops over routes need. */
function call(target: ReturnType<typeof api>, method: string, url: string): request.Test {
  return (target as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token the admin creates: their own (`admin`), or one of a service account (an integration's
 * identity; `bot(...)` makes one). Tokens act as their owner: nobody mints one for another person.
 */
async function apiToken(
  owner: 'admin' | { serviceAccount: string },
  scopes: string[],
  extra: Record<string, unknown> = {},
) {
  const ownership = owner === 'admin' ? {} : { service_account: owner.serviceAccount };
  const res = await api(h)
    .post('/api/auth/api-tokens/')
    .set('Authorization', as('admin'))
    .send({ name: `token ${randomUUID()}`, scopes, ...ownership, ...extra });
  expect(res.status).toBe(201);
  return {
    id: res.body.id as string,
    token: res.body.token as string,
    header: `Bearer ${res.body.token as string}`,
    prefix: res.body.prefix as string,
  };
}

/** A service account, INITIATOR in `team` when one is named. */
async function bot(username: string, team?: string): Promise<{ serviceAccount: string }> {
  return { serviceAccount: await serviceAccount(h, as('admin'), `${username}-${randomUUID().slice(0, 8)}`, team) };
}

/** A request walked to COMPLETED (amount under 1000: managers, then finance), with the order it opened. */
async function completedRequest(subject: string): Promise<{ id: string; orderId: string }> {
  const id = await createDraft(h, as('alice'), { subject, amount: '500.00' });
  expect((await act(h, as('alice'), id, 'submit')).status).toBe(200);
  expect((await act(h, as('bob'), id, 'approve')).status).toBe(200);
  expect((await act(h, as('mallory'), id, 'approve')).body.status.code).toBe('FINANCE_REVIEW');
  const order = await completeAndSettle(id);
  return { id, orderId: order.id };
}

/** frank completes; waits until the order the completion opens exists, so later snapshots are stable. */
async function completeAndSettle(id: string): Promise<{ id: string }> {
  const res = await act(h, as('frank'), id, 'complete');
  expect(res.body.status.code).toBe('COMPLETED');
  return until(async () => (await detail(h, as('alice'), id)).purchase_order as { id: string } | null, 30_000);
}

/** The problem document without the parts that differ per call. */
const problemShape = (res: request.Response) => ({
  status: res.status,
  type: res.body.type,
  title: res.body.title,
  detail: res.body.detail,
});

// ---------------------------------------------------------------------------------------------

describe('API1:2023 Broken Object Level Authorization', () => {
  let draftId: string;
  let attachmentId: string;
  let inReviewId: string;
  let completed: { id: string; orderId: string };
  let manualOrderId: string;

  beforeAll(async () => {
    draftId = await createDraft(h, as('alice'), { subject: 'BOLA draft' });
    const uploaded = await upload(draftId, as('alice'), pdf);
    expect(uploaded.status).toBe(201);
    attachmentId = uploaded.body.id;
    inReviewId = await createDraft(h, as('alice'), { subject: 'BOLA in review' });
    expect((await act(h, as('alice'), inReviewId, 'submit')).status).toBe(200);
    completed = await completedRequest('BOLA completed');
    manualOrderId = (await createOrder(h, as('paula'))).id;
  }, 120_000);

  it('answers another team’s request with the same 404 as a request that does not exist, for every operation, changing nothing', async () => {
    const missing = randomUUID();
    const before = await snapshot();
    const attempts: Array<[string, (id: string) => request.Test]> = [
      ['GET detail', (id) => api(h).get(`/api/prs/requests/${id}/`)],
      ['GET timeline', (id) => api(h).get(`/api/prs/requests/${id}/timeline/`)],
      ['PATCH', (id) => api(h).patch(`/api/prs/requests/${id}/`).send({ subject: 'Taken over' })],
      ['submit', (id) => api(h).post(`/api/prs/requests/${id}/submit/`).send({})],
      ['approve', (id) => api(h).post(`/api/prs/requests/${id}/approve/`).send({})],
      ['reject', (id) => api(h).post(`/api/prs/requests/${id}/reject/`).send({ comment: 'Not on my watch, sorry' })],
      ['withdraw', (id) => api(h).post(`/api/prs/requests/${id}/withdraw/`).send({})],
      ['complete', (id) => api(h).post(`/api/prs/requests/${id}/complete/`).send({})],
      [
        'upload',
        (id) =>
          api(h)
            .post(`/api/prs/requests/${id}/attachments/`)
            .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' }),
      ],
    ];
    for (const id of [draftId, inReviewId, completed.id]) {
      for (const [label, attempt] of attempts) {
        const foreign = await attempt(id).set('Authorization', as('erin')); // Engineering: none of these are hers
        const nothing = await attempt(missing).set('Authorization', as('erin'));
        expectProblem(foreign, 404);
        expect({ label, ...problemShape(foreign) }).toEqual({ label, ...problemShape(nothing) });
      }
    }
    // An approver of the team does not see a draft before it is submitted.
    expectProblem(await api(h).get(`/api/prs/requests/${draftId}/`).set('Authorization', as('bob')), 404);
    expect(await snapshot()).toEqual(before);
    // The owner still sees all of them.
    for (const id of [draftId, inReviewId, completed.id])
      expect((await api(h).get(`/api/prs/requests/${id}/`).set('Authorization', as('alice'))).status).toBe(200);
  });

  it('never widens a list through its filters: another team’s requests stay out of lists, search and inboxes', async () => {
    const aliceId = await userId(h, 'alice');
    const marketing = await teamId(h, 'Marketing');
    for (const query of [
      `?requestor=${aliceId}`,
      `?team=${marketing}`,
      '?search=BOLA',
      `?requestor=${aliceId}&team=${marketing}&status=DRAFT,PENDING_APPROVAL,COMPLETED`,
    ]) {
      const res = await api(h).get(`/api/prs/requests/${query}`).set('Authorization', as('erin'));
      expect({ query, status: res.status, count: res.body.count, results: res.body.results }).toEqual({
        query,
        status: 200,
        count: 0,
        results: [],
      });
    }
    const inbox = await api(h).get('/api/prs/requests/inbox/').set('Authorization', as('erin'));
    expect(inbox.body.results.map((r: { id: string }) => r.id)).not.toContain(inReviewId);
    const own = await api(h).get('/api/prs/requests/?search=BOLA').set('Authorization', as('alice'));
    expect(own.body.results.map((r: { id: string }) => r.id).sort()).toEqual(
      [draftId, inReviewId, completed.id].sort(),
    );
  });

  it('refuses another team’s attachment (download, delete) with 404, leaving the file in place', async () => {
    const before = await snapshot();
    for (const user of ['erin', 'bob', 'carol'] as const) {
      expectProblem(
        await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', as(user)),
        404,
      );
      expectProblem(await api(h).delete(`/api/prs/attachments/${attachmentId}/`).set('Authorization', as(user)), 404);
    }
    expect(await snapshot()).toEqual(before);
    const own = await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', as('alice'));
    expect(own.status).toBe(200);
  });

  it('answers another user’s order with 404 (read, status change, notes, shipping) and keeps it out of lists', async () => {
    const before = await snapshot();
    const missing = randomUUID();
    const attempts: Array<[string, (id: string) => request.Test]> = [
      ['GET', (id) => api(h).get(`/api/orders/${id}/`)],
      ['PATCH status', (id) => api(h).patch(`/api/orders/${id}/status/`).send({ status: 'cancelled' })],
      ['POST note', (id) => api(h).post(`/api/orders/${id}/notes/`).send({ note: 'Please ship to my home instead' })],
      [
        'POST shipping',
        (id) => api(h).post('/api/shipping/').send({ order_id: id, carrier: 'UPS', tracking_number: '1Z999' }),
      ],
    ];
    // erin: another team; bob: approved the request but orders are for its requestor; alice: not her manual order.
    for (const [user, id] of [
      ['erin', completed.orderId],
      ['bob', completed.orderId],
      ['erin', manualOrderId],
      ['alice', manualOrderId],
    ] as const) {
      for (const [label, attempt] of attempts) {
        const foreign = await attempt(id).set('Authorization', as(user));
        const nothing = await attempt(missing).set('Authorization', as(user));
        // Shipping is for procurement: decided before the body (and its order id) is read.
        expectProblem(foreign, label === 'POST shipping' ? 403 : 404);
        expect({ user, label, ...problemShape(foreign) }).toEqual({ user, label, ...problemShape(nothing) });
      }
      const list = await api(h).get('/api/orders/').set('Authorization', as(user));
      expect(list.body.results.map((o: { id: string }) => o.id)).not.toContain(id);
    }
    // Neither the approver nor another team learns the order through the request detail.
    expect(
      (await api(h).get(`/api/prs/requests/${completed.id}/`).set('Authorization', as('bob'))).body.purchase_order,
    ).toBeNull();
    expect(await snapshot()).toEqual(before);
    expect((await api(h).get(`/api/orders/${completed.orderId}/`).set('Authorization', as('alice'))).status).toBe(200);
  });

  it('applies the same object checks to API tokens: another team’s token gets 404', async () => {
    const erinToken = await apiToken(await bot('engineering-intake', 'Engineering'), [
      'requests:read',
      'requests:write',
      'approvals:write',
      'orders:read',
    ]);
    const before = await snapshot(['purchaseRequests', 'approvals', 'attachments', 'purchaseOrders']);
    expectProblem(await api(h).get(`/api/prs/requests/${inReviewId}/`).set('Authorization', erinToken.header), 404);
    expectProblem(await act(h, erinToken.header, inReviewId, 'approve'), 404);
    expectProblem(
      await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', erinToken.header),
      404,
    );
    expectProblem(await api(h).get(`/api/orders/${completed.orderId}/`).set('Authorization', erinToken.header), 404);
    expect(await snapshot(['purchaseRequests', 'approvals', 'attachments', 'purchaseOrders'])).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('API2:2023 Broken Authentication', () => {
  const forge = (payload: object, secret: string, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, secret, {
      algorithm: 'HS256',
      issuer: 'procurement-service',
      ...('exp' in payload ? {} : { expiresIn: 300 }),
      ...options,
    });
  const me = (token: string) => api(h).get('/api/me/').set('Authorization', `Bearer ${token}`);

  it('refuses a missing, expired, wrongly signed, alg:none, tampered or wrongly typed access token with the same 401', async () => {
    const alice = await h.knex('users').where({ username: 'alice' }).first();
    const adminRow = await h.knex('users').where({ username: 'admin' }).first();
    const claims = { sub: alice.id, typ: 'access', ver: alice.tokenVersion };
    const secret = h.config.auth.jwtSecret;
    const { access, refresh } = await login(h, 'alice');
    const [header, payload, signature] = access.split('.') as [string, string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const noneClaims = { ...claims, iss: 'procurement-service', exp: Math.floor(Date.now() / 1000) + 300 };

    const refused: Record<string, string> = {
      expired: forge({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, secret),
      'wrong secret': forge(claims, 'another-secret-that-is-long-enough-0000000000'),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(noneClaims)}.`,
      'alg None, no signature part': `${b64({ alg: 'None', typ: 'JWT' })}.${b64(noneClaims)}`,
      'alg none with the original signature': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      'HS512 with the right secret': jwt.sign({ ...claims, iss: 'procurement-service' }, secret, {
        algorithm: 'HS512',
        expiresIn: 300,
      }),
      'tampered sub (admin)': `${header}.${b64({ ...decoded, sub: adminRow.id })}.${signature}`,
      'tampered ver': `${header}.${b64({ ...decoded, ver: decoded.ver + 1 })}.${signature}`,
      'tampered exp': `${header}.${b64({ ...decoded, exp: decoded.exp + 86400 })}.${signature}`,
      'stale token version': forge({ ...claims, ver: alice.tokenVersion + 1 }, secret),
      'wrong issuer': forge(claims, secret, { issuer: 'someone-else' }),
      'refresh-typed JWT': forge({ ...claims, typ: 'refresh' }, secret),
      'unknown user': forge({ ...claims, sub: randomUUID() }, secret),
      'refresh token as bearer': refresh,
      'truncated signature': access.slice(0, -4),
      garbage: 'not.a.jwt',
    };
    const anonymous = await api(h).get('/api/me/');
    expectProblem(anonymous, 401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    for (const [label, token] of Object.entries(refused)) {
      const res = await me(token);
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expectProblem(res, 401);
      expect({ label, detail: res.body.detail }).toEqual({ label, detail: 'Token is invalid or expired.' });
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
    // The same claims, correctly signed, work: the refusals above are about the token, not the user.
    expect((await me(forge(claims, secret))).status).toBe(200);
    expect((await me(access)).body.username).toBe('alice');
    // An access token is not a refresh token either (longer than a refresh token may be: a 400 before any lookup).
    const asRefresh = await api(h).post('/api/auth/token/refresh/').send({ refresh: access });
    expect([400, 401]).toContain(asRefresh.status);
    expectProblem(asRefresh, asRefresh.status);
    expect(asRefresh.body).not.toHaveProperty('access');
  });

  it('refuses a revoked refresh token and a reused (rotated) one, revoking the whole family on reuse', async () => {
    const loggedOut = await login(h, 'carol');
    expect(
      (
        await api(h)
          .post('/api/auth/logout/')
          .set('Authorization', `Bearer ${loggedOut.access}`)
          .send({ refresh: loggedOut.refresh })
      ).status,
    ).toBe(204);
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: loggedOut.refresh }), 401);

    const first = await login(h, 'carol');
    const rotated = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expect(rotated.status).toBe(200);
    const reuse = await api(h).post('/api/auth/token/refresh/').send({ refresh: first.refresh });
    expectProblem(reuse, 401);
    expect(reuse.body.detail).toBe('Token is invalid or expired.');
    // Whoever stole the old token cannot keep the session alive: its successor is dead too.
    expectProblem(await api(h).post('/api/auth/token/refresh/').send({ refresh: rotated.body.refresh }), 401);
    const revokedForReuse = await h
      .knex('refreshTokens')
      .where({ userId: await userId(h, 'carol'), revokedReason: 'reuse_detected' });
    expect(revokedForReuse.length).toBeGreaterThanOrEqual(2); // the stolen token and its successor
    expectProblem(
      await api(h)
        .post('/api/auth/token/refresh/')
        .send({ refresh: 'rt_' + 'A'.repeat(43) }),
      401,
    );
  });

  it('answers a wrong password exactly like an unknown user (the documented 400), and never issues tokens', async () => {
    const sessionsBefore = await h.knex('refreshTokens').count({ n: '*' }).first();
    const wrong = await api(h).post('/api/auth/token/').send({ username: 'carol', password: 'not-her-password' });
    const unknown = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'nobody-at-all', password: 'not-her-password' });
    const emailWrong = await api(h)
      .post('/api/auth/token/')
      .send({ username: 'carol@example.com', password: 'not-her-password' });
    for (const res of [wrong, unknown, emailWrong]) {
      // The OpenAPI description documents 400 for bad credentials (not 401): assert the documented answer.
      expectProblem(res, 400);
      expect(res.body).not.toHaveProperty('access');
    }
    expect(problemShape(wrong)).toEqual(problemShape(unknown));
    expect(wrong.body.errors).toEqual(unknown.body.errors);
    expect(problemShape(emailWrong)).toEqual(problemShape(unknown));
    expect(await h.knex('refreshTokens').count({ n: '*' }).first()).toEqual(sessionsBefore);
  });

  it('refuses a revoked, expired or forged API token and one whose owner was deactivated', async () => {
    const revoked = await apiToken(await bot('revoked-intake', 'Marketing'), ['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', revoked.header)).status).toBe(200);
    expect((await api(h).delete(`/api/auth/api-tokens/${revoked.id}/`).set('Authorization', as('admin'))).status).toBe(
      204,
    );
    const afterRevoke = await api(h).get('/api/prs/requests/').set('Authorization', revoked.header);
    expectProblem(afterRevoke, 401);
    expect(afterRevoke.body.detail).toBe('Token is invalid, expired or revoked.');

    const expiring = await apiToken('admin', ['requests:read']);
    await h
      .knex('apiTokens')
      .where({ id: expiring.id })
      .update({ expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', expiring.header), 401);

    const genuine = await apiToken('admin', ['requests:read']);
    const forged = `prs_${genuine.prefix}_${'A'.repeat(43)}`; // a known prefix does not help
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', `Bearer ${forged}`), 401);
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', `Bearer ${genuine.token}x`), 401);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', genuine.header)).status).toBe(200);

    const leaver = await bot('owasp-leaver', 'Marketing');
    const leaverToken = await apiToken(leaver, ['requests:read']);
    expect((await api(h).get('/api/prs/requests/').set('Authorization', leaverToken.header)).status).toBe(200);
    expect((await api(h).delete(`/api/users/${leaver.serviceAccount}/`).set('Authorization', as('admin'))).status).toBe(
      204,
    );
    expectProblem(await api(h).get('/api/prs/requests/').set('Authorization', leaverToken.header), 401);
  });
});

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

describe('API4:2023 Unrestricted Resource Consumption', () => {
  it('caps page_size at 100 on every list (400 above it, before any SQL) and bounds page and search', async () => {
    const { openApi } = createApp(h.deps);
    type Operation = { parameters?: Array<{ name: string; in: string }> };
    const paths = (openApi as { paths: Record<string, Record<string, Operation>> }).paths;
    const lists = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(
          ([method, operation]) =>
            method === 'get' && operation.parameters?.some((p) => p.in === 'query' && p.name === 'page_size'),
        )
        .map(() => path),
    );
    expect(lists.length).toBeGreaterThanOrEqual(12);
    expect(lists).toEqual(
      expect.arrayContaining([
        '/api/prs/requests/',
        '/api/orders/',
        '/api/users/',
        '/api/audit/logs/',
        '/api/webhooks/deliveries/',
      ]),
    );
    for (const path of lists) {
      for (const query of [
        'page_size=101',
        'page_size=1000000',
        'page_size=0',
        'page_size=-1',
        'page_size=1e9',
        'page=1000001',
        `search=${'x'.repeat(201)}`,
      ]) {
        const res = await api(h).get(`${path}?${query}`).set('Authorization', as('admin'));
        expectProblem(res, 400);
        expect({ path, query, fields: Object.keys(res.body.errors ?? {}) }).toEqual({
          path,
          query,
          fields: [query.split('=')[0]],
        });
      }
      const max = await api(h).get(`${path}?page_size=100`).set('Authorization', as('admin'));
      expect({ path, status: max.status }).toEqual({ path, status: 200 });
      expect(max.body.results.length).toBeLessThanOrEqual(100);
    }
  });

  it('refuses JSON bodies over 1 MB with 413 and stores nothing', async () => {
    const before = await snapshot();
    const huge = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', as('alice'))
      .send({
        team: await teamId(h, 'Marketing'),
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'Huge',
        amount: '1.00',
        description: 'x'.repeat(1024 * 1024 + 10),
      });
    expectProblem(huge, 413);
    expect(huge.body.detail).toBe('The request body is larger than the 1 MB limit.');
    const wide = await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', as('alice'))
      .send({
        team: await teamId(h, 'Marketing'),
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'Wide',
        amount: '1.00',
        field_values: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'v'])),
      });
    expectProblem(wide, 400);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses uploads over MAX_UPLOAD_BYTES and too many files with 413, storing nothing', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Upload limits' });
    const before = await snapshot();
    const big = Buffer.concat([pdf, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    const tooBig = await upload(id, as('alice'), big);
    expectProblem(tooBig, 413);
    expect(tooBig.body.detail).toContain(String(MAX_UPLOAD_BYTES));
    // A declared length far beyond the limit is refused before the body is read.
    const declared = await api(h)
      .post(`/api/prs/requests/${id}/attachments/`)
      .set('Authorization', as('alice'))
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .set('Content-Length', String(50 * 1024 * 1024))
      .send('--xyz--\r\n');
    expectProblem(declared, 413);
    let many = api(h).post(`/api/prs/requests/${id}/submit/`).set('Authorization', as('alice'));
    for (let i = 0; i < 6; i += 1)
      many = many.attach('files', pdf, { filename: `q${i}.pdf`, contentType: 'application/pdf' });
    expectProblem(await many, 413);
    expect(await snapshot()).toEqual(before);
    expect((await detail(h, as('alice'), id)).status.code).toBe('DRAFT');
  });

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

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

describe('API6:2023 Unrestricted Access to Sensitive Business Flows', () => {
  const requestState = async (id: string) => ({
    request: await h.knex('purchaseRequests').where({ id }).first(),
    approvals: (await h.knex('approvals').where({ requestId: id })).map((row: unknown) => JSON.stringify(row)).sort(),
    approvers: (await h.knex('requestStepApprovers').where({ requestId: id }))
      .map((row: unknown) => JSON.stringify(row))
      .sort(),
  });

  it('refuses self-approval (403), even by a requestor who holds the approver role', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Self approval' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    const self = await act(h, as('alice'), id, 'approve');
    expectProblem(self, 403);
    expect(self.body.detail).toBe('You cannot approve your own request.');
    expect(await requestState(id)).toEqual(before);

    // erin is initiator and manager of Engineering: her own request must not pass through her.
    const own = await createDraft(h, as('erin'), {
      team: await teamId(h, 'Engineering'),
      subject: 'Own approval',
      field_values: { budget_code: 'ENG-1' },
    });
    const submitted = await act(h, as('erin'), own, 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body.pending_approvers.map((a: { username: string }) => a.username)).not.toContain('erin');
    before = await requestState(own);
    expectProblem(await act(h, as('erin'), own, 'approve'), 403);
    expectProblem(await act(h, as('erin'), own, 'reject', { comment: 'Rejecting my own request' }), 403);
    expect(await requestState(own)).toEqual(before);
  });

  it('refuses double approval (409), sequential and simultaneous, recording one approval', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Double approval' });
    await act(h, as('alice'), id, 'submit');
    expect((await act(h, as('bob'), id, 'approve')).status).toBe(200);
    const before = await requestState(id);
    const again = await act(h, as('bob'), id, 'approve');
    expectProblem(again, 409);
    expect(await requestState(id)).toEqual(before);

    const raced = await createDraft(h, as('alice'), { subject: 'Simultaneous approval' });
    await act(h, as('alice'), raced, 'submit');
    const answers = await Promise.all([
      act(h, as('bob'), raced, 'approve'),
      act(h, as('bob'), raced, 'approve'),
      act(h, as('bob'), raced, 'approve'),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409]);
    expect(await h.knex('approvals').where({ requestId: raced, action: 'APPROVE' })).toHaveLength(1);
  });

  it('refuses approving, rejecting or completing at the wrong step, state unchanged', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Wrong step', amount: '5000.00' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    expectProblem(await act(h, as('carol'), id, 'approve'), 404); // the director step has not started: not visible yet
    expectProblem(await act(h, as('bob'), id, 'complete'), 409); // no finance review yet
    expect(await requestState(id)).toEqual(before);

    await act(h, as('bob'), id, 'approve');
    expect((await act(h, as('mallory'), id, 'approve')).body.current_template_step.step_name).toBe('Director Approval');
    before = await requestState(id);
    for (const user of ['bob', 'mallory'] as const) {
      expectProblem(await act(h, as(user), id, 'approve'), 403); // managers at the director step
      expectProblem(await act(h, as(user), id, 'reject', { comment: 'Too late to object now' }), 403);
    }
    expectProblem(await act(h, as('alice'), id, 'submit'), 409); // no restart mid-chain
    expect(await requestState(id)).toEqual(before);

    expect((await act(h, as('carol'), id, 'approve')).body.status.code).toBe('FINANCE_REVIEW');
    before = await requestState(id);
    expectProblem(await act(h, as('carol'), id, 'approve'), 409); // nothing left to approve
    expectProblem(await act(h, as('frank'), id, 'approve'), 409); // finance completes, it does not approve
    expect(await requestState(id)).toEqual(before);

    await completeAndSettle(id);
    before = await requestState(id);
    expectProblem(await act(h, as('frank'), id, 'complete'), 409); // completes once
    expectProblem(await act(h, as('alice'), id, 'withdraw'), 409);
    expectProblem(
      await api(h).patch(`/api/prs/requests/${id}/`).set('Authorization', as('alice')).send({ amount: '99999.00' }),
      409,
    );
    expect(await requestState(id)).toEqual(before);
  });

  it('refuses withdrawing someone else’s request and acting on a withdrawn one', async () => {
    const id = await createDraft(h, as('alice'), { subject: 'Withdraw flow' });
    await act(h, as('alice'), id, 'submit');
    let before = await requestState(id);
    expectProblem(await act(h, as('bob'), id, 'withdraw'), 403);
    expect(await requestState(id)).toEqual(before);
    expect((await act(h, as('alice'), id, 'withdraw')).body.status.code).toBe('CANCELLED');
    before = await requestState(id);
    expectProblem(await act(h, as('bob'), id, 'approve'), 409);
    expectProblem(await act(h, as('alice'), id, 'submit'), 409);
    expect(await requestState(id)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

describe('API8:2023 Security Misconfiguration', () => {
  const expectSecurityHeaders = (res: request.Response, label: string) => {
    expect({ label, headers: res.headers }).toEqual({
      label,
      headers: expect.objectContaining({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringMatching(/max-age=\d{7,}/),
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-permitted-cross-domain-policies': 'none',
        'cache-control': expect.stringMatching(/no-store|max-age/),
        'content-security-policy': expect.stringMatching(
          /default-src 'self'.*frame-ancestors 'self'|frame-ancestors 'self'.*default-src 'self'/,
        ),
      }),
    });
    expect({ label, poweredBy: res.headers['x-powered-by'], server: res.headers.server }).toEqual({
      label,
      poweredBy: undefined,
      server: undefined,
    });
  };

  it('sets security headers on successes, problems, documents and probes, and never X-Powered-By', async () => {
    const answers: Array<[string, request.Response]> = [
      ['200 json', await api(h).get('/api/me/').set('Authorization', as('alice'))],
      ['200 login', await api(h).post('/api/auth/token/').send({ username: 'alice', password: DEMO_PASSWORD })],
      ['401', await api(h).get('/api/me/')],
      ['403', await api(h).get('/api/users/').set('Authorization', as('alice'))],
      ['404', await api(h).get('/api/nothing-here/')],
      ['405', await api(h).put('/api/me/').set('Authorization', as('alice')).send({})],
      [
        '413',
        await api(h)
          .post('/api/auth/token/')
          .send({ username: 'a', password: 'x'.repeat(1024 * 1024 + 1) }),
      ],
      ['415', await api(h).post('/api/auth/token/').type('form').send('username=a&password=b')],
      ['docs html', await api(h).get('/api/docs/')],
      ['health', await api(h).get('/health/')],
    ];
    for (const [label, res] of answers) expectSecurityHeaders(res, label);
    // Token pairs and private data are never kept by a browser or shared cache.
    expect([answers[0]![1].headers['cache-control'], answers[1]![1].headers['cache-control']]).toEqual([
      'no-store',
      'no-store',
    ]);
  });

  it('never puts stack traces, SQL or library internals in problem documents', async () => {
    const answers = [
      await api(h)
        .post('/api/auth/token/')
        .set('Content-Type', 'application/json')
        .send('{"username": "alice", "password": '),
      await api(h)
        .post('/api/auth/token/')
        .set('Content-Type', 'application/json')
        .send('[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]'),
      await api(h)
        .get(`/api/prs/requests/${encodeURIComponent("' OR 1=1 --")}/`)
        .set('Authorization', as('alice')),
      await api(h)
        .get('/api/prs/requests/')
        .query({ ordering: 'password_hash;DROP TABLE users' })
        .set('Authorization', as('alice')),
      await api(h).get('/api/prs/requests/?min_amount=1e999999').set('Authorization', as('alice')),
      await api(h).post('/api/prs/requests/').set('Authorization', as('alice')).send({
        team: '00000000-0000-0000-0000-000000000000',
        purchase_type: 'GOODS',
        vendor_name: 'V',
        subject: 'S',
        amount: '1.00',
      }),
      await api(h).get('/api/me/').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad'),
      await api(h)
        .post('/api/auth/token/refresh/')
        .send({ refresh: { $ne: null } }),
    ];
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectProblem(res, res.status);
      expect(JSON.stringify(res.body)).not.toMatch(
        /node_modules|\.ts:\d|\.js:\d|SyntaxError|TypeError|ZodError|knex|select |insert into|pg_|constraint|stack/i,
      );
    }
  });

  it('answers an unexpected server error with a bare 500 problem: no stack, no SQL, no database names', async () => {
    const missingDatabase = `${h.run.databasePrefix}_owasp_missing`;
    const broken = createKnex(databaseUrl(h.run.adminDatabaseUrl, missingDatabase), 1);
    try {
      const app = createApp({ ...h.deps, knex: broken, logger: pino({ level: 'silent' }) }).app;
      const res = await request(app.callback()).get('/api/prs/teams/').set('Authorization', as('alice'));
      expectProblem(res, 500);
      expect(res.body.detail).toBe('An unexpected error occurred. Quote the request id when reporting it.');
      expect(JSON.stringify(res.body)).not.toMatch(
        new RegExp(`${missingDatabase}|does not exist|postgres|knex|select|\\bat `, 'i'),
      );
      expectSecurityHeaders(res, '500');
    } finally {
      await broken.destroy();
    }
  });

  it('does not reflect arbitrary origins in CORS, and never allows credentials', async () => {
    for (const origin of [
      'https://evil.example.net',
      'null',
      'https://app.example.com.evil.net',
      'http://app.example.com',
    ]) {
      const preflight = await api(h)
        .options('/api/me/')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'Authorization');
      const simple = await api(h).get('/api/me/').set('Origin', origin).set('Authorization', as('alice'));
      for (const res of [preflight, simple]) {
        expect({
          origin,
          allow: res.headers['access-control-allow-origin'],
          credentials: res.headers['access-control-allow-credentials'],
        }).toEqual({ origin, allow: undefined, credentials: undefined });
      }
    }
    const allowed = await api(h)
      .options('/api/me/')
      .set('Origin', ALLOWED_ORIGIN)
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined(); // bearer tokens, no cookies
    expect(allowed.headers.vary).toMatch(/Origin/i);
  });

  it('does not honour method overrides (X-HTTP-Method-Override, _method)', async () => {
    const bobId = await userId(h, 'bob');
    const before = await snapshot();
    const overridden = await api(h)
      .post(`/api/users/${bobId}/`)
      .set('Authorization', as('admin'))
      .set('X-HTTP-Method-Override', 'DELETE')
      .send({});
    expectProblem(overridden, 405);
    const viaQuery = await api(h)
      .post(`/api/users/${bobId}/?_method=DELETE`)
      .set('Authorization', as('admin'))
      .send({});
    expectProblem(viaQuery, 405);
    expect(await snapshot()).toEqual(before);
  });

  it('answers HTTP methods it does not implement (TRACE, PROPFIND) with 501, never a 500, and never echoes the request', async () => {
    for (const method of ['trace', 'propfind'] as const) {
      const res = await call(api(h), method, '/api/me/').set('Authorization', as('alice'));
      expect(res.text).not.toContain(as('alice').slice(7)); // no cross-site tracing
      expect({ method, status: res.status }).toEqual({ method, status: 501 });
      expectProblem(res, 501);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('API9:2023 Improper Inventory Management', () => {
  type Content = Record<string, { example?: unknown; schema?: unknown }>;
  type Operation = {
    operationId: string;
    responses: Record<string, { content?: Content }>;
    requestBody?: { content: Content };
  };
  const built = () => createApp(h.deps);

  it('serves exactly the operations the OpenAPI document lists (under /api and /api/v1), and no other', async () => {
    const { app, openApi } = built();
    const router = app.middleware.map((mw) => (mw as { router?: Router }).router).find(Boolean);
    expect(router).toBeDefined();
    const served = new Set<string>();
    for (const layer of router!.stack) {
      for (const method of layer.methods) if (method !== 'HEAD') served.add(`${method} ${layer.path}`);
    }
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(
      (openApi as { paths: Record<string, Record<string, Operation>> }).paths,
    )) {
      for (const method of Object.keys(operations)) {
        const verb = method.toUpperCase();
        documented.add(`${verb} ${koaPath(path)}`);
        if (path.startsWith('/api/')) documented.add(`${verb} ${koaPath(path.replace(/^\/api\//, '/api/v1/'))}`);
      }
    }
    expect([...served].filter((entry) => !documented.has(entry)).sort()).toEqual([]);
    expect([...documented].filter((entry) => !served.has(entry)).sort()).toEqual([]);
    expect(served.size).toBeGreaterThan(100);
  });

  it('answers undocumented paths and versions with a 404 problem, and undocumented methods with 405', async () => {
    for (const path of [
      '/api/v2/me/',
      '/api/v0/me/',
      '/api/v1/v1/me/',
      '/api/api/me/',
      '/api/internal/',
      '/api/admin/',
      '/api/debug/',
      '/api/v2/users/',
      '/api/graphql',
      '/graphql',
      '/.env',
      '/.git/config',
      '/server-status',
      '/actuator/env',
      '/api/openapi.json',
      '/api/swagger.json',
      '/v1/me/',
      '/me/',
      '/api/prs/requests/inbox/extra/',
      '/api/auth/token/debug/',
    ]) {
      const res = await api(h).get(path).set('Authorization', as('admin'));
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expectProblem(res, 404);
    }
    for (const [method, path] of [
      ['delete', '/api/me/'],
      ['put', '/api/prs/requests/'],
      ['patch', '/api/auth/token/'],
      ['delete', '/api/audit/logs/'],
      ['post', '/api/schema/'],
    ] as const) {
      const res = await call(api(h), method, path).set('Authorization', as('admin'));
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 405 });
      expectProblem(res, 405);
    }
  });

  it('documents every operation with examples that match their own schemas', async () => {
    const { openApi, routes } = built();
    for (const [path, operations] of Object.entries(
      (openApi as { paths: Record<string, Record<string, Operation>> }).paths,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const json = operation.requestBody?.content['application/json'];
        if (json)
          expect({ path, method, requestExample: json.example !== undefined }).toEqual({
            path,
            method,
            requestExample: true,
          });
        // Every JSON answer (successes and problems) carries an example; binary, HTML and text answers
        // (downloads, documentation pages, metrics) and 204s have nothing to exemplify.
        const missing: string[] = [];
        let successExamples = 0;
        let jsonSuccesses = 0;
        for (const [status, response] of Object.entries(operation.responses)) {
          for (const [type, media] of Object.entries(response.content ?? {})) {
            if (!/json/.test(type)) continue;
            if (media.example === undefined) missing.push(`${status} ${type}`);
            if (status.startsWith('2')) {
              jsonSuccesses += 1;
              if (media.example !== undefined) successExamples += 1;
            }
          }
        }
        expect({ path, method, missing }).toEqual({ path, method, missing: [] });
        expect({ path, method, successExamples }).toEqual({ path, method, successExamples: jsonSuccesses });
      }
    }
    const mismatches: string[] = [];
    for (const route of routes as AnyRoute[]) {
      if (
        route.body &&
        route.bodyExample !== undefined &&
        !(route.body as ZodType).safeParse(route.bodyExample).success
      )
        mismatches.push(`${route.operationId} body example`);
      for (const [status, spec] of Object.entries(route.responses)) {
        if (spec.schema && spec.example !== undefined && !spec.schema.safeParse(spec.example).success)
          mismatches.push(`${route.operationId} ${status} example`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('API10:2023 Unsafe Consumption of APIs', () => {
  let secret: string;
  let sequence = 0;
  const PROVIDER = 'owasp-logistics';

  beforeAll(async () => {
    const provider = await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', as('admin'))
      .send({ name: PROVIDER });
    expect(provider.status).toBe(201);
    secret = provider.body.secret;
  });

  function signed(
    event: unknown,
    options: {
      id?: string;
      timestamp?: number;
      key?: string;
      provider?: string;
      signedBody?: string;
      signature?: string;
    } = {},
  ) {
    const id = options.id ?? `msg_owasp_${Date.now()}_${(sequence += 1)}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const body = JSON.stringify(event);
    return api(h)
      .post(`/api/integrations/webhooks/${options.provider ?? PROVIDER}/`)
      .set('Content-Type', 'application/json')
      .set('webhook-id', id)
      .set('webhook-timestamp', String(timestamp))
      .set(
        'webhook-signature',
        options.signature ?? signPayload(options.key ?? secret, id, timestamp, options.signedBody ?? body),
      )
      .send(body);
  }

  it('refuses unsigned, wrongly signed, tampered, stale and future events with 401, storing and changing nothing', async () => {
    const order = await createOrder(h, as('paula'));
    const event = { type: 'order.confirmed', data: { order_id: order.id } };
    const otherKey = 'whsec_' + Buffer.alloc(32, 7).toString('base64');
    const now = Math.floor(Date.now() / 1000);
    const before = await snapshot();
    const attempts: Array<[string, request.Test]> = [
      ['unsigned', api(h).post(`/api/integrations/webhooks/${PROVIDER}/`).send(event)],
      ['other key', signed(event, { key: otherKey })],
      ['tampered body', signed(event, { signedBody: JSON.stringify({ type: 'invoice.paid', data: {} }) })],
      ['stale', signed(event, { timestamp: now - 600 })],
      ['future', signed(event, { timestamp: now + 600 })],
      ['v2 scheme', signed(event, { signature: signPayload(secret, 'x', now, '{}').replace(/^v1,/, 'v2,') })],
      ['empty signature', signed(event, { signature: 'v1,' })],
      ['unknown provider', signed(event, { provider: 'nobody-registered' })],
      [
        'signature for another id',
        signed(event, { id: 'msg_a', signature: signPayload(secret, 'msg_b', now, JSON.stringify(event)) }),
      ],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt;
      expect({ label, status: res.status }).toEqual({ label, status: 401 });
      expectProblem(res, 401);
      expect(res.body.detail).toBe('The webhook signature or timestamp is not valid.');
    }
    expect(await snapshot()).toEqual(before);
    expect((await h.knex('purchaseOrders').where({ id: order.id }).first()).status).toBe('pending');
  });

  it('accepts a correctly signed event once, applying it through the order’s workflow', async () => {
    const order = await createOrder(h, as('paula'));
    const event = { type: 'order.confirmed', data: { order_id: order.id } };
    const first = await signed(event, { id: 'msg_owasp_good' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ status: 'applied', event_id: 'msg_owasp_good' });
    expect((await api(h).get(`/api/orders/${order.id}/`).set('Authorization', as('paula'))).body.status).toBe(
      'confirmed',
    );
    const replay = await signed(event, { id: 'msg_owasp_good' });
    expect(replay.body).toEqual({ status: 'duplicate', event_id: 'msg_owasp_good' });
    expect(await h.knex('inboundEvents').where({ eventId: 'msg_owasp_good' })).toHaveLength(1);
    expect(await h.knex('orderStatusHistory').where({ orderId: order.id, toStatus: 'confirmed' })).toHaveLength(1);
  });

  it('refuses events of a deactivated provider', async () => {
    const provider = await h.knex('integrationProviders').where({ name: PROVIDER }).first();
    expect(
      (await api(h).delete(`/api/integrations/providers/${provider.id}/`).set('Authorization', as('admin'))).status,
    ).toBe(204);
    const before = await snapshot();
    expectProblem(await signed({ type: 'invoice.paid', data: {} }), 401);
    expect(await snapshot()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

describe('Secrets never appear in logs', () => {
  it('logs no password, refresh token, API token or webhook secret during logins, token and secret creation', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const app = request(createApp({ ...h.deps, logger }).app.callback());
    const admin = `Bearer ${(await login(h, 'admin')).access}`;

    const wrongPassword = 'Wrong-Password-Secret-1';
    await app.post('/api/auth/token/').send({ username: 'carol', password: wrongPassword }).expect(400);
    const session = await app.post('/api/auth/token/').send({ username: 'carol', password: DEMO_PASSWORD }).expect(200);
    const rotated = await app.post('/api/auth/token/refresh/').send({ refresh: session.body.refresh }).expect(200);
    await app.post('/api/auth/token/refresh/').send({ refresh: session.body.refresh }).expect(401); // reuse
    const token = await app
      .post('/api/auth/api-tokens/')
      .set('Authorization', admin)
      .send({ name: 'log probe', scopes: ['requests:read'] })
      .expect(201);
    await app.get('/api/prs/requests/').set('Authorization', `Bearer ${token.body.token}`).expect(200);
    const endpoint = await app
      .post('/api/webhooks/endpoints/')
      .set('Authorization', admin)
      .send({ url: 'https://93.184.216.34/logs', is_active: false, event_types: ['order.updated'] })
      .expect(201);
    const rotatedSecret = await app
      .post(`/api/webhooks/endpoints/${endpoint.body.id}/rotate-secret/`)
      .set('Authorization', admin)
      .expect(200);
    const providerSecret = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    await app
      .post('/api/integrations/providers/')
      .set('Authorization', admin)
      .send({ name: 'owasp-log-probe', secret: providerSecret })
      .expect(201);
    const userPassword = 'Cobalt-Lantern-Secret-77';
    const created = await app
      .post('/api/users/')
      .set('Authorization', admin)
      .send({ username: 'owasp-logged', email: 'logged@example.com', password: userPassword })
      .expect(201);
    const changedPassword = 'Amber-Orchard-Secret-88';
    const logged = await login(h, 'owasp-logged', userPassword);
    await app
      .post('/api/auth/change-password/')
      .set('Authorization', `Bearer ${logged.access}`)
      .send({ old_password: userPassword, new_password: changedPassword })
      .expect(200);
    await app
      .patch(`/api/users/${created.body.id}/`)
      .set('Authorization', admin)
      .send({ password: 'Second-Reset-Secret-99' })
      .expect(200);
    await app.get('/api/me/').set('Authorization', `Bearer ${rotated.body.access}`).expect(200);
    await h.knex('webhookEndpoints').where({ id: endpoint.body.id }).delete();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(13); // one access line per request at least: the capture works
    expect(log).toContain('"path":"/api/auth/token"');
    const secrets = [
      wrongPassword,
      DEMO_PASSWORD,
      userPassword,
      changedPassword,
      'Second-Reset-Secret-99',
      session.body.refresh,
      rotated.body.refresh,
      session.body.access,
      rotated.body.access,
      token.body.token,
      endpoint.body.secret,
      rotatedSecret.body.secret,
      providerSecret,
      admin.slice(7),
    ];
    for (const secret of secrets)
      expect({ secret: secret.slice(0, 12), inLog: log.includes(secret) }).toEqual({
        secret: secret.slice(0, 12),
        inLog: false,
      });
    expect(log).not.toMatch(/argon2|whsec_|prs_[a-z0-9]{8}_|rt_[A-Za-z0-9_-]{20}/);
  });

  it('logs an unexpected error for operators without the secrets of the request that hit it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const broken = createKnex(databaseUrl(h.run.adminDatabaseUrl, `${h.run.databasePrefix}_owasp_gone`), 1);
    try {
      const app = request(createApp({ ...h.deps, knex: broken, logger }).app.callback());
      const password = 'Crimson-Falcon-Secret-55';
      const res = await app.post('/api/auth/token/').send({ username: 'alice', password });
      expectProblem(res, 500);
      const log = lines.join('');
      expect(log).toContain('unhandled error');
      expect(log).toContain(res.body.request_id); // operators can find it by the id the user quotes
      expect(log).not.toContain(password);
    } finally {
      await broken.destroy();
    }
  });

  it('keeps passwords, refresh tokens, API tokens and webhook secrets out of the audit log answers', async () => {
    const session = await login(h, 'mallory');
    await api(h)
      .post('/api/auth/logout/')
      .set('Authorization', `Bearer ${session.access}`)
      .send({ refresh: session.refresh })
      .expect(204);
    const token = await apiToken('admin', ['requests:read']);
    const providerSecret = 'whsec_' + Buffer.alloc(32, 5).toString('base64');
    await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', as('admin'))
      .send({ name: 'owasp-audit-probe', secret: providerSecret })
      .expect(201);
    const password = 'Indigo-Meadow-Secret-31';
    await api(h)
      .post('/api/users/')
      .set('Authorization', as('admin'))
      .send({ username: 'owasp-audited', email: 'audited@example.com', password })
      .expect(201);

    const audit = await api(h)
      .get('/api/audit/logs/?page_size=100&ordering=-timestamp')
      .set('Authorization', as('admin'));
    expect(audit.status).toBe(200);
    expect(audit.body.results.map((row: { action: string }) => row.action)).toEqual(
      expect.arrayContaining(['api.logout', 'api.createApiToken', 'api.createUser']),
    );
    const places = {
      'GET /api/audit/logs/ answer': JSON.stringify(audit.body),
      'audit_logs rows': JSON.stringify(await h.knex('auditLogs')),
    };
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const [what, secret] of [
        ['refresh token', session.refresh],
        ['API token', token.token],
        ['provider secret', providerSecret],
        ['password', password],
      ] as const) {
        if (text.includes(secret)) leaks.push(`${what} in ${where}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
