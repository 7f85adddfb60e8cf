import { snapshot } from '../kit/snapshot';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';

/**
 * Issue 16, sales (seed 003; inventory.md §1.5, §1.8; decision 0042): a sale issues its stock through
 * the ledger in one transaction, is refused whole (409) when stock is short, is numbered per
 * organisation and year, and puts its stock back when cancelled.
 */
let h: Harness;
const auth: Record<string, string> = {};
const saleTables = ['sales', 'saleLines', 'stockLevels', 'stockMovements', 'lowStockAlerts', 'outboxEvents'];

beforeAll(async () => {
  h = await startHarness();
  for (const person of ['admin', 'alice', 'paula']) auth[person] = await bearer(h, person);
});
afterAll(() => h.stop());

const idOf = async (table: string, where: Record<string, unknown>) =>
  ((await h.knex(table).where(where).first('id')) as { id: string }).id;
const product = (sku: string) => idOf('products', { sku });
const warehouse = (code: string) => idOf('warehouses', { code });
const onHand = async (sku: string, code: string) =>
  (
    (await h
      .knex('stockLevels')
      .where({ productId: await product(sku), warehouseId: await warehouse(code) })
      .first('onHand')) as { onHand: string }
  ).onHand;
const sell = (body: object, who = 'paula', path = '/api/sales/') =>
  api(h).post(path).set('Authorization', auth[who]!).send(body);
const ledgerAgrees = async () =>
  (await api(h).get('/api/inventory/verify/').set('Authorization', auth.paula!)).body.consistent as boolean;

it('records a sale: its stock leaves the warehouse as sale movements, priced from the catalogue', async () => {
  const [lap, srv, main] = [await product('LAP001'), await product('SRV001'), await warehouse('MAIN')];
  const res = await sell({
    customer_name: 'Initech',
    customer_email: 'purchasing@initech.example',
    warehouse_id: main,
    lines: [
      { product_id: lap, quantity: 2 },
      { product_id: srv, quantity: '1.5', unit_price: '90.00' }, // a service: sold, no stock
    ],
  });
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    number: `SALE-${new Date().getUTCFullYear()}-000001`,
    status: 'completed',
    customer_name: 'Initech',
    warehouse: { code: 'MAIN' },
    currency: 'USD',
    total: '2134.98', // 2 × 999.99 + 1.5 × 90.00
    lines: [
      { line_no: 1, product: { sku: 'LAP001' }, quantity: '2.000', unit_price: '999.99', line_total: '1999.98' },
      { line_no: 2, product: { sku: 'SRV001' }, quantity: '1.500', unit_price: '90.00', line_total: '135.00' },
    ],
  });
  expect(await onHand('LAP001', 'MAIN')).toBe('48.000');
  const moves = await h.knex('stockMovements').where({ sourceType: 'sale', sourceId: res.body.id });
  expect(moves).toEqual([expect.objectContaining({ movementType: 'sale', qtyDelta: '-2.000', qtyAfter: '48.000' })]);
  // Seed 003's path answers too, and numbers follow on.
  const again = await sell(
    { customer_name: 'Hooli', warehouse_id: main, lines: [{ product_id: lap, quantity: 1 }] },
    'paula',
    '/api/v1/sales/create/',
  );
  expect(again.body.number).toBe(`SALE-${new Date().getUTCFullYear()}-000002`);
  expect((await api(h).get(`/api/v1/sales/${again.body.id}/`).set('Authorization', auth.paula!)).body.total).toBe(
    '999.99',
  );
  expect(await ledgerAgrees()).toBe(true);
});

it('refuses a sale whole when stock is short, and bad input, changing nothing', async () => {
  const [lap, mon, srv, main, east] = [
    await product('LAP001'),
    await product('MON001'),
    await product('SRV001'),
    await warehouse('MAIN'),
    await warehouse('EAST'),
  ];
  const before = await snapshot(h.knex, saleTables);
  const short = await sell({
    customer_name: 'Initech',
    warehouse_id: main,
    lines: [
      { product_id: lap, quantity: 1 },
      { product_id: mon, quantity: 21 }, // 20 on hand
    ],
  });
  expectProblem(short, 409);
  expect(short.body.type).toMatch(/insufficient-stock$/);
  expect(short.body.detail).toMatch(/20\.000 on hand/);
  expectProblem(await sell({ customer_name: 'x', warehouse_id: east, lines: [{ product_id: mon, quantity: 1 }] }), 409);
  expectProblem(await sell({ customer_name: 'x', warehouse_id: main, lines: [] }), 400);
  expectProblem(await sell({ customer_name: '', warehouse_id: main, lines: [{ product_id: lap, quantity: 1 }] }), 400);
  expectProblem(await sell({ customer_name: 'x', warehouse_id: main, lines: [{ product_id: lap, quantity: 0 }] }), 400);
  const euro = await sell({
    customer_name: 'x',
    warehouse_id: main,
    currency: 'EUR',
    lines: [{ product_id: srv, quantity: 1 }],
  });
  expectProblem(euro, 400);
  expect(Object.keys(euro.body.errors)).toEqual(['lines.0.unit_price']);
  expectProblem(
    await sell({ customer_name: 'x', warehouse_id: main, lines: [{ product_id: lap, quantity: 1 }] }, 'alice'),
    403,
  );
  expectProblem(await api(h).get('/api/sales/').set('Authorization', auth.alice!), 403);
  expect(await snapshot(h.knex, saleTables)).toEqual(before);
});

