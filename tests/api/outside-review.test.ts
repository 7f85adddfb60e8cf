// Issue 12: regressions for what the outside review found in the request, order, identity and
// integration stories (the HTTP contract items are in http-contract.test.ts, tokens in
// api-tokens.test.ts, the decision race in tests/workflows/purchase-request.races.test.ts).
import { signPayload, verifyStandardWebhook } from '../../lib/webhooks/signature';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem, login } from '../support/http';
import { createOrder } from '../support/orders';
import { until } from '../kit/until';
import { act, createDraft, detail, teamId, userId } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
let marketing: string;
let engineering: string;
const pdf = (bytes = 64) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(Math.max(0, bytes - 9), 0x20)]).subarray(0, bytes);

beforeAll(async () => {
  h = await startHarness({ worker: true, env: { CURRENCY_RATES: 'EUR=1.08', MAX_UPLOAD_BYTES: '4096' } });
  for (const user of ['admin', 'alice', 'bob', 'mallory', 'carol', 'erin', 'frank', 'paula'])
    auth[user] = await bearer(h, user);
  marketing = await teamId(h, 'Marketing');
  engineering = await teamId(h, 'Engineering');
});
afterAll(() => h.stop());

const PASSWORD = 'staple-orbit-lantern-42';

/** A person created by the admin, holding `role` in `team` (null: every team). */
async function person(username: string, role?: string, team?: string | null) {
  const created = await api(h)
    .post('/api/users/')
    .set('Authorization', auth.admin!)
    .send({ username, email: `${username}@example.com`, password: PASSWORD });
  expect(created.body).toMatchObject({ username });
  if (role) {
    const granted = await api(h)
      .post(`/api/users/${created.body.id}/access-scopes/`)
      .set('Authorization', auth.admin!)
      .send({ team: team ?? null, role });
    expect(granted.status).toBe(201);
  }
  return { id: created.body.id as string, auth: `Bearer ${(await login(h, username, PASSWORD)).access}` };
}

const status = async (id: string) => (await h.knex('purchaseRequests').where({ id }).first('status')).status as string;

describe('item 1: completeness is checked inside the submit, edits and attachment changes take the same lock', () => {
  it('a PATCH clearing a required field racing the submit never leaves a submitted request without it', async () => {
    for (let run = 0; run < 4; run += 1) {
      const id = await createDraft(h, auth.alice!);
      const [patch, submit] = await Promise.all([
        api(h)
          .patch(`/api/prs/requests/${id}/`)
          .set('Authorization', auth.alice!)
          .send({ field_values: { budget_code: null } }),
        act(h, auth.alice!, id, 'submit'),
      ]);
      expect([patch.status, submit.status]).not.toEqual([200, 200]);
      const row = await h.knex('purchaseRequests').where({ id }).first();
      if (row.status !== 'DRAFT') expect(row.fieldValues.budget_code).toBe('MKT-2026');
      else expect(submit.status).toBe(400);
    }
  });
});

