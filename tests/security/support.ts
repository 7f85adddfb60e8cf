import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer } from '../support/http';
import { until } from '../kit/until';
import { snapshot as snapshotTables, stateTables } from '../kit/snapshot';

export { stateTables };
import { act, detail } from '../support/requests';
import { serviceAccount } from '../support/tokens';

// OWASP API Security Top 10 (2023), one file per item (api1-*.test.ts … api10-*.test.ts, and
// secrets-in-logs.test.ts), each making real attempts against the app (real PostgreSQL, a real worker on
// Temporal). Refused requests are checked against table snapshots.
//
// This module is what the files share: the harness every file starts for itself (in its own beforeAll,
// as tests/api/*.test.ts do), the signed-in users, table snapshots and a few helpers.

export const ALLOWED_ORIGIN = 'https://app.example.com';
export const MAX_UPLOAD_BYTES = 64 * 1024;

let current: Harness | undefined;
const auth: Record<string, string> = {};
const users = ['admin', 'alice', 'bob', 'mallory', 'carol', 'erin', 'frank', 'paula'] as const;
type Username = (typeof users)[number];
export const as = (user: Username) => auth[user] as string;

/** The harness the helpers below act on: the one this file started with `startSecurityHarness`. */
function harness(): Harness {
  if (!current) throw new Error('Call startSecurityHarness() in beforeAll first.');
  return current;
}

/**
 * Starts this file's harness (its own database, a real worker on its own task queue) and signs every
 * demo user in (`as(user)` answers their Authorization header). Call it in beforeAll, stop it in afterAll.
 */
export async function startSecurityHarness(): Promise<Harness> {
  // Guard on for webhook targets (the default), a small upload limit, and one allowed CORS origin.
  const h = await startHarness({
    worker: true,
    env: { CORS_ALLOWED_ORIGINS: ALLOWED_ORIGIN, MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
  });
  current = h;
  for (const user of users) auth[user] = await bearer(h, user);
  return h;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Every row of the state tables (tests/kit/snapshot.ts) of this file's database. */
export function snapshot(tables: string[] = stateTables): Promise<Record<string, string[]>> {
  return snapshotTables(harness().knex, tables);
}

export const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export function upload(id: string, authorization: string, data: Buffer, filename = 'quote.pdf') {
  return api(harness())
    .post(`/api/prs/requests/${id}/attachments/`)
    .set('Authorization', authorization)
    .attach('file', data, { filename, contentType: 'application/pdf' });
}

/** A call by method name, as the generic loops over routes need. */
export function call(target: ReturnType<typeof api>, method: string, url: string): request.Test {
  return (target as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
}

/**
 * A token the admin creates: their own (`admin`), or one of a service account (an integration's
 * identity; `bot(...)` makes one). Tokens act as their owner: nobody mints one for another person.
 */
export async function apiToken(
  owner: 'admin' | { serviceAccount: string },
  scopes: string[],
  extra: Record<string, unknown> = {},
) {
  const ownership = owner === 'admin' ? {} : { service_account: owner.serviceAccount };
  const res = await api(harness())
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
export async function bot(username: string, team?: string): Promise<{ serviceAccount: string }> {
  return {
    serviceAccount: await serviceAccount(harness(), as('admin'), `${username}-${randomUUID().slice(0, 8)}`, team),
  };
}

/** frank completes; waits until the order the completion opens exists, so later snapshots are stable. */
export async function completeAndSettle(id: string): Promise<{ id: string }> {
  const h = harness();
  const res = await act(h, as('frank'), id, 'complete');
  expect(res.body.status.code).toBe('COMPLETED');
  return until(async () => (await detail(h, as('alice'), id)).purchase_order as { id: string } | null, {
    timeoutMs: 30_000,
  });
}

/** The problem document without the parts that differ per call. */
export const problemShape = (res: request.Response) => ({
  status: res.status,
  type: res.body.type,
  title: res.body.title,
  detail: res.body.detail,
});
