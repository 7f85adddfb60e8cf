import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { Harness } from '../support/harness';
import { api, expectProblem } from '../support/http';
import { createOrder } from '../support/orders';
import { act, createDraft, teamId, userId } from '../support/requests';
import {
  apiToken,
  as,
  bot,
  completeAndSettle,
  pdf,
  problemShape,
  snapshot,
  startSecurityHarness,
  upload,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startSecurityHarness();
}, 120_000);
afterAll(() => h?.stop());

/** A request walked to COMPLETED (amount under 1000: managers, then finance), with the order it opened. */
async function completedRequest(subject: string): Promise<{ id: string; orderId: string }> {
  const id = await createDraft(h, as('alice'), { subject, amount: '500.00' });
  expect((await act(h, as('alice'), id, 'submit')).status).toBe(200);
  expect((await act(h, as('bob'), id, 'approve')).status).toBe(200);
  expect((await act(h, as('mallory'), id, 'approve')).body.status.code).toBe('FINANCE_REVIEW');
  const order = await completeAndSettle(id);
  return { id, orderId: order.id };
}

describe('API1:2023 Broken Object Level Authorization', () => {
  let draftId: string;
  let attachmentId: string;
  let inReviewId: string;
  let completed: { id: string; orderId: string };
  let manualOrderId: string;

  beforeAll(async () => {
    draftId = await createDraft(h, as('alice'), { subject: 'BOLA draft' });
    const uploaded = await upload(draftId, as('alice'), pdf);
    expect(uploaded.status).toBe(201);
    attachmentId = uploaded.body.id;
    inReviewId = await createDraft(h, as('alice'), { subject: 'BOLA in review' });
    expect((await act(h, as('alice'), inReviewId, 'submit')).status).toBe(200);
    completed = await completedRequest('BOLA completed');
    manualOrderId = (await createOrder(h, as('paula'))).id;
  }, 120_000);

  it('answers another team’s request with the same 404 as a request that does not exist, for every operation, changing nothing', async () => {
    const missing = randomUUID();
    const before = await snapshot();
    const attempts: Array<[string, (id: string) => request.Test]> = [
      ['GET detail', (id) => api(h).get(`/api/prs/requests/${id}/`)],
      ['GET timeline', (id) => api(h).get(`/api/prs/requests/${id}/timeline/`)],
      ['PATCH', (id) => api(h).patch(`/api/prs/requests/${id}/`).send({ subject: 'Taken over' })],
      ['submit', (id) => api(h).post(`/api/prs/requests/${id}/submit/`).send({})],
      ['approve', (id) => api(h).post(`/api/prs/requests/${id}/approve/`).send({})],
      ['reject', (id) => api(h).post(`/api/prs/requests/${id}/reject/`).send({ comment: 'Not on my watch, sorry' })],
      ['withdraw', (id) => api(h).post(`/api/prs/requests/${id}/withdraw/`).send({})],
      ['complete', (id) => api(h).post(`/api/prs/requests/${id}/complete/`).send({})],
      [
        'upload',
        (id) =>
          api(h)
            .post(`/api/prs/requests/${id}/attachments/`)
            .attach('file', pdf, { filename: 'x.pdf', contentType: 'application/pdf' }),
      ],
    ];
    for (const id of [draftId, inReviewId, completed.id]) {
      for (const [label, attempt] of attempts) {
        const foreign = await attempt(id).set('Authorization', as('erin')); // Engineering: none of these are hers
        const nothing = await attempt(missing).set('Authorization', as('erin'));
        expectProblem(foreign, 404);
        expect({ label, ...problemShape(foreign) }).toEqual({ label, ...problemShape(nothing) });
      }
    }
    // An approver of the team does not see a draft before it is submitted.
    expectProblem(await api(h).get(`/api/prs/requests/${draftId}/`).set('Authorization', as('bob')), 404);
    expect(await snapshot()).toEqual(before);
    // The owner still sees all of them.
    for (const id of [draftId, inReviewId, completed.id])
      expect((await api(h).get(`/api/prs/requests/${id}/`).set('Authorization', as('alice'))).status).toBe(200);
  });

  it('never widens a list through its filters: another team’s requests stay out of lists, search and inboxes', async () => {
    const aliceId = await userId(h, 'alice');
    const marketing = await teamId(h, 'Marketing');
    for (const query of [
      `?requestor=${aliceId}`,
      `?team=${marketing}`,
      '?search=BOLA',
      `?requestor=${aliceId}&team=${marketing}&status=DRAFT,PENDING_APPROVAL,COMPLETED`,
    ]) {
      const res = await api(h).get(`/api/prs/requests/${query}`).set('Authorization', as('erin'));
      expect({ query, status: res.status, count: res.body.count, results: res.body.results }).toEqual({
        query,
        status: 200,
        count: 0,
        results: [],
      });
    }
    const inbox = await api(h).get('/api/prs/requests/inbox/').set('Authorization', as('erin'));
    expect(inbox.body.results.map((r: { id: string }) => r.id)).not.toContain(inReviewId);
    const own = await api(h).get('/api/prs/requests/?search=BOLA').set('Authorization', as('alice'));
    expect(own.body.results.map((r: { id: string }) => r.id).sort()).toEqual(
      [draftId, inReviewId, completed.id].sort(),
    );
  });

  it('refuses another team’s attachment (download, delete) with 404, leaving the file in place', async () => {
    const before = await snapshot();
    for (const user of ['erin', 'bob', 'carol'] as const) {
      expectProblem(
        await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', as(user)),
        404,
      );
      expectProblem(await api(h).delete(`/api/prs/attachments/${attachmentId}/`).set('Authorization', as(user)), 404);
    }
    expect(await snapshot()).toEqual(before);
    const own = await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', as('alice'));
    expect(own.status).toBe(200);
  });

  it('answers another user’s order with 404 (read, status change, notes, shipping) and keeps it out of lists', async () => {
    const before = await snapshot();
    const missing = randomUUID();
    const attempts: Array<[string, (id: string) => request.Test]> = [
      ['GET', (id) => api(h).get(`/api/orders/${id}/`)],
      ['PATCH status', (id) => api(h).patch(`/api/orders/${id}/status/`).send({ status: 'cancelled' })],
      ['POST note', (id) => api(h).post(`/api/orders/${id}/notes/`).send({ note: 'Please ship to my home instead' })],
      [
        'POST shipping',
        (id) => api(h).post('/api/shipping/').send({ order_id: id, carrier: 'UPS', tracking_number: '1Z999' }),
      ],
    ];
    // erin: another team; bob: approved the request but orders are for its requestor; alice: not her manual order.
    for (const [user, id] of [
      ['erin', completed.orderId],
      ['bob', completed.orderId],
      ['erin', manualOrderId],
      ['alice', manualOrderId],
    ] as const) {
      for (const [label, attempt] of attempts) {
        const foreign = await attempt(id).set('Authorization', as(user));
        const nothing = await attempt(missing).set('Authorization', as(user));
        // Shipping is for procurement: decided before the body (and its order id) is read.
        expectProblem(foreign, label === 'POST shipping' ? 403 : 404);
        expect({ user, label, ...problemShape(foreign) }).toEqual({ user, label, ...problemShape(nothing) });
      }
      const list = await api(h).get('/api/orders/').set('Authorization', as(user));
      expect(list.body.results.map((o: { id: string }) => o.id)).not.toContain(id);
    }
    // Neither the approver nor another team learns the order through the request detail.
    expect(
      (await api(h).get(`/api/prs/requests/${completed.id}/`).set('Authorization', as('bob'))).body.purchase_order,
    ).toBeNull();
    expect(await snapshot()).toEqual(before);
    expect((await api(h).get(`/api/orders/${completed.orderId}/`).set('Authorization', as('alice'))).status).toBe(200);
  });

  it('applies the same object checks to API tokens: another team’s token gets 404', async () => {
    const erinToken = await apiToken(await bot('engineering-intake', 'Engineering'), [
      'requests:read',
      'requests:write',
      'approvals:write',
      'orders:read',
    ]);
    const before = await snapshot(['purchaseRequests', 'approvals', 'attachments', 'purchaseOrders']);
    expectProblem(await api(h).get(`/api/prs/requests/${inReviewId}/`).set('Authorization', erinToken.header), 404);
    expectProblem(await act(h, erinToken.header, inReviewId, 'approve'), 404);
    expectProblem(
      await api(h).get(`/api/prs/attachments/${attachmentId}/download/`).set('Authorization', erinToken.header),
      404,
    );
    expectProblem(await api(h).get(`/api/orders/${completed.orderId}/`).set('Authorization', erinToken.header), 404);
    expect(await snapshot(['purchaseRequests', 'approvals', 'attachments', 'purchaseOrders'])).toEqual(before);
  });
});
