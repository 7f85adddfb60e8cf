import type { Knex } from 'knex';
import { createApp } from '../../api/app';
import { purchaseRequestWorkflowId } from '../../contracts/purchase-requests';
import { purchaseOrderWorkflowId } from '../../contracts/purchase-orders';
import { TENANT_ID } from '../../contracts/search-attributes';
import { ensureSearchAttributes } from '../../worker/search-attributes';
import { tenantKnex } from '../../db/tenant-scope';
import { secondDemoTenant, SECOND_TENANT_USERNAME_PREFIX } from '../../db/seeds/demo-data';
import { signPayload } from '../../lib/webhooks/signature';
import { tenantIdOf } from '../kit/demo-tenant';
import { snapshot, stateTables } from '../kit/snapshot';
import { completedRequest } from '../kit/scenarios';
import { until } from '../kit/until';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, client } from '../support/http';
import { ship, setStatus } from '../support/orders';
import { reply, startReceiver } from '../support/receivers';
import { call, pdf } from './support';

/**
 * Issue 15 (tenancy.md §4.5, 1–2 and 8): two tenants hold the same data (the same team names, people,
 * templates, a completed request with its order and shipment, a draft with an attachment, a webhook
 * endpoint with deliveries, an integration provider of the same name, an API token). Driven by the
 * OpenAPI document, every operation with an id in its path is called by tenant A with tenant B's ids:
 * each answers 404, and B's rows are unchanged. Every list A reads names none of B's ids. A route
 * added later with a path parameter this sweep cannot fill fails the test until it is taught.
 */
type Tenant = {
  key: 'a' | 'b';
  id: string;
  db: Knex;
  prefix: string;
  tokens: Record<string, string>;
  ids: Record<string, string>;
  providerSecret?: string;
  receiver: Awaited<ReturnType<typeof startReceiver>>;
};

let h: Harness;
const tenants = {} as Record<'a' | 'b', Tenant>;
const people = ['admin', 'alice', 'bob', 'mallory', 'carol', 'erin', 'frank', 'paula'];

beforeAll(async () => {
  h = await startHarness({
    worker: true,
    env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_ALLOW_HTTP: 'true', OUTBOX_POLL_SECONDS: '1' },
  });
  const northwind = await tenantIdOf(h.pool, secondDemoTenant.slug);
  // A is Northwind: its administrator runs only their own tenant (the demo's admin also runs the
  // platform, and sees every tenant at /api/tenants/ by design; tests/api/tenants.test.ts).
  for (const [key, id, prefix] of [
    ['a', northwind, SECOND_TENANT_USERNAME_PREFIX],
    ['b', h.tenantId, ''],
  ] as const) {
    const tokens: Record<string, string> = {};
    for (const person of people) tokens[person] = (await bearer(h, `${prefix}${person}`)).replace(/^Bearer /, '');
    tenants[key] = {
      key,
      id,
      db: tenantKnex(h.pool, id),
      prefix,
      tokens,
      ids: { tenant: id },
      receiver: await startReceiver(reply(200)),
    };
    await buildTenantData(tenants[key]);
  }
}, 240_000);
afterAll(async () => {
  await Promise.all(Object.values(tenants).map((tenant) => tenant.receiver.close()));
  await h?.stop();
});

const auth = (tenant: Tenant, person = 'admin') => `Bearer ${tenant.tokens[person]}`;

