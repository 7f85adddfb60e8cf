import { createApp } from '../../api/app';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer } from '../support/http';

// Invalid and boundary input for every operation of the OpenAPI document: never a 5xx, always a
// problem document, and the database unchanged by every refused request.
let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await bearer(h, 'admin');
});
afterAll(() => h.stop());

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  anyOf?: Schema[];
};
type Operation = {
  requestBody?: { content: Record<string, { schema?: Schema }> };
  parameters?: Array<{ in: string; name: string }>;
};

const tables = [
  'purchaseRequests',
  'approvals',
  'attachments',
  'purchaseOrders',
  'webhookEndpoints',
  'apiTokens',
  'users',
  'teams',
  'roles',
  'accessScopes',
  'formTemplates',
  'workflowTemplates',
  'integrationProviders',
];
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
/** Every table's row count in one round trip (the suite sends thousands of requests, each checked twice). */
async function counts(): Promise<number[]> {
  const { rows } = await h.knex.raw(
    `SELECT ${tables.map((table, index) => `(SELECT count(*) FROM ${snake(table)}) AS c${index}`).join(', ')}`,
  );
  return tables.map((_, index) => Number(rows[0][`c${index}`]));
}

const weird = [
  '',
  ' ',
  'x'.repeat(20_000),
  '\u0000',
  '💥'.repeat(500),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  -1,
  0,
  1e308,
  -1e308,
  2 ** 63,
  3.14159,
  true,
  null,
  [],
  {},
  [1, 2, 3],
  { nested: { deep: true } },
];

function invalidBodies(schema: Schema | undefined): unknown[] {
  const bodies: unknown[] = [{}, [], 'just a string', 42, null, { unknown_field: 'x' }];
  for (const name of Object.keys(schema?.properties ?? {})) {
    for (const value of weird) bodies.push({ [name]: value });
  }
  return bodies;
}

// Keys that name Object.prototype members (a plain-object lookup finds the inherited function), and JSON
// nested far deeper than any schema (a recursive fingerprint or walker overflows the stack).
const prototypeKeys = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
const prototypeQuery = `?${prototypeKeys.map((key) => `${key}=1`).join('&')}`;
const deepJson = `{"a":${'['.repeat(8000)}${']'.repeat(8000)}}`;

const badIds = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  '%00',
  '..%2F..%2Fetc',
  'x'.repeat(300),
  '1 OR 1=1',
];

describe('fuzzing every operation from the OpenAPI document', () => {
  it('never answers 5xx, always with a problem document, and refusals change nothing', async () => {
    const { openApi } = createApp(h.deps);
    const paths = (openApi as { paths: Record<string, Record<string, Operation>> }).paths;
    const failures: string[] = [];
    let sent = 0;
    /** Never a 5xx; a refusal is a problem document and leaves every table as it was. */
    const judge = async (label: string, res: import('supertest').Response, before: number[]) => {
      if (res.status >= 500) failures.push(label);
      else if (res.status >= 400) {
        if (!String(res.headers['content-type']).includes('application/problem+json'))
          failures.push(`${label} (not a problem document)`);
        if (JSON.stringify(await counts()) !== JSON.stringify(before)) failures.push(`${label} (changed the database)`);
      }
    };
    for (const [template, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const urls = template.includes('{') ? badIds.map((id) => template.replace(/\{[^}]+\}/g, id)) : [template];
        const jsonSchema = operation.requestBody?.content['application/json']?.schema;
        const bodies = method === 'get' || method === 'delete' ? [undefined] : invalidBodies(jsonSchema);
        for (const [index, url] of urls.entries()) {
          for (const body of bodies) {
            // Half the calls also carry an unknown parameter and an oversized page: both are 400s before anything else.
            const query = (sent + index) % 2 === 0 ? '?unknown_param=1&page_size=100000' : '';
            const before = await counts();
            let req = (api(h) as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(
              `${url}${query}`,
            ).set('Authorization', admin);
            if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
            const res = await req;
            sent += 1;
            await judge(
              `${method.toUpperCase()} ${url.slice(0, 80)} ${JSON.stringify(body)?.slice(0, 60)} → ${res.status}`,
              res,
              before,
            );
          }
        }
        // Prototype-named keys in the query and the body, and 8 000-deep JSON with an Idempotency-Key.
        const url = template.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        const raws =
          method === 'get' || method === 'delete'
            ? [undefined]
            : [...prototypeKeys.map((key) => `{${JSON.stringify(key)}:1}`), deepJson];
        for (const raw of raws) {
          const before = await counts();
          let req = (api(h) as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(
            `${url}${prototypeQuery}`,
          )
            .set('Authorization', admin)
            .set('Idempotency-Key', `fuzz-${sent}`);
          if (raw !== undefined) req = req.set('Content-Type', 'application/json').send(raw);
          const res = await req;
          sent += 1;
          await judge(
            `${method.toUpperCase()} ${url}${prototypeQuery} ${raw?.slice(0, 30)} → ${res.status}`,
            res,
            before,
          );
        }
        // Malformed JSON and a wrong content type for every operation that takes a body.
        if (method !== 'get' && method !== 'delete') {
          for (const [type, raw] of [
            ['application/json', '{"broken": '],
            ['text/plain', 'hello'],
            ['application/xml', '<a/>'],
          ]) {
            const res = await (api(h) as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(
              url,
            )
              .set('Authorization', admin)
              .set('Content-Type', type as string)
              .send(raw as string);
            sent += 1;
            if (res.status >= 500 || res.status < 400)
              failures.push(`${method.toUpperCase()} ${url} as ${type} → ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
  }, 600_000);
});
