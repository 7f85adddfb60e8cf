import { snapshot } from '../kit/snapshot';
import { tenantIdOf } from '../kit/demo-tenant';
import { tenantKnex } from '../../db/tenant-scope';
import { secondDemoTenant } from '../../db/seeds/demo-data';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { apiToken } from '../support/tokens';

/**
 * Issue 16, the catalogue (inventory.md §1.2 and §1.4, seeds 001 and 003, decision 0039): products,
 * categories, vendors with their offers and warehouses, per tenant. Everyone signed in reads them;
 * procurement officers and administrators change them; refusals change nothing.
 */
let h: Harness;
const auth: Record<string, string> = {};
const catalogueTables = ['products', 'productCategories', 'vendors', 'vendorProducts', 'warehouses'];

beforeAll(async () => {
  h = await startHarness();
  for (const person of ['admin', 'alice', 'paula', 'nw-paula']) auth[person] = await bearer(h, person);
});
afterAll(() => h.stop());

const get = (path: string, who = 'alice') => api(h).get(path).set('Authorization', auth[who]!);
const send = (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: object, who = 'paula') => {
  const req = api(h)[method](path).set('Authorization', auth[who]!);
  return body === undefined ? req : req.send(body);
};
const skus = (res: { body: { results: Array<{ sku: string }> } }) => res.body.results.map((product) => product.sku);
const idOf = async (table: string, where: Record<string, unknown>) =>
  ((await h.knex(table).where(where).first('id')) as { id: string }).id;