/** The same data in each tenant, made through the API by that tenant's people. */
async function buildTenantData(t: Tenant): Promise<void> {
  const as = (person: string) => auth(t, person);
  const expectOk = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`${t.key}: ${what} answered ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const endpoint = expectOk(
    await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', as('admin'))
      .send({ url: t.receiver.url, event_types: ['*'], description: 'sweep' }),
    'endpoint',
  );
  t.ids.endpoint = endpoint.id as string;
  const marketing = (await t.db('teams').where({ name: 'Marketing' }).first('id')) as { id: string };
  t.ids.team = marketing.id;
  // Approvers as the workflow names them (with the tenant's prefix) sign in with the same people.
  const tokens: Record<string, string> = { alice: t.tokens.alice!, frank: t.tokens.frank! };
  for (const person of people) tokens[`${t.prefix}${person}`] = t.tokens[person]!;
  const { id: completed, completed: done } = await completedRequest(client(h), tokens, {
    team: marketing.id,
    subject: 'Trade fair booth',
    vendor: 'Expo Builders',
    amount: '1500.00',
  });
  t.ids.request = completed;
  t.ids.order = (done.purchase_order as { id: string }).id;
  expectOk(await setStatus(h, as('paula'), t.ids.order, 'confirmed'), 'confirm');
  expectOk(await setStatus(h, as('paula'), t.ids.order, 'processing'), 'processing');
  t.ids.shipment = expectOk(await ship(h, as('paula'), t.ids.order), 'ship').id as string;
  const draft = expectOk(
    await api(h)
      .post('/api/prs/requests/')
      .set('Authorization', as('alice'))
      .send({ team: marketing.id, subject: 'Draft', vendor_name: 'V', amount: '10.00', purchase_type: 'GOODS' }),
    'draft',
  );
  t.ids.draft = draft.id as string;
  const attachment = expectOk(
    await api(h)
      .post(`/api/prs/requests/${t.ids.draft}/attachments/`)
      .set('Authorization', as('alice'))
      .attach('file', pdf, { filename: 'quote.pdf', contentType: 'application/pdf' }),
    'upload',
  );
  t.ids.attachment = attachment.id as string;
  const provider = expectOk(
    await api(h).post('/api/integrations/providers/').set('Authorization', as('admin')).send({ name: 'carrier' }),
    'provider',
  );
  t.ids.provider = provider.id as string;
  t.providerSecret = provider.secret as string;
  t.ids.token = expectOk(
    await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', as('admin'))
      .send({ name: 'sweep', scopes: ['requests:read', 'requests:write', 'orders:read', 'orders:write', 'admin'] }),
    'token',
  ).id as string;
  const user = (await t
    .db('users')
    .where({ username: `${t.prefix}carol` })
    .first('id')) as { id: string };
  t.ids.user = user.id;
  t.ids.scope = ((await t.db('accessScopes').where({ userId: user.id }).first('id')) as { id: string }).id;
  t.ids.formTemplate = ((await t.db('formTemplates').first('id')) as { id: string }).id;
  // The demo catalogue is the same in both tenants: same SKUs, vendor names, warehouse codes.
  t.ids.product = ((await t.db('products').where({ sku: 'LAP001' }).first('id')) as { id: string }).id;
  t.ids.category = ((await t.db('productCategories').where({ name: 'Electronics' }).first('id')) as { id: string }).id;
  t.ids.vendor = ((await t.db('vendors').where({ name: 'Acme Supplies' }).first('id')) as { id: string }).id;
  t.ids.warehouse = ((await t.db('warehouses').where({ code: 'MAIN' }).first('id')) as { id: string }).id;
  t.ids.eastWarehouse = ((await t.db('warehouses').where({ code: 'EAST' }).first('id')) as { id: string }).id;
  t.ids.alert = ((await t.db('lowStockAlerts').first('id')) as { id: string }).id;
  t.ids.sale = expectOk(
    await api(h)
      .post('/api/sales/')
      .set('Authorization', auth(t, 'paula'))
      .send({
        customer_name: 'Initech',
        warehouse_id: t.ids.warehouse,
        lines: [{ product_id: t.ids.product, quantity: 1 }],
      }),
    'sale',
  ).id as string;
  t.ids.stockLevel = (
    (await t.db('stockLevels').where({ productId: t.ids.product, warehouseId: t.ids.warehouse }).first('id')) as {
      id: string;
    }
  ).id;
  t.ids.workflowTemplate = ((await t.db('workflowTemplates').first('id')) as { id: string }).id;
  await until(async () => Number((await t.db('webhookDeliveries').count({ n: '*' }).first())?.n) > 0, {
    timeoutMs: 30_000,
    what: `${t.key}: a webhook delivery`,
  });
  t.ids.delivery = ((await t.db('webhookDeliveries').first('id')) as { id: string }).id;
}

/** B's id for a path parameter of a documented route, by the collection the path names. */
function idFor(path: string, parameter: string, of: Tenant): string {
  if (parameter === 'scope_id') return of.ids.scope!;
  if (parameter === 'product_id') return of.ids.product!;
  const byCollection: Array<[RegExp, string]> = [
    [/^\/api\/users\/\{id\}/, 'user'],
    [/^\/api\/prs\/teams\/\{id\}/, 'team'],
    [/^\/api\/prs\/form-templates\/\{id\}/, 'formTemplate'],
    [/^\/api\/prs\/workflows\/\{id\}/, 'workflowTemplate'],
    [/^\/api\/prs\/requests\/\{id\}\/(attachments|submit|withdraw)\//, 'draft'],
    [/^\/api\/prs\/requests\/\{id\}/, 'request'],
    [/^\/api\/prs\/attachments\/\{id\}/, 'attachment'],
    [/^\/api\/orders\/\{id\}/, 'order'],
    [/^\/api\/shipping\/\{id\}/, 'shipment'],
    [/^\/api\/webhooks\/endpoints\/\{id\}/, 'endpoint'],
    [/^\/api\/webhooks\/deliveries\/\{id\}/, 'delivery'],
    [/^\/api\/integrations\/providers\/\{id\}/, 'provider'],
    [/^\/api\/auth\/api-tokens\/\{id\}/, 'token'],
    [/^\/api\/tenants\/\{id\}/, 'tenant'],
    [/^\/api\/products\/categories\/\{id\}/, 'category'],
    [/^\/api\/products\/\{id\}/, 'product'],
    [/^\/api\/vendors\/\{id\}/, 'vendor'],
    [/^\/api\/warehouses\/\{id\}/, 'warehouse'],
    [/^\/api\/inventory\/items\/\{id\}/, 'stockLevel'],
    [/^\/api\/inventory\/alerts\/\{id\}/, 'alert'],
    [/^\/api\/sales\/\{id\}/, 'sale'],
  ];
  const match = byCollection.find(([pattern]) => pattern.test(path));
  if (!match || parameter !== 'id')
    throw new Error(`the sweep does not know which id to put in ${path} {${parameter}}`);
  const id = of.ids[match[1]];
  if (!id) throw new Error(`no ${match[1]} id for ${of.key}`);
  return id;
}

/** Routes with a path parameter that names no tenant's row. */
const notTenantData = new Set(['/api/docs/assets/{file}', '/api/integrations/webhooks/{provider}/']);

type Operation = { requestBody?: { content: Record<string, { example?: unknown }> } };
function documented(): Array<{ method: string; path: string; operation: Operation }> {
  const { openApi } = createApp(h.deps);
  return Object.entries((openApi as { paths: Record<string, Record<string, Operation>> }).paths).flatMap(
    ([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ method, path, operation })),
  );
}

const bStateTables = [...stateTables, 'teams', 'users', 'accessScopes', 'webhookEndpoints', 'integrationProviders'];

describe('tenant A with tenant B’s ids', () => {
  it('answers 404 on every operation with an id in its path, for A’s admin and A’s API token, changing nothing of B', async () => {
    const [a, b] = [tenants.a, tenants.b];
    const aToken = (
      await api(h)
        .post('/api/auth/api-tokens/')
        .set('Authorization', auth(a))
        .send({
          name: 'sweeper',
          scopes: [
            'requests:read',
            'requests:write',
            'orders:read',
            'orders:write',
            'catalogue:read',
            'catalogue:write',
            'inventory:read',
            'inventory:write',
            'admin',
          ],
        })
    ).body.token as string;
    const before = await snapshot(b.db, bStateTables);
    const answers: string[] = [];
    let swept = 0;
    for (const { method, path, operation } of documented()) {
      const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (parameters.length === 0 || notTenantData.has(path)) continue;
      let url = path;
      for (const parameter of parameters) url = url.replace(`{${parameter}}`, idFor(path, parameter, b));
      for (const authorization of [auth(a), `Bearer ${aToken}`]) {
        let req = call(api(h), method, url).set('Authorization', authorization);
        const content = operation.requestBody?.content ?? {};
        if (content['multipart/form-data'])
          req = req.attach('file', pdf, { filename: 'q.pdf', contentType: 'application/pdf' });
        else if (content['application/json']) req = req.send((content['application/json'].example ?? {}) as object);
        const res = await req;
        swept += 1;
        // 404 as for an id that does not exist; a token lacking a route's scope is refused earlier (403).
        const allowed = authorization === auth(a) ? [404] : [403, 404];
        if (!allowed.includes(res.status)) answers.push(`${method.toUpperCase()} ${path} → ${res.status}`);
      }
    }
    expect(answers).toEqual([]);
    expect(swept).toBeGreaterThan(60);
    expect(await snapshot(b.db, bStateTables)).toEqual(before);
  });

  it('never shows B’s rows in any list, inbox, filter, dashboard or audit A reads', async () => {
    const [a, b] = [tenants.a, tenants.b];
    const bIds = [b.id, ...Object.values(b.ids).filter(Boolean)];
    const aUsers = new Set(((await a.db('users').select('id')) as Array<{ id: string }>).map((user) => user.id));
    const leaks: string[] = [];
    let lists = 0;
    for (const { method, path } of documented()) {
      if (method !== 'get' || path.includes('{') || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      if (['/api/schema/', '/api/redoc/'].includes(path)) continue;
      for (const person of ['admin', 'paula', 'frank', 'alice']) {
        const res = await api(h).get(path).set('Authorization', auth(a, person));
        lists += 1;
        // A's audit log records A's own calls, including the refused ones of the sweep above with B's
        // ids in their paths: those name an id A sent, not a row of B.
        const body =
          path === '/api/audit/logs/' && Array.isArray(res.body.results)
            ? res.body.results.filter((row: { actor: { user_id: string } }) => !aUsers.has(row.actor.user_id))
            : res.body;
        const text = JSON.stringify(body);
        for (const id of bIds) if (text.includes(id)) leaks.push(`${path} as ${person} shows B's ${id}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(lists).toBeGreaterThan(60);
    // A's own data is there: the lists looked at something.
    const orders = await api(h).get('/api/orders/').set('Authorization', auth(a, 'paula'));
    expect(orders.body.results.map((o: { id: string }) => o.id)).toContain(a.ids.order);
  });

  it('refuses writes in A that reference B’s objects in their body, changing nothing', async () => {
    const [a, b] = [tenants.a, tenants.b];
    const aTables = [
      'purchaseRequests',
      'accessScopes',
      'purchaseOrders',
      'shipments',
      'products',
      'productCategories',
      'stockLevels',
      'stockMovements',
      'stockTransfers',
      'lowStockAlerts',
      'sales',
      'saleLines',
    ];
    const beforeA = await snapshot(a.db, [...aTables, 'vendorProducts']);
    const beforeB = await snapshot(b.db, bStateTables);
    const attempts: Array<[string, string, string, object]> = [
      [
        'post',
        '/api/prs/requests/',
        'alice',
        { team: b.ids.team, subject: 'x', vendor_name: 'v', amount: '1.00', purchase_type: 'GOODS' },
      ],
      [
        'post',
        `/api/users/${
          (
            await a
              .db('users')
              .where({ username: `${a.prefix}carol` })
              .first('id')
          ).id
        }/access-scopes/`,
        'admin',
        { team: b.ids.team, role: 'MANAGER' },
      ],
      [
        'post',
        '/api/orders/',
        'paula',
        { team: b.ids.team, vendor_name: 'v', items: [{ description: 'x', quantity: 1, unit_price: '1.00' }] },
      ],
      [
        'post',
        '/api/shipping/',
        'paula',
        { order_id: b.ids.order, carrier: 'UPS', tracking_number: '1Z', shipping_cost: '1.00' },
      ],
      ['post', '/api/products/', 'paula', { sku: 'X-B', name: 'x', price: '1', preferred_vendor: b.ids.vendor }],
      ['post', '/api/products/', 'paula', { sku: 'X-B', name: 'x', price: '1', category: b.ids.category }],
      ['patch', `/api/products/${a.ids.product}/`, 'paula', { preferred_vendor: b.ids.vendor }],
      ['post', '/api/products/categories/', 'paula', { name: 'x', parent: b.ids.category }],
      ['post', `/api/vendors/${a.ids.vendor}/products/`, 'paula', { product: b.ids.product, price: '1' }],
      ['post', '/api/inventory/items/', 'paula', { product_id: b.ids.product, warehouse_id: a.ids.eastWarehouse }],
      ['post', '/api/inventory/items/', 'paula', { product_id: a.ids.product, warehouse_id: b.ids.eastWarehouse }],
      [
        'post',
        '/api/inventory/transfer/',
        'paula',
        {
          product_id: a.ids.product,
          from_warehouse_id: a.ids.warehouse,
          to_warehouse_id: b.ids.eastWarehouse,
          quantity: 1,
          reason: 'x',
        },
      ],
      [
        'post',
        '/api/inventory/transfer/',
        'paula',
        {
          product_id: b.ids.product,
          from_warehouse_id: a.ids.warehouse,
          to_warehouse_id: a.ids.eastWarehouse,
          quantity: 1,
          reason: 'x',
        },
      ],
      [
        'post',
        '/api/sales/',
        'paula',
        { customer_name: 'x', warehouse_id: a.ids.warehouse, lines: [{ product_id: b.ids.product, quantity: 1 }] },
      ],
      [
        'post',
        '/api/sales/',
        'paula',
        { customer_name: 'x', warehouse_id: b.ids.warehouse, lines: [{ product_id: a.ids.product, quantity: 1 }] },
      ],
      [
        'post',
        '/api/inventory/bulk-update/',
        'paula',
        { updates: [{ id: b.ids.stockLevel, data: { quantity: 1 } }], reason: 'x' },
      ],
    ];
    for (const [method, url, person, body] of attempts) {
      const res = await call(api(h), method, url).set('Authorization', auth(a, person)).send(body);
      expect({ url, refused: [400, 404].includes(res.status) }).toEqual({ url, refused: true });
    }
    expect(await snapshot(a.db, [...aTables, 'vendorProducts'])).toEqual(beforeA);
    expect(await snapshot(b.db, bStateTables)).toEqual(beforeB);
  });
});