describe('items 12, 1 and 10 on a team form that needs a quote', () => {
  let oldVersion: string;
  let erin: string;
  beforeAll(async () => {
    erin = auth.erin!;
    const v1 = await api(h)
      .post('/api/prs/form-templates/')
      .set('Authorization', auth.admin!)
      .send({
        name: 'Engineering form',
        team: engineering,
        fields: [{ field_id: 'ticket', name: 'Ticket', field_type: 'TEXT', required: false, order: 1 }],
      });
    expect(v1.status).toBe(201);
    oldVersion = v1.body.id;
    const v2 = await api(h)
      .put(`/api/prs/form-templates/${oldVersion}/`)
      .set('Authorization', auth.admin!)
      .send({
        name: 'Engineering form',
        team: engineering,
        fields: [{ field_id: 'ticket', name: 'Ticket', field_type: 'TEXT', required: true, order: 1 }],
        required_attachment_categories: ['Quote'],
      });
    expect(v2.status).toBe(201);
  });
  const draft = (extra: Record<string, unknown> = {}) =>
    createDraft(h, erin, { team: engineering, field_values: { ticket: 'ENG-1' }, ...extra });

  it('item 12: a request can only use the team’s current form version', async () => {
    const before = await h.knex('purchaseRequests').count({ n: '*' }).first();
    const res = await api(h).post('/api/prs/requests/').set('Authorization', erin).send({
      team: engineering,
      form_template: oldVersion,
      purchase_type: 'GOODS',
      vendor_name: 'V',
      subject: 'Old form',
      description: 'd',
      amount: '10.00',
      field_values: {},
    });
    expectProblem(res, 400);
    expect(res.body.errors).toHaveProperty('form_template');
    expect(await h.knex('purchaseRequests').count({ n: '*' }).first()).toEqual(before);
    const current = await detail(h, erin, await draft());
    expect(current.form_template.version_number).toBe(2);
  });

  it('item 1: deleting the required attachment racing the submit never leaves a submitted request without it', async () => {
    for (let run = 0; run < 4; run += 1) {
      const id = await draft();
      const uploaded = await api(h)
        .post(`/api/prs/requests/${id}/attachments/`)
        .set('Authorization', erin)
        .field('category', 'Quote')
        .attach('file', pdf(), 'quote.pdf');
      expect(uploaded.status).toBe(201);
      const [removed, submit] = await Promise.all([
        api(h).delete(`/api/prs/attachments/${uploaded.body.id}/`).set('Authorization', erin),
        act(h, erin, id, 'submit'),
      ]);
      expect([removed.status, submit.status]).not.toEqual([204, 200]);
      const left = await h.knex('attachments').where({ requestId: id });
      if ((await status(id)) !== 'DRAFT') expect(left.map((a: { category: string }) => a.category)).toEqual(['Quote']);
    }
  });

  it('item 10: a refused multipart submit keeps no files, and its retry with the same key attaches none', async () => {
    const id = await draft({ field_values: {} }); // the required ticket is missing
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const res = await api(h)
        .post(`/api/prs/requests/${id}/submit/`)
        .set('Authorization', erin)
        .set('Idempotency-Key', `refused-submit-${id}`)
        .field('category', 'Quote')
        .attach('files', pdf(), 'a.pdf')
        .attach('files', pdf(80), 'b.pdf');
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty(['field_values.ticket']);
      expect(await h.knex('attachments').where({ requestId: id })).toEqual([]);
    }
    expect(await status(id)).toBe('DRAFT');
  });
});

describe('item 4: the login throttle counts atomically, per resolved user', () => {
  it('45 parallel wrong passwords verify at most the limit, and the right one among them is refused too', async () => {
    await person('tess');
    const attempts = await Promise.all(
      Array.from({ length: 46 }, (_, index) =>
        api(h)
          .post('/api/auth/token/')
          .send({ username: 'tess', password: index === 30 ? PASSWORD : `wrong-${index}` }),
      ),
    );
    const verified = attempts.filter((res) => res.status !== 429);
    expect(verified.length).toBeLessThanOrEqual(10);
    expect(attempts.filter((res) => res.status === 200).length).toBeLessThanOrEqual(1);
    expect(
      Number((await h.knex('loginFailures').where('usernameKey', 'like', 'user:%').count({ n: '*' }).first())?.n),
    ).toBeLessThanOrEqual(10);
  });

  it('the username and the e-mail address share one count', async () => {
    await person('uma');
    const answers: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const username = i % 2 ? 'uma' : 'UMA@example.com';
      answers.push((await api(h).post('/api/auth/token/').send({ username, password: 'wrong-password' })).status);
    }
    expect(answers.filter((s) => s !== 429)).toHaveLength(10);
    expect(answers.slice(10)).toEqual([429, 429]);
  });
});

