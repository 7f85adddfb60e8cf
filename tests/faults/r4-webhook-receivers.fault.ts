import type { Service } from '../../scripts/lib/stack';
import { reply, startReceiver, verifySignature, type ReceivedCall } from '../support/receivers';
import { act, call, createDraft, expectStatus, inParallel, loginAll, until } from './support/api-client';
import { startFaultStack, type FaultStack } from './support/fault-stack';

/**
 * R4: webhook receivers that fail. Three real HTTP receivers on loopback, each registered as an endpoint
 * for `purchase_request.submitted`, get the events of three submitted requests from the worker process:
 *  - flaky:  answers 500 to the first two attempts of every event, then 200 → delivered on attempt 3,
 *            every attempt recorded;
 *  - broken: answers 500 until it is fixed → `failed` after the last attempt; redelivery then works;
 *  - silent: does not answer within WEBHOOK_TIMEOUT_SECONDS until it is fixed → as the broken one.
 */
const MAX_ATTEMPTS = 4;
const EVENTS = 3;

let fs: FaultStack;
let api: Service & { url: string };
let tokens: Record<string, string>;
type Receiver = Awaited<ReturnType<typeof startReceiver>>;
let receivers: Receiver[] = [];
const fixed = { broken: false, silent: false };
const endpoints = {} as Record<'flaky' | 'broken' | 'silent', { id: string; secret: string }>;
const settledRows = {} as Record<'flaky' | 'broken' | 'silent', Delivery[]>;
let requestIds: string[] = [];

beforeAll(async () => {
  fs = await startFaultStack({
    name: 'r4',
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_INITIAL_SECONDS: '0.2',
      WEBHOOK_RETRY_MAX_DELAY_SECONDS: '0.5',
      WEBHOOK_RETRY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      WEBHOOK_TIMEOUT_SECONDS: '1',
      WEBHOOK_DISABLE_AFTER_FAILURES: '100',
      OUTBOX_POLL_SECONDS: '0.2',
    },
  });
  await fs.stack.startWorker();
  api = await fs.stack.startApi();
  tokens = await loginAll(api.url, ['alice', 'admin']);

  // The receivers, registered as endpoints; then three submitted requests, three events for each.
  const flaky: Receiver = await startReceiver((n, req, res) => {
    const seen = flaky.calls.filter((c) => idOf(c) === String(req.headers['webhook-id'])).length; // this call included
    reply(seen <= 2 ? 500 : 200, seen <= 2 ? 'flaky failure' : 'ok')(n, req, res);
  });
  const broken = await startReceiver((n, req, res) =>
    reply(fixed.broken ? 204 : 500, fixed.broken ? '' : 'broken')(n, req, res),
  );
  const silent = await startReceiver((n, req, res) => {
    if (fixed.silent) return reply(204)(n, req, res);
    const late = setTimeout(() => res.writeHead(200).end('too late'), 5000); // long after the sender gave up
    res.on('close', () => clearTimeout(late));
  });
  receivers = [flaky, broken, silent];
  for (const [name, receiver] of [
    ['flaky', flaky],
    ['broken', broken],
    ['silent', silent],
  ] as const) {
    const res = await call(api.url, 'POST', '/api/webhooks/endpoints/', {
      token: tokens.admin,
      body: { url: receiver.url, event_types: ['purchase_request.submitted'], description: name },
    });
    endpoints[name] = expectStatus(res, 201, `register ${name}`).body;
  }
  const marketing = await fs.teamId('Marketing');
  requestIds = await inParallel(
    Array.from({ length: EVENTS }, (_, i) => i),
    EVENTS,
    async (i) => {
      const id = await createDraft(api.url, tokens.alice!, {
        team: marketing,
        subject: `R4 webhook source ${i}`,
        amount: '300.00',
      });
      expectStatus(await act(api.url, tokens.alice!, id, 'submit'), 200, 'submit');
      return id;
    },
  );
  const settled = async (name: 'flaky' | 'broken' | 'silent', status: string) => {
    const rows = await deliveriesOf(endpoints[name].id);
    return rows.length === EVENTS && rows.every((d) => d.status === status) ? rows : undefined;
  };
  settledRows.flaky = await until(() => settled('flaky', 'succeeded'), {
    what: 'flaky deliveries succeeded',
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  settledRows.broken = await until(() => settled('broken', 'failed'), {
    what: 'broken deliveries failed',
    timeoutMs: 120_000,
    intervalMs: 500,
  });
  settledRows.silent = await until(() => settled('silent', 'failed'), {
    what: 'silent deliveries failed',
    timeoutMs: 120_000,
    intervalMs: 500,
  });
}, 600_000);

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await fs?.stop();
});

const idOf = (c: ReceivedCall) => String(c.headers['webhook-id']);
const byEvent = (calls: ReceivedCall[]) => {
  const groups = new Map<string, ReceivedCall[]>();
  for (const c of calls) groups.set(idOf(c), [...(groups.get(idOf(c)) ?? []), c]);
  return groups;
};

interface Delivery {
  id: string;
  event_id: string;
  status: string;
  attempt_count: number;
  redelivery_of: string | null;
  attempts: Array<{
    attempt_number: number;
    status_code: number | null;
    error: string | null;
    response_excerpt: string;
  }>;
}