describe('products', () => {
  it('lists the demo catalogue for everyone signed in, with the seeds’ filters and ordering', async () => {
    const all = await get('/api/products/');
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(5);
    expect(all.body.results.find((p: { sku: string }) => p.sku === 'LAP001')).toMatchObject({
      name: 'Laptop',
      category: 'Electronics',
      unit: 'each',
      price: '999.99',
      currency: 'USD',
      preferred_vendor: { name: 'Acme Supplies' },
      is_stock_item: true,
      is_active: true,
      version: 1,
    });
    const globex = await idOf('vendors', { name: 'Globex Office' });
    const electronics = await idOf('productCategories', { name: 'Electronics' });
    for (const [query, expected] of [
      ['search=lap', ['LAP001']],
      ['search=0', ['PAP001', 'SRV001', 'LAP001', 'MON001', 'CHR001']], // every SKU has a 0; by name
      ['sku=lap001', ['LAP001']],
      ['category=electronics', ['SRV001', 'LAP001', 'MON001']],
      [`category=${electronics}`, ['SRV001', 'LAP001', 'MON001']],
      [`vendor=${globex}`, ['PAP001', 'CHR001']],
      ['min_price=100&max_price=300', ['MON001', 'CHR001']],
      ['is_stock_item=false', ['SRV001']],
      ['ordering=-price', ['LAP001', 'MON001', 'CHR001', 'SRV001', 'PAP001']],
      ['ordering=sku&page_size=2&page=2', ['MON001', 'PAP001']],
    ] as const) {
      const res = await get(`/api/products/?${query}`);
      expect({ query, skus: skus(res) }).toEqual({ query, skus: [...expected] });
      if (!query.includes('page=')) expect({ query, count: res.body.count }).toEqual({ query, count: expected.length });
    }
    // Past the last page the total is counted on its own: the filters must stand without the joins.
    const beyond = await get('/api/products/?category=electronics&page=9');
    expect(beyond.status).toBe(200);
    expect(beyond.body).toMatchObject({ count: 3, results: [] });
    expectProblem(await get('/api/products/?ordering=colour'), 400);
    expectProblem(await get('/api/products/?min_price=-1'), 400);
  });

  it('lets procurement create, change and deactivate products; SKUs are unique per tenant whatever their case', async () => {
    const created = await send('post', '/api/products/', {
      sku: 'DSK001',
      name: 'Standing desk',
      price: 450,
      unit: 'each',
      category: await idOf('productCategories', { name: 'Furniture' }),
      preferred_vendor: await idOf('vendors', { name: 'Globex Office' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'DSK001', price: '450.00', category: 'Furniture', currency: 'USD' });

    const duplicate = await send('post', '/api/products/', { sku: 'dsk001', name: 'Another desk', price: '1' });
    expectProblem(duplicate, 400);
    expect(duplicate.body.errors.sku).toEqual(['A product with this SKU exists.']);
    // Northwind may use the same SKU: keys are per tenant.
    expect((await send('post', '/api/products/', { sku: 'DSK001', name: 'Desk', price: '1' }, 'nw-paula')).status).toBe(
      201,
    );

    const changed = await send('patch', `/api/products/${created.body.id}/`, { price: '425.50' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ price: '425.50', version: 2 });
    expect((await send('delete', `/api/products/${created.body.id}/`)).status).toBe(204);
    const gone = await get(`/api/products/${created.body.id}/`);
    expect(gone.body).toMatchObject({ is_active: false, version: 3 });
    expect(skus(await get('/api/products/?is_active=true&page_size=100'))).not.toContain('DSK001');
  });

  it('answers seed 003’s product paths too', async () => {
    const created = await send('post', '/api/v1/products/create/', { sku: 'PEN001', name: 'Pen', price: '1.20' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await get(`/api/v1/products/${id}/`)).body.sku).toBe('PEN001');
    const replaced = await send('put', `/api/v1/products/${id}/update/`, { sku: 'PEN002', name: 'Blue pen', price: 2 });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      sku: 'PEN002',
      name: 'Blue pen',
      price: '2.00',
      description: '',
      version: 2,
    });
    expect((await send('delete', `/api/v1/products/${id}/delete/`)).status).toBe(204);
    expect((await get(`/api/products/${id}/`)).body.is_active).toBe(false);
  });

  it('refuses a requestor’s changes and bad input with a 4xx, and changes nothing', async () => {
    const before = await snapshot(h.knex, catalogueTables);
    const laptop = await idOf('products', { sku: 'LAP001' });
    const inactiveVendor = (await send('post', '/api/vendors/', { name: 'Closed Vendor Ltd' })).body.id as string;
    await send('delete', `/api/vendors/${inactiveVendor}/`);
    const afterSetUp = await snapshot(h.knex, catalogueTables);
    expect(afterSetUp).not.toEqual(before);

    expectProblem(await send('post', '/api/products/', { sku: 'X1', name: 'X', price: '1' }, 'alice'), 403);
    expectProblem(await send('patch', `/api/products/${laptop}/`, { price: '1' }, 'alice'), 403);
    expectProblem(await send('post', '/api/warehouses/', { name: 'Shed' }, 'alice'), 403);
    for (const body of [
      {},
      { sku: 'X 1', name: 'X', price: '1' },
      { sku: 'X1', name: '', price: '1' },
      { sku: 'X1', name: 'X', price: '-1' },
      { sku: 'X1', name: 'X', price: '1.999' },
      { sku: 'X1', name: 'X', price: '1', currency: 'ZZZ' },
      { sku: 'X1', name: 'X', price: '1', category: '00000000-0000-4000-8000-000000000000' },
      { sku: 'X1', name: 'X', price: '1', preferred_vendor: inactiveVendor },
      { sku: 'X1', name: 'X', price: '1', colour: 'red' },
    ]) {
      expectProblem(await send('post', '/api/products/', body), 400);
    }
    expectProblem(await send('patch', `/api/products/00000000-0000-4000-8000-000000000000/`, { price: '1' }), 404);
    expect(await snapshot(h.knex, catalogueTables)).toEqual(afterSetUp);
  });
});

describe('categories', () => {
  it('creates, renames and nests categories, never under themselves', async () => {
    const parent = await send('post', '/api/products/categories/', { name: 'IT' });
    expect(parent.status).toBe(201);
    const child = await send('post', '/api/products/categories/', { name: 'Laptops', parent: parent.body.id });
    expect(child.body.parent).toBe(parent.body.id);
    expectProblem(await send('post', '/api/products/categories/', { name: 'it' }), 400);
    const loop = await send('patch', `/api/products/categories/${parent.body.id}/`, { parent: child.body.id });
    expectProblem(loop, 400);
    expect(loop.body.errors.parent).toBeDefined();
    expect((await send('patch', `/api/products/categories/${child.body.id}/`, { name: 'Notebooks' })).body.name).toBe(
      'Notebooks',
    );
    const list = await get('/api/products/categories/?search=note');
    expect(list.body.results.map((c: { name: string }) => c.name)).toEqual(['Notebooks']);
  });
});

