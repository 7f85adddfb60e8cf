import { snapshot } from '../kit/snapshot';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { apiToken } from '../support/tokens';

/**
 * Issue 16, the inventory ledger (inventory.md §1.4, §1.6–1.8; seed 001; decision 0040): stock levels
 * change only through append-only movements, never below zero, with stale writes refused (412), bulk
 * updates all or nothing, transfers as two movements, and a verify route that recomputes every level.
 */
let h: Harness;
const auth: Record<string, string> = {};
const stockTables = ['stockLevels', 'stockMovements', 'stockTransfers'];

beforeAll(async () => {
  h = await startHarness();
  for (const person of ['admin', 'alice', 'paula']) auth[person] = await bearer(h, person);
});
afterAll(() => h.stop());

const get = (path: string, who = 'alice') => api(h).get(path).set('Authorization', auth[who]!);
const send = (method: 'post' | 'patch', path: string, body: object, who = 'paula') =>
  api(h)[method](path).set('Authorization', auth[who]!).send(body);
const idOf = async (table: string, where: Record<string, unknown>) =>
  ((await h.knex(table).where(where).first('id')) as { id: string }).id;
const product = (sku: string) => idOf('products', { sku });
const warehouse = (code: string) => idOf('warehouses', { code });
const levelOf = async (sku: string, code: string) =>
  (await h
    .knex('stockLevels')
    .where({ productId: await product(sku), warehouseId: await warehouse(code) })
    .first()) as { id: string; onHand: string; version: number } | undefined;
const labels = (res: { body: { results: Array<{ product: { sku: string }; warehouse: { code: string } }> } }) =>
  res.body.results.map((level) => `${level.product.sku}@${level.warehouse.code}`);
const ledgerAgrees = async () => {
  const res = await get('/api/inventory/verify/', 'paula');
  expect(res.status).toBe(200);
  return res.body as { consistent: boolean; levels: number; movements: number };
};