describe('item 6: currencies are ISO 4217 and thresholds apply in the template’s currency', () => {
  it('refuses codes that are not ISO 4217 and currencies without a configured rate, creating nothing', async () => {
    const before = await h.knex('purchaseRequests').count({ n: '*' }).first();
    for (const currency of ['ZZZ', 'KWD', 'usd']) {
      const res = await api(h)
        .post('/api/prs/requests/')
        .set('Authorization', auth.alice!)
        .send({
          team: marketing,
          purchase_type: 'GOODS',
          vendor_name: 'V',
          subject: 'S',
          description: 'd',
          amount: '999.99',
          currency,
          field_values: { budget_code: 'B' },
        });
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty('currency');
    }
    expect(await h.knex('purchaseRequests').count({ n: '*' }).first()).toEqual(before);
  });

  it('999.99 EUR (1 079.99 USD at the configured rate) goes through the 1 000 Director step; 999.99 USD does not', async () => {
    const route = async (currency: string) => {
      const id = await createDraft(h, auth.alice!, { amount: '999.99', currency });
      expect((await act(h, auth.alice!, id, 'submit')).status).toBe(200);
      expect((await act(h, auth.bob!, id, 'approve')).status).toBe(200);
      expect((await act(h, auth.mallory!, id, 'approve')).status).toBe(200);
      return (await until(async () => (await detail(h, auth.alice!, id)).current_template_step?.step_name)) as string;
    };
    expect(await route('EUR')).toBe('Director Approval');
    expect(await route('USD')).toBe('Finance Review');
  });
});

describe('item 7 and 18: orders and the dashboard follow the caller’s teams', () => {
  it('a team-bound procurement officer and finance reviewer see and manage only their team’s orders', async () => {
    const ours = await createOrder(h, auth.paula!, { team: engineering, vendor_name: 'Eng vendor' });
    const theirs = await createOrder(h, auth.paula!, { team: marketing, vendor_name: 'Mkt vendor' });
    const officer = await person('oscar', 'PROCUREMENT_OFFICER', engineering);
    const reviewer = await person('fiona', 'FINANCE_REVIEWER', engineering);

    for (const who of [officer, reviewer]) {
      const list = await api(h).get('/api/orders/').set('Authorization', who.auth);
      expect(list.body.results.map((o: { id: string }) => o.id)).toEqual([ours.id]);
      expectProblem(await api(h).get(`/api/orders/${theirs.id}/`).set('Authorization', who.auth), 404);
      expect((await api(h).get(`/api/orders/${ours.id}/`).set('Authorization', who.auth)).status).toBe(200);
    }
    expectProblem(
      await api(h)
        .patch(`/api/orders/${theirs.id}/status/`)
        .set('Authorization', officer.auth)
        .send({ status: 'confirmed' }),
      404,
    );
    expect(
      (
        await api(h)
          .patch(`/api/orders/${ours.id}/status/`)
          .set('Authorization', officer.auth)
          .send({ status: 'confirmed' })
      ).status,
    ).toBe(200);
    expectProblem(
      await api(h)
        .post('/api/orders/')
        .set('Authorization', officer.auth)
        .send({
          team: marketing,
          vendor_name: 'X',
          items: [{ description: 'Chair', quantity: '1', unit_price: '1.00' }],
          shipping_address: { street: 's', city: 'c', state: 'st', zip_code: 'z', country: 'USA' },
        }),
      403,
    );
    expect((await h.knex('purchaseOrders').where({ id: theirs.id }).first()).status).toBe('pending');

    const dashboard = await api(h).get('/api/dashboard/metrics/').set('Authorization', reviewer.auth);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.teams).toEqual([engineering]);
    expect(dashboard.body.webhooks).toBeNull();
    expect((await api(h).get('/api/dashboard/metrics/').set('Authorization', auth.frank!)).body.teams).toBeNull();
  });

  it('item 18: a requestor posting an incomplete order is refused 403 before the body is read', async () => {
    const before = await h.knex('purchaseOrders').count({ n: '*' }).first();
    const res = await api(h).post('/api/orders/').set('Authorization', auth.alice!).send({});
    expectProblem(res, 403);
    expect(res.body.errors).toBeUndefined();
    expect(await h.knex('purchaseOrders').count({ n: '*' }).first()).toEqual(before);
  });

  it('item 18: decisions on one’s own request and uploads to someone else’s are refused before the body', async () => {
    const id = await createDraft(h, auth.alice!, { amount: '500.00' });
    expect((await act(h, auth.alice!, id, 'submit')).status).toBe(200);
    for (const decision of ['reject', 'approve', 'complete']) {
      const res = await act(h, auth.alice!, id, decision, { comment: 'x' }); // too short for a rejection, yet 403
      expectProblem(res, 403);
      expect(res.body.errors).toBeUndefined();
    }
    const draft = await createDraft(h, auth.alice!);
    const upload = await api(h)
      .post(`/api/prs/requests/${draft}/attachments/`)
      .set('Authorization', auth.bob!)
      .attach('file', pdf(8192), 'too-big-and-not-yours.pdf');
    expectProblem(upload, 404); // bob cannot see alice's draft: judged before the 8 KB body (over the 4 KB limit)
    expect(await h.knex('attachments').where({ requestId: draft })).toEqual([]);
  });
});

