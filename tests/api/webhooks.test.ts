import { Worker } from '@temporalio/worker';
import { outboxRelayWorkflowId } from '../../contracts/webhooks';
import { startHarness, type Harness } from '../support/harness';
import { record } from '../support/histories';
import { api, bearer, expectProblem } from '../support/http';
import { waitForEmail } from '../support/mailbox';
import { reply, startReceiver, verifySignature } from '../support/receivers';
import { until } from '../kit/until';
import { act, createDraft } from '../support/requests';

// Loopback receivers need the guard relaxed; retry delays and timeouts shrink to fractions of a second.
let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({
    worker: true,
    env: {
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_RETRY_INITIAL_SECONDS: '0.2',
      WEBHOOK_RETRY_MAX_DELAY_SECONDS: '0.5',
      WEBHOOK_RETRY_MAX_ATTEMPTS: '4',
      WEBHOOK_TIMEOUT_SECONDS: '1',
      WEBHOOK_DISABLE_AFTER_FAILURES: '3',
      OUTBOX_POLL_SECONDS: '0.2',
    },
  });
  for (const user of ['alice', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());
afterEach(async () => {
  await h.knex('webhookEndpoints').delete(); // every test registers its own receivers
});

const register = async (url: string, eventTypes: string[] = ['purchase_request.submitted']) => {
  const res = await api(h)
    .post('/api/webhooks/endpoints/')
    .set('Authorization', auth.admin!)
    .send({ url, event_types: eventTypes });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string };
};
const submitRequest = async () => {
  const id = await createDraft(h, auth.alice!, { subject: `Webhook source ${Date.now()}` });
  await act(h, auth.alice!, id, 'submit');
  return id;
};
const deliveriesOf = (endpointId: string) => h.knex('webhookDeliveries').where({ endpointId }).orderBy('createdAt');
const attemptsOf = async (endpointId: string) =>
  h
    .knex('webhookDeliveryAttempts')
    .join('webhookDeliveries', 'webhookDeliveries.id', 'webhookDeliveryAttempts.deliveryId')
    .where({ endpointId })
    .orderBy('attemptNumber');

