// Issue 12, "the contract third-party tools read" and the HTTP-level findings of the outside review:
// what a client nobody here wrote relies on (labels, Allow, JSON shapes, dates, the OpenAPI document).
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, DEMO_PASSWORD, expectProblem, login } from '../support/http';
import { createDraft, teamId } from '../support/requests';

let h: Harness;
let adminAuth: string;
let aliceAuth: string;
beforeAll(async () => {
  h = await startHarness();
  adminAuth = await bearer(h, 'admin');
  aliceAuth = await bearer(h, 'alice');
});
afterAll(() => h.stop());

describe('item 2: metrics labels', () => {
  it('labels every request no route matched `unmatched`, whatever its path and method', async () => {
    await api(h).post('/api/zz-unknown-1/').set('Content-Type', 'application/json').send('{"broken');
    await api(h).trace('/api/zz-unknown-2/');
    await api(h).put('/api/roles/').send({});
    await api(h).get('/api/zz-unknown-3/').set('Authorization', adminAuth);
    const metrics = (await api(h).get('/metrics')).text;
    expect(metrics).not.toContain('zz-unknown');
    expect(metrics).toMatch(/http_requests_total\{method="OTHER",route="unmatched",status="501"\} \d+/);
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} \d+/);
    const routes = new Set([...metrics.matchAll(/route="([^"]*)"/g)].map((match) => match[1]));
    expect([...routes].every((route) => route === 'unmatched' || route?.startsWith('/'))).toBe(true);
  });
});

describe('item 5: keys named like Object.prototype members, and nesting', () => {
  it('answers 400 for prototype-named keys in a body instead of failing', async () => {
    for (const key of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
      const res = await api(h)
        .post('/api/auth/token/')
        .set('Content-Type', 'application/json')
        .send(`{"username":"alice","password":"x","${key}":1}`);
      expectProblem(res, 400);
      expect(res.body.errors).toEqual({ [key]: ['This field is not allowed.'] });
    }
    const before = await h.knex('users').where({ username: 'alice' }).first();
    const proto = await api(h)
      .patch('/api/me/')
      .set('Authorization', aliceAuth)
      .set('Content-Type', 'application/json')
      .send('{"__proto__":{"is_admin":true},"first_name":"Al"}');
    expectProblem(proto, 400);
    expect(proto.body.detail).toContain('"__proto__"');
    const ctor = await api(h)
      .patch('/api/me/')
      .set('Authorization', aliceAuth)
      .set('Content-Type', 'application/json')
      .send('{"constructor":{"prototype":{"is_admin":true}}}');
    expectProblem(ctor, 400);
    expect(ctor.body.errors).toEqual({ constructor: ['This field is not allowed.'] });
    expect(await h.knex('users').where({ username: 'alice' }).first()).toEqual(before);
    expect(({} as Record<string, unknown>).is_admin).toBeUndefined();
  });

  it('refuses a body nested deeper than 32 levels with a 400, idempotency key or not', async () => {
    const deep = '['.repeat(8000) + ']'.repeat(8000);
    const draft = await createDraft(h, aliceAuth);
    for (const res of [
      await api(h)
        .patch(`/api/prs/requests/${draft}/`)
        .set('Authorization', aliceAuth)
        .set('Content-Type', 'application/json')
        .send(`{"field_values":${deep}}`),
      await api(h)
        .post('/api/prs/requests/')
        .set('Authorization', aliceAuth)
        .set('Idempotency-Key', 'deep-1')
        .set('Content-Type', 'application/json')
        .send(`{"subject":${deep}}`),
    ]) {
      expectProblem(res, 400);
      expect(res.body.detail).toContain('nested');
    }
  });

  it('checks a required form field called `constructor` like any other', async () => {
    const marketing = await teamId(h, 'Marketing');
    const form = await api(h)
      .post('/api/prs/form-templates/')
      .set('Authorization', adminAuth)
      .send({
        name: 'Prototype form',
        team: marketing,
        fields: [{ field_id: 'constructor', name: 'Constructor', field_type: 'TEXT', required: true, order: 1 }],
      });
    expect(form.status).toBe(201);
    const draft = await createDraft(h, aliceAuth, { field_values: {} });
    const submit = await api(h).post(`/api/prs/requests/${draft}/submit/`).set('Authorization', aliceAuth).send({});
    expectProblem(submit, 400);
    expect(submit.body.errors).toEqual({ 'field_values.constructor': ['This field is required.'] });
    expect((await h.knex('purchaseRequests').where({ id: draft }).first()).status).toBe('DRAFT');
  });
});