it('lets exactly one of two concurrent sales of 6 take 10 on hand; the ledger still equals the level', async () => {
  const [pap, main] = [await product('PAP001'), await warehouse('MAIN')];
  const level = await h.knex('stockLevels').where({ productId: pap, warehouseId: main }).first('id');
  const counted = await api(h)
    .patch(`/api/inventory/items/${level.id}/`)
    .set('Authorization', auth.paula!)
    .send({ quantity: 10, reason: 'Set up the race' });
  expect(counted.status).toBe(200);
  const answers = await Promise.all(
    [1, 2].map(() => sell({ customer_name: 'Race', warehouse_id: main, lines: [{ product_id: pap, quantity: 6 }] })),
  );
  expect(answers.map((res) => res.status).sort()).toEqual([201, 409]);
  expect(await onHand('PAP001', 'MAIN')).toBe('4.000');
  expect(await ledgerAgrees()).toBe(true);
});

it('cancels a sale: its stock comes back as sale reversals, once', async () => {
  const [chr, east] = [await product('CHR001'), await warehouse('EAST')];
  const sold = await sell({ customer_name: 'Umbrella', warehouse_id: east, lines: [{ product_id: chr, quantity: 5 }] });
  expect(sold.status).toBe(201);
  expect(await onHand('CHR001', 'EAST')).toBe('3.000');
  const cancel = (who = 'paula', body: object = { reason: 'Returned unopened' }) =>
    api(h).post(`/api/sales/${sold.body.id}/cancel/`).set('Authorization', auth[who]!).send(body);
  expectProblem(await cancel('alice'), 403);
  expectProblem(await cancel('paula', {}), 400);
  const done = await cancel();
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ status: 'cancelled', cancel_reason: 'Returned unopened' });
  expect(await onHand('CHR001', 'EAST')).toBe('8.000');
  const reversal = await h.knex('stockMovements').where({ sourceId: sold.body.id, movementType: 'sale_reversal' });
  expect(reversal).toEqual([expect.objectContaining({ qtyDelta: '5.000', qtyAfter: '8.000' })]);
  expectProblem(await cancel(), 409);
  expect(await onHand('CHR001', 'EAST')).toBe('8.000');
  expect(await ledgerAgrees()).toBe(true);
});

it('lists sales with seed 003’s filters and search', async () => {
  const [lap, main, east] = [await product('LAP001'), await warehouse('MAIN'), await warehouse('EAST')];
  const list = async (query: string) => {
    const res = await api(h).get(`/api/sales/?${query}`).set('Authorization', auth.paula!);
    expect(res.status).toBe(200);
    return res.body.results.map((sale: { customer_name: string }) => sale.customer_name) as string[];
  };
  const year = new Date().getUTCFullYear();
  expect(await list('ordering=number')).toEqual(['Initech', 'Hooli', 'Race', 'Umbrella']);
  expect(await list('search=hoo')).toEqual(['Hooli']);
  expect(await list(`search=SALE-${year}-000001`)).toEqual(['Initech']);
  expect(await list('status=cancelled')).toEqual(['Umbrella']);
  expect(await list(`warehouse_id=${east}`)).toEqual(['Umbrella']);
  expect((await list(`product_id=${lap}&ordering=number`)).sort()).toEqual(['Hooli', 'Initech']);
  expect(await list(`warehouse_id=${main}&ordering=-total`)).toEqual(['Initech', 'Hooli', 'Race']);
  const today = new Date().toISOString().slice(0, 10);
  expect(await list(`date_from=${today}&date_to=${today}&ordering=number`)).toHaveLength(4);
  expect(await list('date_to=2000-01-01')).toEqual([]);
  expectProblem(await api(h).get('/api/sales/?status=open').set('Authorization', auth.paula!), 400);
});