describe('stock levels', () => {
  it('lists the demo stock for everyone signed in, with seed 001’s filters and ordering', async () => {
    const all = await get('/api/inventory/items/');
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(5);
    expect(all.body.results.find((l: { product: { sku: string } }) => l.product.sku === 'PAP001')).toMatchObject({
      product: { name: 'Copy paper A4, 5 reams', price: '39.90', category: 'Office supplies', unit: 'box' },
      warehouse: { code: 'MAIN', name: 'Main Warehouse', location: '123 Main St' },
      quantity: '120.000',
      available: '120.000',
      min_stock_level: '50.000',
      max_stock_level: '300.000',
      qty_multiple: '10.000',
      reorder_trigger: 'manual',
      stock_status: 'normal',
    });
    const east = await warehouse('EAST');
    const electronics = await idOf('productCategories', { name: 'Electronics' });
    for (const [query, expected] of [
      ['stock_status=low', ['LAP001@EAST']],
      ['stock_status=out', []],
      [`warehouse_id=${east}`, ['CHR001@EAST', 'LAP001@EAST']],
      ['product_name=lap', ['LAP001@EAST', 'LAP001@MAIN']],
      ['search=mon0', ['MON001@MAIN']],
      ['category=electronics&ordering=-quantity', ['LAP001@MAIN', 'MON001@MAIN', 'LAP001@EAST']],
      [`category=${electronics}&min_stock=10`, ['LAP001@MAIN', 'MON001@MAIN']],
      ['max_stock=8&ordering=quantity', ['LAP001@EAST', 'CHR001@EAST']],
      ['ordering=product__sku&page_size=3&page=2', ['MON001@MAIN', 'PAP001@MAIN']],
    ] as const) {
      const res = await get(`/api/inventory/items/?${query}`);
      const got = labels(res);
      // Same-product rows come in the list's tie-break order; compare as sets where the order is not asked.
      const ordered = query.includes('ordering=');
      expect({ query, got: ordered ? got : [...got].sort() }).toEqual({
        query,
        got: ordered ? [...expected] : [...expected].sort(),
      });
    }
    const beyond = await get('/api/inventory/items/?product_name=lap&page=5');
    expect(beyond.body).toMatchObject({ count: 2, results: [] });
    expectProblem(await get('/api/inventory/items/?stock_status=empty'), 400);
    expectProblem(await get('/api/inventory/items/?min_stock=-1'), 400);
    expect((await ledgerAgrees()).consistent).toBe(true);
  });

  it('opens a level with an opening movement; a second one, a service item or a requestor is refused', async () => {
    const before = await snapshot(h.knex, stockTables);
    const [mon, srv, east] = [await product('MON001'), await product('SRV001'), await warehouse('EAST')];
    expectProblem(await send('post', '/api/inventory/items/', { product_id: mon, warehouse_id: east }, 'alice'), 403);
    expectProblem(await send('post', '/api/inventory/items/', { product_id: srv, warehouse_id: east }), 400);
    expectProblem(
      await send('post', '/api/inventory/items/', {
        product_id: mon,
        warehouse_id: east,
        min_stock_level: 10,
        max_stock_level: 5,
      }),
      400,
    );
    expect(await snapshot(h.knex, stockTables)).toEqual(before);

    const opened = await send('post', '/api/inventory/items/', {
      product_id: mon,
      warehouse_id: east,
      quantity: 12,
      min_stock_level: 4,
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ quantity: '12.000', min_stock_level: '4.000', stock_status: 'normal' });
    expect(opened.headers.etag).toBe(`"${opened.body.version}"`);
    const moves = await get(`/api/inventory/movements/?product_id=${mon}&warehouse_id=${east}`);
    expect(moves.body.results).toEqual([
      expect.objectContaining({ movement_type: 'opening', qty_delta: '12.000', qty_after: '12.000' }),
    ]);
    const again = await send('post', '/api/inventory/items/', { product_id: mon, warehouse_id: east });
    expectProblem(again, 409);
  });

  it('writes a new count as an adjustment of the difference, refusing a stale one with 412', async () => {
    const level = (await levelOf('PAP001', 'MAIN'))!;
    const path = `/api/inventory/items/${level.id}/`;
    const read = await get(path, 'paula');
    const etag = read.headers.etag as string;
    const before = await snapshot(h.knex, stockTables);
    expectProblem(await send('patch', path, { quantity: 100 }), 400); // no reason
    expectProblem(await send('patch', path, { quantity: 100, reason: 'Count' }, 'alice'), 403);
    expectProblem(await send('patch', path, { quantity: 100, reason: 'Count', expected_quantity: 119 }), 412);
    const stale = await api(h)
      .patch(path)
      .set('Authorization', auth.paula!)
      .set('If-Match', `"${level.version - 1}"`)
      .send({ quantity: 100, reason: 'Count' });
    expectProblem(stale, 412);
    expect(await snapshot(h.knex, stockTables)).toEqual(before);

    const counted = await api(h)
      .patch(path)
      .set('Authorization', auth.paula!)
      .set('If-Match', etag)
      .send({ quantity: 100, reason: 'Cycle count', expected_quantity: '120', min_stock_level: 40 });
    expect(counted.status).toBe(200);
    expect(counted.body).toMatchObject({ quantity: '100.000', min_stock_level: '40.000' });
    expect(counted.body.version).toBeGreaterThan(level.version);
    expect(counted.headers.etag).toBe(`"${counted.body.version}"`);
    const [latest] = (await get(`/api/inventory/movements/?product_id=${await product('PAP001')}`)).body.results;
    expect(latest).toMatchObject({ movement_type: 'adjustment', qty_delta: '-20.000', qty_after: '100.000' });
    expect(latest.reason).toBe('Cycle count');
    // The old ETag is spent now.
    const spent = await api(h)
      .patch(path)
      .set('Authorization', auth.paula!)
      .set('If-Match', etag)
      .send({ quantity: 90, reason: 'Again' });
    expectProblem(spent, 412);
    expect((await ledgerAgrees()).consistent).toBe(true);
  });

  it('applies a bulk update all or nothing, naming the bad row by its index', async () => {
    const lap = (await levelOf('LAP001', 'MAIN'))!;
    const chr = (await levelOf('CHR001', 'EAST'))!;
    const before = await snapshot(h.knex, stockTables);
    const bad = await send('post', '/api/inventory/bulk-update/', {
      updates: [
        { id: lap.id, data: { quantity: 60 } },
        { id: chr.id, data: { quantity: 40, expected_quantity: 7 } },
        { id: '00000000-0000-4000-8000-000000000000', data: { quantity: 1 } },
        { id: chr.id, data: { min_stock_level: 9, max_stock_level: 3 } },
      ],
      reason: 'Quarterly count',
    });
    expectProblem(bad, 400);
    expect(Object.keys(bad.body.errors).sort()).toEqual([
      'updates.1.data.expected_quantity',
      'updates.2.id',
      'updates.3.data.max_stock_level',
      'updates.3.id',
    ]);
    expect(await snapshot(h.knex, stockTables)).toEqual(before);

    const done = await send('post', '/api/inventory/bulk-update/', {
      updates: [
        { id: lap.id, data: { quantity: 60 } },
        { id: chr.id, data: { quantity: 10, reason: 'Found two', expected_quantity: 8 } },
      ],
      reason: 'Quarterly count',
    });
    expect(done.status).toBe(200);
    expect(done.body.results.map((l: { quantity: string }) => l.quantity)).toEqual(['60.000', '10.000']);
    const reasons = (await get('/api/inventory/movements/?movement_type=adjustment&page_size=100')).body.results.map(
      (m: { reason: string; qty_delta: string }) => `${m.reason} ${m.qty_delta}`,
    );
    expect(reasons).toEqual(expect.arrayContaining(['Quarterly count 10.000', 'Found two 2.000']));
    expect((await ledgerAgrees()).consistent).toBe(true);
  });
});