describe('item 8: verify reaches the verdict every route reaches', () => {
  it('answers 401 for an access token revoked by a password change or a deactivation', async () => {
    const vera = await person('vera');
    const { access } = await login(h, 'vera', PASSWORD);
    expect((await api(h).post('/api/auth/token/verify/').send({ token: access })).status).toBe(200);
    expect(
      (
        await api(h)
          .post('/api/auth/change-password/')
          .set('Authorization', `Bearer ${access}`)
          .send({ old_password: PASSWORD, new_password: 'another-long-passphrase' })
      ).status,
    ).toBe(200);
    expectProblem(await api(h).post('/api/auth/token/verify/').send({ token: access }), 401);
    expectProblem(await api(h).get('/api/me/').set('Authorization', `Bearer ${access}`), 401);

    const { access: fresh } = await login(h, 'vera', 'another-long-passphrase');
    expect(
      (await api(h).patch(`/api/users/${vera.id}/`).set('Authorization', auth.admin!).send({ is_active: false }))
        .status,
    ).toBe(200);
    expectProblem(await api(h).post('/api/auth/token/verify/').send({ token: fresh }), 401);
  });
});

describe('item 11: open steps follow changes to people and scopes', () => {
  it('a deactivated pending approver no longer blocks the all-of step; nobody left escalates at once', async () => {
    const id = await createDraft(h, auth.alice!, { amount: '500.00' });
    expect((await act(h, auth.alice!, id, 'submit')).status).toBe(200);
    expect((await act(h, auth.bob!, id, 'approve')).status).toBe(200);
    const mallory = await userId(h, 'mallory');
    expect(
      (await api(h).patch(`/api/users/${mallory}/`).set('Authorization', auth.admin!).send({ is_active: false }))
        .status,
    ).toBe(200);
    expect(
      await until(
        async () =>
          (await detail(h, auth.alice!, id)).current_template_step?.step_name === 'Finance Review' || undefined,
      ),
    ).toBe(true);

    // Nobody eligible: the step escalates at once instead of waiting for ever.
    const other = await createDraft(h, auth.alice!, { amount: '500.00' });
    expect((await act(h, auth.alice!, other, 'submit')).status).toBe(200);
    const bob = await userId(h, 'bob');
    expect(
      (
        await api(h)
          .delete(
            `/api/users/${bob}/access-scopes/${(await h.knex('accessScopes').where({ userId: bob }).first('id')).id}/`,
          )
          .set('Authorization', auth.admin!)
      ).status,
    ).toBe(204);
    const escalated = await until(
      async () =>
        (await h.knex('outboxEvents').where({ aggregateId: other, type: 'purchase_request.escalated' }).first()) ??
        undefined,
    );
    expect(escalated.payload.data.reason).toBe('no_eligible_approver');
  });
});