describe('item 20: ISO calendar dates only', () => {
  it.each(['2026-02-31', '2026-02-30', '1', 'March 7', '2026-1-05', '2026-01-05T00:00:00'])(
    'refuses created_from=%s',
    async (value) => {
      const res = await api(h).get('/api/prs/requests/').query({ created_from: value }).set('Authorization', adminAuth);
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty('created_from');
    },
  );

  it('accepts real dates on every date filter', async () => {
    expect(
      (
        await api(h)
          .get('/api/prs/requests/?created_from=2024-02-29&created_to=2026-12-31')
          .set('Authorization', adminAuth)
      ).status,
    ).toBe(200);
    expect(
      (await api(h).get('/api/orders/?date_from=2026-01-01&date_to=2026-01-31').set('Authorization', adminAuth)).status,
    ).toBe(200);
    expect((await api(h).get('/api/audit/logs/?date_from=2026-01-01').set('Authorization', adminAuth)).status).toBe(
      200,
    );
    expectProblem(await api(h).get('/api/orders/?date_to=2026-04-31').set('Authorization', adminAuth), 400);
    expectProblem(await api(h).get('/api/audit/logs/?date_from=March%207').set('Authorization', adminAuth), 400);
  });
});

describe('item 21: 405 names the allowed methods', () => {
  it('answers 405 with Allow on a known path and 501 for a method nobody implements', async () => {
    const res = await api(h).put('/api/roles/').set('Authorization', adminAuth).send({});
    expectProblem(res, 405);
    expect(res.headers.allow?.split(/,\s*/).sort()).toEqual(['GET', 'HEAD', 'POST']);
    const request = await api(h).delete('/api/prs/requests/').set('Authorization', adminAuth);
    expectProblem(request, 405);
    expect(request.headers.allow).toContain('POST');
    expectProblem(await api(h).trace('/api/roles/'), 501);
  });
});

describe('item 24: valid JSON of the wrong shape', () => {
  it.each(['42', 'null', '"text"', '[1,2]'])('answers %s with the schema’s 400, not "not valid JSON"', async (body) => {
    const res = await api(h).post('/api/auth/token/').set('Content-Type', 'application/json').send(body);
    expectProblem(res, 400);
    expect(res.body.detail).not.toContain('not valid JSON');
    expect(res.body.errors).toBeDefined();
  });

  it('still calls broken JSON broken', async () => {
    const res = await api(h).post('/api/auth/token/').set('Content-Type', 'application/json').send('{"username":');
    expectProblem(res, 400);
    expect(res.body.detail).toContain('not valid JSON');
  });
});