describe('webhooks and integrations per tenant', () => {
  it('sends each tenant’s endpoint only that tenant’s events', async () => {
    for (const t of Object.values(tenants)) {
      const other = t.key === 'a' ? tenants.b : tenants.a;
      await until(async () => t.receiver.calls.length > 0, { timeoutMs: 30_000, what: `${t.key}: an event` });
      const bodies = t.receiver.calls.map((c) => c.body).join('\n');
      expect(bodies).toContain(t.ids.request);
      for (const id of [other.ids.request, other.ids.order, other.ids.draft]) expect(bodies).not.toContain(id);
    }
  });

  it('applies a signed inbound event in the tenant whose provider secret signed it, though both have "carrier"', async () => {
    const [a, b] = [tenants.a, tenants.b];
    const inbound = (id: string, event: object) => {
      const body = JSON.stringify(event);
      const timestamp = Math.floor(Date.now() / 1000);
      return api(h)
        .post('/api/integrations/webhooks/carrier/')
        .set('Content-Type', 'application/json')
        .set('webhook-id', id)
        .set('webhook-timestamp', String(timestamp))
        .set('webhook-signature', signPayload(b.providerSecret!, id, timestamp, body))
        .send(body);
    };
    const statusOf = async (t: Tenant) =>
      ((await t.db('purchaseOrders').where({ id: t.ids.order }).first('status')) as { status: string }).status;
    const aBefore = await statusOf(a);
    // Signed by B about A's order: the event is B's, and A's order is not B's to find.
    expect((await inbound('msg_sweep_a', { type: 'shipment.delivered', data: { order_id: a.ids.order } })).status).toBe(
      404,
    );
    expect(await statusOf(a)).toBe(aBefore);
    // Signed by B about B's order: applied in B.
    const res = await inbound('msg_sweep_b', { type: 'shipment.delivered', data: { order_id: b.ids.order } });
    expect(res.status).toBe(200);
    expect(await statusOf(b)).toBe('delivered');
    expect(await statusOf(a)).toBe(aBefore);
    expect(await a.db('inboundEvents').whereIn('eventId', ['msg_sweep_a', 'msg_sweep_b'])).toEqual([]);
  });
});