async function deliveriesOf(endpointId: string): Promise<Delivery[]> {
  const list = expectStatus(
    await call(api.url, 'GET', `/api/webhooks/deliveries/?endpoint=${endpointId}&page_size=100`, {
      token: tokens.admin,
    }),
    200,
    'deliveries',
  );
  return Promise.all(
    list.body.results.map(
      async (d: { id: string }) =>
        expectStatus(
          await call(api.url, 'GET', `/api/webhooks/deliveries/${d.id}/`, { token: tokens.admin }),
          200,
          'delivery',
        ).body as Delivery,
    ),
  );
}

describe('R4: webhook receivers that answer 500, always 500, or time out', () => {
  it('500 then 200: delivered after retries, every attempt recorded once, in order', () => {
    for (const d of settledRows.flaky) {
      expect({
        count: d.attempt_count,
        attempts: d.attempts.map((a) => [a.attempt_number, a.status_code, a.response_excerpt]),
      }).toEqual({
        count: 3,
        attempts: [
          [1, 500, 'flaky failure'],
          [2, 500, 'flaky failure'],
          [3, 200, 'ok'],
        ],
      });
    }
    // The receiver saw three signed calls per event, carrying the same event each time.
    const calls = byEvent(receivers[0]!.calls);
    expect([...calls.values()].map((c) => c.length)).toEqual(Array(EVENTS).fill(3));
    for (const group of calls.values()) {
      expect(new Set(group.map((c) => c.body)).size).toBe(1);
      expect(group.every((c) => verifySignature(endpoints.flaky.secret, c.headers, c.body))).toBe(true);
    }
    const delivered = [...calls.values()].map((group) => JSON.parse(group[0]!.body));
    expect(delivered.map((e) => e.type)).toEqual(Array(EVENTS).fill('purchase_request.submitted'));
    expect(delivered.map((e) => e.data.purchase_request.id).sort()).toEqual([...requestIds].sort());
  });

  it('always 500: failed after the last attempt, every attempt recorded; redelivery works once it is fixed', async () => {
    for (const d of settledRows.broken)
      expect({ count: d.attempt_count, codes: d.attempts.map((a) => a.status_code) }).toEqual({
        count: MAX_ATTEMPTS,
        codes: Array(MAX_ATTEMPTS).fill(500),
      });
    expect([...byEvent(receivers[1]!.calls).values()].map((c) => c.length)).toEqual(Array(EVENTS).fill(MAX_ATTEMPTS));
    await redeliverAfterFix('broken', receivers[1]!);
  });

  it('no answer in time: failed after the last attempt, every timeout recorded; redelivery works once it is fixed', async () => {
    for (const d of settledRows.silent) {
      expect({ count: d.attempt_count, codes: d.attempts.map((a) => a.status_code) }).toEqual({
        count: MAX_ATTEMPTS,
        codes: Array(MAX_ATTEMPTS).fill(null),
      });
      expect(d.attempts.every((a) => /no answer within/.test(a.error ?? ''))).toBe(true);
    }
    expect([...byEvent(receivers[2]!.calls).values()].map((c) => c.length)).toEqual(Array(EVENTS).fill(MAX_ATTEMPTS));
    await redeliverAfterFix('silent', receivers[2]!);
  });
});

/** Fixes the receiver, redelivers each failed delivery and checks a new delivery of the same event succeeds. */
async function redeliverAfterFix(name: 'broken' | 'silent', receiver: Receiver): Promise<void> {
  const rows = settledRows[name];
  const failedList = await call(
    api.url,
    'GET',
    `/api/webhooks/deliveries/?endpoint=${endpoints[name].id}&status=failed`,
    { token: tokens.admin },
  );
  expect(failedList.body.results.map((d: { id: string }) => d.id).sort()).toEqual(rows.map((d) => d.id).sort());

  fixed[name] = true;
  const before = receiver.calls.length;
  const again = await Promise.all(
    rows.map(
      async (d) =>
        expectStatus(
          await call(api.url, 'POST', `/api/webhooks/deliveries/${d.id}/redeliver/`, { token: tokens.admin }),
          202,
          `redeliver ${name}`,
        ).body as Delivery,
    ),
  );
  expect(again.map((d) => [d.redelivery_of, d.event_id])).toEqual(rows.map((d) => [d.id, d.event_id]));
  await until(
    async () => {
      const now = await deliveriesOf(endpoints[name].id);
      return again.every((d) => now.find((row) => row.id === d.id)?.status === 'succeeded');
    },
    { what: `${name} redeliveries succeeded`, timeoutMs: 60_000, intervalMs: 500 },
  );
  const after = receiver.calls.slice(before);
  expect(after.map(idOf).sort()).toEqual(rows.map((d) => d.event_id).sort()); // the same webhook-id again
  expect(after.every((c) => verifySignature(endpoints[name].secret, c.headers, c.body))).toBe(true);
  const now = await deliveriesOf(endpoints[name].id);
  expect(now.filter((d) => d.redelivery_of === null).map((d) => d.status)).toEqual(Array(EVENTS).fill('failed')); // the originals stay as they were
  expect(
    now.filter((d) => d.redelivery_of !== null).map((d) => [d.attempt_count, d.attempts.map((a) => a.status_code)]),
  ).toEqual(Array(EVENTS).fill([1, [204]]));
}