describe('item 22: the OpenAPI document states the rules the server enforces', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document walked by path in assertions
  let doc: Record<string, any>;
  beforeAll(async () => {
    doc = (await api(h).get('/api/schema/')).body;
  });
  const schemaOf = (path: string, method: string) =>
    doc.paths[path][method].requestBody.content['application/json'].schema;

  it('patterns, formats, money as a decimal string, enums and booleans', () => {
    expect(schemaOf('/api/roles/', 'post').properties.code.pattern).toBeDefined();
    expect(schemaOf('/api/users/', 'post').properties.email.format).toBe('email');
    const amount = schemaOf('/api/prs/requests/', 'post').properties.amount;
    expect(amount.type).toBe('string');
    expect(new RegExp(amount.pattern).test('5000.00')).toBe(true);
    expect(new RegExp(amount.pattern).test('5000.001')).toBe(false);
    expect(doc.paths['/api/prs/requests/{id}/'].get.responses[200].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/PurchaseRequest',
    );
    expect(doc.components.schemas.PurchaseRequestSummary.properties.status.properties.code.enum).toEqual(
      expect.arrayContaining(['DRAFT', 'PENDING_APPROVAL', 'COMPLETED']),
    );
    expect(schemaOf('/api/orders/{id}/status/', 'patch').properties.status.enum).toEqual([
      'pending',
      'confirmed',
      'processing',
      'shipped',
      'delivered',
      'cancelled',
    ]);
    const allVersions = doc.paths['/api/prs/form-templates/'].get.parameters.find(
      (p: { name: string }) => p.name === 'all_versions',
    );
    expect(allVersions.schema.type).toBe('boolean');
  });

  it('an optional approve body, the shipping 404, tags, license, contact', () => {
    expect(doc.paths['/api/prs/requests/{id}/approve/'].post.requestBody.required).toBe(false);
    expect(doc.paths['/api/prs/requests/{id}/submit/'].post.requestBody.required).toBe(false);
    expect(doc.paths['/api/prs/requests/'].post.requestBody.required).toBe(true);
    expect(doc.paths['/api/shipping/'].post.responses).toHaveProperty('404');
    const tags = new Set(doc.tags.map((tag: { name: string }) => tag.name));
    for (const item of Object.values(doc.paths) as Array<Record<string, { tags: string[] }>>) {
      for (const operation of Object.values(item)) for (const tag of operation.tags) expect(tags).toContain(tag);
    }
    expect(doc.info.license.name).toBe('MIT');
    expect(doc.info.contact).toBeDefined();
  });

  it('describes the payload of every event in `webhooks`, matching the catalogue', async () => {
    const catalogue = (await api(h).get('/api/webhooks/event-types/').set('Authorization', adminAuth)).body as Array<{
      type: string;
      example: Record<string, unknown>;
    }>;
    expect(Object.keys(doc.webhooks).sort()).toEqual(catalogue.map((entry) => entry.type).sort());
    for (const entry of catalogue) {
      const body = doc.webhooks[entry.type].post.requestBody.content['application/json'];
      expect(body.schema.properties.type.const ?? body.schema.properties.type.enum?.[0]).toBe(entry.type);
      expect(body.schema.required).toEqual(
        expect.arrayContaining(['id', 'type', 'timestamp', 'sequence', 'resource', 'data']),
      );
      expect(body.example).toEqual(entry.example);
    }
  });
});

describe('item 23: examples "Try it out" sends are harmless', () => {
  it('the change-password example is not the live password, and the template examples replace nothing', async () => {
    const doc = (await api(h).get('/api/schema/')).body;
    const example = (path: string, method: string) =>
      doc.paths[path][method].requestBody.content['application/json'].example;
    const templatesBefore = await h.knex('formTemplates').orderBy('id');
    const chainsBefore = await h.knex('workflowTemplates').orderBy('id');
    const adminBefore = await h.knex('users').where({ username: 'admin' }).first('passwordHash');

    expectProblem(
      await api(h)
        .post('/api/auth/change-password/')
        .set('Authorization', adminAuth)
        .send(example('/api/auth/change-password/', 'post')),
      400,
    );
    for (const path of ['/api/prs/form-templates/', '/api/prs/workflows/']) {
      const res = await api(h).post(path).set('Authorization', adminAuth).send(example(path, 'post'));
      expectProblem(res, 400);
      expect(res.body.errors).toHaveProperty('team');
    }
    const current = (await h.knex('formTemplates').orderBy('id'))[0];
    for (const path of ['/api/prs/form-templates/{id}/']) {
      expectProblem(
        await api(h).put(path.replace('{id}', current.id)).set('Authorization', adminAuth).send(example(path, 'put')),
        400,
      );
    }
    expect(await h.knex('formTemplates').orderBy('id')).toEqual(templatesBefore);
    expect(await h.knex('workflowTemplates').orderBy('id')).toEqual(chainsBefore);
    expect(await h.knex('users').where({ username: 'admin' }).first('passwordHash')).toEqual(adminBefore);
    expect((await login(h, 'admin', DEMO_PASSWORD)).access).toBeDefined();
  });
});