describe('Temporal', () => {
  it('tags every execution a tenant’s action starts with its TenantId, and a search by tenant finds only its own', async () => {
    const { client } = h.deps.temporal;
    for (const t of Object.values(tenants)) {
      for (const workflowId of [purchaseRequestWorkflowId(t.ids.request!), purchaseOrderWorkflowId(t.ids.order!)]) {
        const described = await client.workflow.getHandle(workflowId).describe();
        expect({ workflowId, tenant: described.typedSearchAttributes.get(TENANT_ID) }).toEqual({
          workflowId,
          tenant: t.id,
        });
      }
      const other = t.key === 'a' ? tenants.b : tenants.a;
      const found = await until(
        async () => {
          const ids: string[] = [];
          for await (const execution of client.workflow.list({ query: `TenantId = '${t.id}'` }))
            ids.push(execution.workflowId);
          const complete = ids.some((id) => id.includes(t.ids.request!)) && ids.some((id) => id.startsWith('webhook-'));
          return complete ? ids : undefined;
        },
        { timeoutMs: 20_000, what: `${t.key}: its executions in visibility` },
      );
      for (const id of [other.ids.request!, other.ids.order!, other.ids.endpoint!]) {
        expect(found.filter((workflowId) => workflowId.includes(id))).toEqual([]);
      }
    }
    // Registering the attribute again (what a worker does at start) is harmless.
    await expect(
      ensureSearchAttributes(client.connection as never, h.config.temporal.namespace),
    ).resolves.toBeUndefined();
  });
});