describe('item 13: caller-supplied secrets have at least 24 bytes', () => {
  it('refuses padding-only and short inbound provider secrets, and a short stored key never verifies', async () => {
    for (const secret of ['whsec_====', 'whsec_', `whsec_${Buffer.alloc(16, 7).toString('base64')}`]) {
      const res = await api(h)
        .post('/api/integrations/providers/')
        .set('Authorization', auth.admin!)
        .send({ name: `short-${secret.length}`, secret });
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty('secret');
    }
    expect(await h.knex('integrationProviders').where('name', 'like', 'short-%')).toEqual([]);
    const ok = await api(h)
      .post('/api/integrations/providers/')
      .set('Authorization', auth.admin!)
      .send({ name: 'long-enough', secret: `whsec_${Buffer.alloc(24, 7).toString('base64')}` });
    expect(ok.status).toBe(201);
    // A provider stored before this check with a padding-only secret: its empty key verifies nothing.
    const now = Math.floor(Date.now() / 1000);
    const forged = signPayload('whsec_====', 'msg_1', now, '{}');
    expect(
      verifyStandardWebhook('whsec_====', { id: 'msg_1', timestamp: String(now), signature: forged }, '{}', now),
    ).toBe(false);
  });
});

describe('item 14: uploads up to the limit, with their UTF-8 names, without control characters', () => {
  it('accepts exactly MAX_UPLOAD_BYTES, refuses one byte more, keeps ü and strips bidi and C1 controls', async () => {
    const id = await createDraft(h, auth.alice!);
    const upload = (data: Buffer, filename: string) =>
      api(h)
        .post(`/api/prs/requests/${id}/attachments/`)
        .set('Authorization', auth.alice!)
        .attach('file', data, { filename, contentType: 'application/pdf' });
    const exact = await upload(pdf(4096), 'Angebot Müller.pdf');
    expect(exact.status).toBe(201);
    expect(exact.body.file_size).toBe(4096);
    expect(exact.body.filename).toBe('Angebot Müller.pdf');
    expectProblem(await upload(pdf(4097), 'big.pdf'), 413);
    const sneaky = await upload(pdf(), 'invoice\u202Efdp.exe\u0085.pdf');
    expect(sneaky.status).toBe(201);
    expect(sneaky.body.filename).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(await h.knex('attachments').where({ requestId: id })).toHaveLength(2);
  });
});

describe('item 25: events carry a per-resource sequence', () => {
  it('numbers a request’s events 1, 2, 3 … in commit order, in the stored row and the payload', async () => {
    const id = await createDraft(h, auth.alice!, { amount: '500.00' });
    expect((await act(h, auth.alice!, id, 'submit')).status).toBe(200);
    expect((await act(h, auth.alice!, id, 'withdraw', { comment: 'Not needed after all' })).status).toBe(200);
    const events = await until(async () => {
      const rows = await h.knex('outboxEvents').where({ aggregateId: id }).orderBy('sequence');
      return rows.some((row: { type: string }) => row.type === 'purchase_request.cancelled') ? rows : undefined;
    });
    expect(events.map((e: { sequence: number }) => e.sequence)).toEqual(
      events.map((_: unknown, index: number) => index + 1),
    );
    for (const event of events) {
      expect(event.payload).toMatchObject({ sequence: event.sequence, resource: { type: 'purchase_request', id } });
    }
    expect(events[0].type).toBe('purchase_request.submitted');
    expect(events.at(-1).type).toBe('purchase_request.cancelled');
  });
});