describe('transfers', () => {
  it('moves stock as two movements with the transfer’s id, opening the level it goes to', async () => {
    const [chr, main, east] = [await product('CHR001'), await warehouse('MAIN'), await warehouse('EAST')];
    const before = (await levelOf('CHR001', 'EAST'))!;
    const moved = await send('post', '/api/inventory/transfer/', {
      product_id: chr,
      from_warehouse_id: east,
      to_warehouse_id: main,
      quantity: 4,
      reason: 'Rebalancing stock',
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ quantity: '4.000', status: 'completed' });
    const legs = (await get(`/api/inventory/movements/?transfer_id=${moved.body.id}`)).body.results;
    expect(
      legs.map((m: { movement_type: string; qty_delta: string }) => `${m.movement_type} ${m.qty_delta}`).sort(),
    ).toEqual(['transfer_in 4.000', 'transfer_out -4.000']);
    expect(legs.map((m: { id: string }) => m.id).sort()).toEqual(
      [moved.body.movements.in, moved.body.movements.out].sort(),
    );
    expect((await levelOf('CHR001', 'EAST'))!.onHand).toBe((Number(before.onHand) - 4).toFixed(3));
    expect((await levelOf('CHR001', 'MAIN'))!.onHand).toBe('4.000');
    // Audited as the change it is, by whom, with what was asked.
    const audited = await h.knex('auditLogs').where({ action: 'api.transferStock', resourceId: moved.body.id }).first();
    expect(audited).toMatchObject({
      resourceType: 'stock_transfer',
      actorUserId: await idOf('users', { username: 'paula' }),
    });
  });

  it('refuses a transfer to the same warehouse, of a service, or of more than is there, moving nothing', async () => {
    const [mon, srv, main, east] = [
      await product('MON001'),
      await product('SRV001'),
      await warehouse('MAIN'),
      await warehouse('EAST'),
    ];
    const before = await snapshot(h.knex, stockTables);
    const transfer = (body: object, who = 'paula') =>
      send('post', '/api/inventory/transfer/', { reason: 'x', quantity: 1, ...body }, who);
    expectProblem(await transfer({ product_id: mon, from_warehouse_id: main, to_warehouse_id: east }, 'alice'), 403);
    expectProblem(await transfer({ product_id: mon, from_warehouse_id: main, to_warehouse_id: main }), 400);
    expectProblem(await transfer({ product_id: srv, from_warehouse_id: main, to_warehouse_id: east }), 400);
    expectProblem(
      await transfer({ product_id: mon, from_warehouse_id: main, to_warehouse_id: east, quantity: 0 }),
      400,
    );
    const short = await transfer({ product_id: mon, from_warehouse_id: main, to_warehouse_id: east, quantity: 21 });
    expectProblem(short, 409);
    expect(short.body.type).toMatch(/insufficient-stock$/);
    expect(await snapshot(h.knex, stockTables)).toEqual(before);
  });

  it('lets exactly one of two concurrent transfers take stock that only covers one', async () => {
    const [mon, main, east] = [await product('MON001'), await warehouse('MAIN'), await warehouse('EAST')];
    const level = (await levelOf('MON001', 'MAIN'))!;
    const take = String(Math.floor(Number(level.onHand) / 2) + 1); // two takes cannot both fit
    const answers = await Promise.all(
      [1, 2].map(() =>
        send('post', '/api/inventory/transfer/', {
          product_id: mon,
          from_warehouse_id: main,
          to_warehouse_id: east,
          quantity: take,
          reason: 'race',
        }),
      ),
    );
    expect(answers.map((res) => res.status).sort()).toEqual([201, 409]);
    expect((await levelOf('MON001', 'MAIN'))!.onHand).toBe((Number(level.onHand) - Number(take)).toFixed(3));
    expect((await ledgerAgrees()).consistent).toBe(true);
  });

  it('runs crossed transfers (A→B and B→A at once) without a deadlock or a 500, keeping the total', async () => {
    const [lap, main, east] = [await product('LAP001'), await warehouse('MAIN'), await warehouse('EAST')];
    const total = async () =>
      Number((await levelOf('LAP001', 'MAIN'))!.onHand) + Number((await levelOf('LAP001', 'EAST'))!.onHand);
    const before = await total();
    const statuses: number[] = [];
    for (let round = 0; round < 25; round += 1) {
      const answers = await Promise.all([
        send('post', '/api/inventory/transfer/', {
          product_id: lap,
          from_warehouse_id: main,
          to_warehouse_id: east,
          quantity: 2,
          reason: 'crossed',
        }),
        send('post', '/api/inventory/transfer/', {
          product_id: lap,
          from_warehouse_id: east,
          to_warehouse_id: main,
          quantity: 1,
          reason: 'crossed',
        }),
      ]);
      statuses.push(...answers.map((res) => res.status));
    }
    expect([...new Set(statuses)]).toEqual([201]);
    expect(await total()).toBe(before);
    expect((await ledgerAgrees()).consistent).toBe(true);
  });
});