describe('outgoing webhooks', () => {
  it('signs each event the Standard Webhooks way and sends only the subscribed types', async () => {
    const receiver = await startReceiver(reply(200, 'ok'));
    try {
      const { id: endpointId, secret } = await register(receiver.url);
      expect(secret).toMatch(/^whsec_/);
      const listed = await api(h).get(`/api/webhooks/endpoints/${endpointId}/`).set('Authorization', auth.admin!);
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      const requestId = await submitRequest();
      await until(() => receiver.calls.length >= 1);
      const [call] = receiver.calls;
      expect(call!.headers['content-type']).toBe('application/json');
      expect(call!.headers['user-agent']).toMatch(/procurement-webhooks/);
      expect(call!.headers['webhook-id']).toMatch(/^evt_/);
      expect(Math.abs(Number(call!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(verifySignature(secret, call!.headers, call!.body)).toBe(true);
      expect(verifySignature('whsec_' + Buffer.alloc(32).toString('base64'), call!.headers, call!.body)).toBe(false);
      const payload = JSON.parse(call!.body);
      expect(payload).toEqual(
        expect.objectContaining({
          id: call!.headers['webhook-id'],
          type: 'purchase_request.submitted',
          data: expect.objectContaining({ purchase_request: expect.objectContaining({ id: requestId }) }),
        }),
      );
      await until(async () =>
        (await deliveriesOf(endpointId)).every((d: { status: string }) => d.status === 'succeeded'),
      );

      // A type the endpoint did not subscribe to is published but not delivered to it.
      await act(h, auth.alice!, requestId, 'withdraw');
      await until(
        async () =>
          (
            await h
              .knex('outboxEvents')
              .where({ aggregateId: requestId, type: 'purchase_request.cancelled' })
              .whereNotNull('publishedAt')
          ).length === 1,
      );
      expect((await deliveriesOf(endpointId)).map((d: { eventType: string }) => d.eventType)).toEqual([
        'purchase_request.submitted',
      ]);
      expect(receiver.calls.map((c) => JSON.parse(c.body).type)).toEqual(['purchase_request.submitted']);
    } finally {
      await receiver.close();
    }
  });

  it('delivers to a host name (resolved, checked, then connected to the checked address) and stores any answer', async () => {
    const receiver = await startReceiver((_call, _req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\u0000with a NUL byte');
    }, 'localhost');
    try {
      const { id: endpointId } = await register(receiver.url);
      await submitRequest();
      await until(async () => (await deliveriesOf(endpointId))[0]?.status === 'succeeded');
      expect((await attemptsOf(endpointId))[0]).toEqual(
        expect.objectContaining({ statusCode: 200, responseExcerpt: 'okwith a NUL byte' }),
      );
    } finally {
      await receiver.close();
    }
  });

  it('retries a receiver that fails twice: delivered on attempt 3, three attempts recorded', async () => {
    const receiver = await startReceiver((call, _req, res) =>
      reply(call <= 2 ? 500 : 200, call <= 2 ? 'boom' : 'ok')(call, _req, res),
    );
    try {
      const { id: endpointId } = await register(receiver.url);
      await submitRequest();
      const [delivery] = await until(async () => {
        const rows = await deliveriesOf(endpointId);
        return rows[0]?.status === 'succeeded' ? rows : undefined;
      });
      expect(delivery.attemptCount).toBe(3);
      const detail = await api(h).get(`/api/webhooks/deliveries/${delivery.id}/`).set('Authorization', auth.admin!);
      expect(detail.body.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([500, 500, 200]);
      expect(detail.body.attempts[0].response_excerpt).toBe('boom');

      // The delivery workflow's history replays against today's code (and becomes a fixture when recording).
      const handle = h.deps.temporal.client.workflow.getHandle(`webhook-${delivery.eventId}-${endpointId}`);
      expect(await handle.result()).toBe('succeeded');
      const history = await handle.fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: { codePath: h.run.workflowBundlePath } },
        history,
        handle.workflowId,
      );
      record('webhook-delivery.third-attempt.json', history);
      const relay = h.deps.temporal.client.workflow.getHandle(outboxRelayWorkflowId(h.config.temporal.taskQueue));
      const relayHistory = await relay.fetchHistory();
      await Worker.runReplayHistory(
        { workflowBundle: { codePath: h.run.workflowBundlePath } },
        relayHistory,
        relay.workflowId,
      );
      record('outbox-relay.running.json', relayHistory);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after 4 attempts on a receiver that always fails, and redelivers once it is fixed', async () => {
    let healthy = false;
    const receiver = await startReceiver((call, req, res) => reply(healthy ? 204 : 503)(call, req, res));
    try {
      const { id: endpointId } = await register(receiver.url);
      await submitRequest();
      const [failed] = await until(async () => {
        const rows = await deliveriesOf(endpointId);
        return rows[0]?.status === 'failed' ? rows : undefined;
      });
      expect((await attemptsOf(endpointId)).map((a: { statusCode: number }) => a.statusCode)).toEqual([
        503, 503, 503, 503,
      ]);
      const filtered = await api(h)
        .get(`/api/webhooks/deliveries/?endpoint=${endpointId}&status=failed`)
        .set('Authorization', auth.admin!);
      expect(filtered.body.results.map((d: { id: string }) => d.id)).toEqual([failed.id]);

      healthy = true;
      const redelivery = await api(h)
        .post(`/api/webhooks/deliveries/${failed.id}/redeliver/`)
        .set('Authorization', auth.admin!);
      expect(redelivery.status).toBe(202);
      await until(
        async () =>
          (await h.knex('webhookDeliveries').where({ id: redelivery.body.id }).first()).status === 'succeeded',
      );
      expect(receiver.calls.at(-1)!.headers['webhook-id']).toBe(receiver.calls[0]!.headers['webhook-id']); // the same event
    } finally {
      await receiver.close();
    }
  });

  it('records a timeout and a redirect (not followed) as failed attempts', async () => {
    const slow = await startReceiver(() => undefined); // never answers
    const target = await startReceiver(reply(200));
    const redirecting = await startReceiver((_call, _req, res) => {
      res.writeHead(302, { location: target.url });
      res.end();
    });
    try {
      const slowEndpoint = await register(slow.url);
      const redirectEndpoint = await register(redirecting.url);
      await submitRequest();
      await until(
        async () => {
          const rows = [...(await deliveriesOf(slowEndpoint.id)), ...(await deliveriesOf(redirectEndpoint.id))];
          return rows.length === 2 && rows.every((d: { status: string }) => d.status === 'failed');
        },
        { timeoutMs: 30_000 },
      );
      const slowAttempts = await attemptsOf(slowEndpoint.id);
      expect(slowAttempts[0]).toEqual(
        expect.objectContaining({ statusCode: null, error: expect.stringContaining('no answer within') }),
      );
      expect((await attemptsOf(redirectEndpoint.id)).map((a: { statusCode: number }) => a.statusCode)).toEqual([
        302, 302, 302, 302,
      ]);
      expect(target.calls).toHaveLength(0);
    } finally {
      await Promise.all([slow.close(), target.close(), redirecting.close()]);
    }
  });

  it('disables the endpoint on 410 and e-mails the admins', async () => {
    const gone = await startReceiver(reply(410));
    try {
      const { id } = await register(gone.url);
      await submitRequest();
      await until(async () => (await h.knex('webhookEndpoints').where({ id }).first()).isActive === false);
      const endpoint = await api(h).get(`/api/webhooks/endpoints/${id}/`).set('Authorization', auth.admin!);
      expect(endpoint.body).toEqual(
        expect.objectContaining({ is_active: false, disabled_reason: expect.stringContaining('410') }),
      );
      expect(gone.calls).toHaveLength(1);
      await waitForEmail(
        (m) => m.to.includes('admin@example.com') && m.subject === `Webhook endpoint disabled: ${gone.url}`,
      );
    } finally {
      await gone.close();
    }
  });

  it('disables an endpoint whose last WEBHOOK_DISABLE_AFTER_FAILURES deliveries all failed', async () => {
    const broken = await startReceiver(reply(500));
    try {
      const { id } = await register(broken.url);
      for (let i = 0; i < 3; i += 1) await submitRequest();
      await until(async () => (await h.knex('webhookEndpoints').where({ id }).first()).isActive === false, {
        timeoutMs: 30_000,
      });
      expect((await h.knex('webhookEndpoints').where({ id }).first()).disabledReason).toBe(
        'The last 3 deliveries all failed.',
      );
      const failed = await api(h)
        .get(`/api/webhooks/deliveries/?endpoint=${id}&event_type=purchase_request.submitted&status=failed`)
        .set('Authorization', auth.admin!);
      expect(failed.body.count).toBe(3);
      const none = await api(h)
        .get(`/api/webhooks/deliveries/?endpoint=${id}&event_type=order.created`)
        .set('Authorization', auth.admin!);
      expect(none.body.count).toBe(0);
      await waitForEmail(
        (m) => m.to.includes('admin@example.com') && m.subject === `Webhook endpoint disabled: ${broken.url}`,
      );
      const reenabled = await api(h)
        .patch(`/api/webhooks/endpoints/${id}/`)
        .set('Authorization', auth.admin!)
        .send({ is_active: true });
      expect(reenabled.body).toEqual(expect.objectContaining({ is_active: true, disabled_reason: null }));
    } finally {
      await broken.close();
    }
  });

  it('keeps signing with the old secret for 24 hours after a rotation', async () => {
    const receiver = await startReceiver(reply(200));
    try {
      const { id, secret: oldSecret } = await register(receiver.url);
      const rotated = await api(h)
        .post(`/api/webhooks/endpoints/${id}/rotate-secret/`)
        .set('Authorization', auth.admin!);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(oldSecret);
      expect(Date.parse(rotated.body.secret_rotated_until) - Date.now()).toBeGreaterThan(23 * 3600 * 1000);
      await submitRequest();
      await until(() => receiver.calls.length >= 1);
      const [call] = receiver.calls;
      expect(String(call!.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifySignature(oldSecret, call!.headers, call!.body)).toBe(true);
      expect(verifySignature(rotated.body.secret, call!.headers, call!.body)).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhook administration', () => {
  it('serves the event catalogue with examples, and keeps endpoints for admins', async () => {
    const catalogue = await api(h).get('/api/webhooks/event-types/').set('Authorization', auth.alice!);
    expect(catalogue.body.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['purchase_request.submitted', 'order.updated', 'shipment.delivered']),
    );
    expect(catalogue.body.every((e: { example: { id: string } }) => e.example.id.startsWith('evt_'))).toBe(true);
    expectProblem(
      await api(h)
        .post('/api/webhooks/endpoints/')
        .set('Authorization', auth.alice!)
        .send({ url: 'https://example.com/hook' }),
      403,
    );
    expectProblem(
      await api(h)
        .post('/api/webhooks/endpoints/')
        .set('Authorization', auth.admin!)
        .send({ url: 'ftp://example.com/hook' }),
      400,
    );
    expectProblem(
      await api(h)
        .post('/api/webhooks/endpoints/')
        .set('Authorization', auth.admin!)
        .send({ url: 'https://example.com/hook', event_types: ['nope'] }),
      400,
    );
  });
});