describe('vendors and their offers', () => {
  it('keeps what each vendor charges for a product, one offer per product', async () => {
    const vendor = await send('post', '/api/vendors/', {
      name: 'Initech',
      email: 'buy@initech.example',
      payment_terms_days: 60,
      website: 'https://initech.example',
    });
    expect(vendor.status).toBe(201);
    expect(vendor.body).toMatchObject({ currency: 'USD', payment_terms_days: 60, is_active: true });
    expectProblem(await send('post', '/api/vendors/', { name: 'INITECH' }), 400);
    expectProblem(await send('post', '/api/vendors/', { name: 'Bad terms', payment_terms_days: 400 }), 400);
    expectProblem(await send('post', '/api/vendors/', { name: 'Scripted', website: 'javascript:alert(1)' }), 400);

    const laptop = await idOf('products', { sku: 'LAP001' });
    const offer = await send('post', `/api/vendors/${vendor.body.id}/products/`, {
      product: laptop,
      price: '930',
      min_qty: 2,
      lead_time_days: 7,
      vendor_sku: 'IN-LAP',
    });
    expect(offer.status).toBe(201);
    expect(offer.body).toMatchObject({
      vendor: { name: 'Initech' },
      product: { sku: 'LAP001', name: 'Laptop' },
      price: '930.00',
      min_qty: '2.000',
      lead_time_days: 7,
      currency: 'USD',
    });
    expectProblem(await send('post', `/api/vendors/${vendor.body.id}/products/`, { product: laptop, price: '1' }), 400);
    const nwLaptop = await tenantKnex(
      h.pool,
      await tenantIdOf(h.pool, secondDemoTenant.slug),
    )('products')
      .where({ sku: 'LAP001' })
      .first('id');
    expectProblem(
      await send('post', `/api/vendors/${vendor.body.id}/products/`, { product: nwLaptop.id, price: '1' }),
      400,
    );
    const changed = await send('patch', `/api/vendors/${vendor.body.id}/products/${laptop}/`, { lead_time_days: 3 });
    expect(changed.body.lead_time_days).toBe(3);
    const list = await get(`/api/vendors/${vendor.body.id}/products/`);
    expect(list.body.results.map((o: { product: { sku: string } }) => o.product.sku)).toEqual(['LAP001']);
    expect((await send('delete', `/api/vendors/${vendor.body.id}/products/${laptop}/`)).status).toBe(204);
    expectProblem(await send('delete', `/api/vendors/${vendor.body.id}/products/${laptop}/`), 404);
  });
});

describe('warehouses', () => {
  it('creates seed 001’s warehouse, making a code from the name, and changes it', async () => {
    const body = { name: 'West Depot', location: '1 Harbour Rd', capacity: 5000, is_active: true };
    const first = await send('post', '/api/warehouses/', body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ code: 'WEST-DEPOT', name: 'West Depot', capacity: 5000 });
    expect((await send('post', '/api/warehouses/', body)).body.code).toBe('WEST-DEPOT-2');
    expectProblem(await send('post', '/api/warehouses/', { name: 'Again', code: 'main' }), 400);
    const changed = await send('patch', `/api/warehouses/${first.body.id}/`, { capacity: 6000, is_active: false });
    expect(changed.body).toMatchObject({ capacity: 6000, is_active: false });
    const active = await get('/api/warehouses/?is_active=true');
    expect(active.body.results.map((w: { code: string }) => w.code)).toEqual(['EAST', 'MAIN', 'WEST-DEPOT-2']);
  });
});

describe('API tokens', () => {
  it('reads with catalogue:read and writes only with catalogue:write and the owner’s role', async () => {
    const reader = await apiToken(h, auth.admin!, ['catalogue:read']);
    const writer = await apiToken(h, auth.admin!, ['catalogue:write']);
    expect((await api(h).get('/api/products/').set('Authorization', reader.header)).status).toBe(200);
    expectProblem(
      await api(h).post('/api/warehouses/').set('Authorization', reader.header).send({ name: 'Token shed' }),
      403,
    );
    const made = await api(h).post('/api/warehouses/').set('Authorization', writer.header).send({ name: 'Token shed' });
    expect(made.status).toBe(201);
  });
});
