import { createApp } from '../../api/app';
import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { createDraft, detail, teamId } from '../support/requests';
import { as, MAX_UPLOAD_BYTES, pdf, snapshot, startSecurityHarness, upload } from './support';

// API4, first half: sizes and counts. Rate limits: api4-rate-limits.test.ts.

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

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
    // A list under an object (a vendor's offers) is asked of a real one, so the path itself is valid.
    const vendor = ((await h.knex('vendors').first('id')) as { id: string }).id;
    const concrete = (path: string) => {
      if (!path.includes('{')) return path;
      if (path === '/api/vendors/{id}/products/') return path.replace('{id}', vendor);
      throw new Error(`teach this test an id for ${path}`);
    };
    for (const template of lists) {
      const path = concrete(template);
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
});