describe('the ledger', () => {
  it('is append-only, and the verify route finds a level that disagrees with it', async () => {
    // The runtime role may not change or delete a movement: the trigger refuses it.
    const [first] = (await h.knex('stockMovements').orderBy('id').limit(1)) as Array<{ id: string }>;
    await expect(h.knex('stockMovements').where({ id: first!.id }).update({ reason: 'rewritten' })).rejects.toThrow(
      /append-only/,
    );
    await expect(h.knex('stockMovements').where({ id: first!.id }).delete()).rejects.toThrow(/append-only/);
    const level = (await levelOf('MON001', 'MAIN'))!;
    // A level changed behind the ledger's back (by the owner) is found, with both figures.
    await h.withOwner((owner) => owner('stock_levels').where({ id: level.id }).update({ on_hand: '999' }));
    const check = await get('/api/inventory/verify/', 'paula');
    expect(check.body).toMatchObject({
      consistent: false,
      disagreements: [{ id: level.id, quantity: '999.000', ledger: level.onHand }],
    });
    expectProblem(await get('/api/inventory/verify/', 'alice'), 403);
    await h.withOwner((owner) => owner('stock_levels').where({ id: level.id }).update({ on_hand: level.onHand }));
    expect((await ledgerAgrees()).consistent).toBe(true);
  });

  it('lists movements with their filters, newest first', async () => {
    const lap = await product('LAP001');
    const today = new Date().toISOString().slice(0, 10);
    const all = await get(`/api/inventory/movements/?product_id=${lap}&page_size=100`);
    expect(all.status).toBe(200);
    const ids = all.body.results.map((m: { id: string }) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const openings = await get('/api/inventory/movements/?movement_type=opening&page_size=100');
    expect(openings.body.results.every((m: { movement_type: string }) => m.movement_type === 'opening')).toBe(true);
    expect((await get(`/api/inventory/movements/?date_from=${today}&date_to=${today}`)).body.count).toBeGreaterThan(0);
    expect((await get('/api/inventory/movements/?date_to=2000-01-01')).body.count).toBe(0);
    expect(
      (await get('/api/inventory/movements/?source_type=transfer&page_size=100')).body.results.every(
        (m: { transfer_id: string | null }) => m.transfer_id !== null,
      ),
    ).toBe(true);
    expectProblem(await get('/api/inventory/movements/?movement_type=theft'), 400);
    expectProblem(await get('/api/inventory/movements/?date_from=yesterday'), 400);
  });

  it('opens to inventory:read tokens for reading and to inventory:write tokens for changes', async () => {
    const reader = await apiToken(h, auth.admin!, ['inventory:read']);
    const writer = await apiToken(h, auth.admin!, ['inventory:write']);
    const [chr, main, east] = [await product('CHR001'), await warehouse('MAIN'), await warehouse('EAST')];
    const body = { product_id: chr, from_warehouse_id: main, to_warehouse_id: east, quantity: 1, reason: 'token' };
    expect((await api(h).get('/api/inventory/items/').set('Authorization', reader.header)).status).toBe(200);
    expectProblem(await api(h).post('/api/inventory/transfer/').set('Authorization', reader.header).send(body), 403);
    expect((await api(h).post('/api/inventory/transfer/').set('Authorization', writer.header).send(body)).status).toBe(
      201,
    );
  });
});
