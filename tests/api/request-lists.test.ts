import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, teamId, userId } from '../support/requests';
import { compactRequestCounts } from '../../db/repositories/request-counts.repository';

let h: Harness;
const auth: Record<string, string> = {};
const ids: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank', 'erin', 'admin']) auth[user] = await bearer(h, user);
  ids.draft = await createDraft(h, auth.alice!, {
    subject: 'Office chairs',
    vendor_name: 'Chairs Inc',
    amount: '300.00',
    purchase_type: 'GOODS',
  });
  ids.review = await createDraft(h, auth.alice!, {
    subject: 'Agency retainer',
    vendor_name: 'Ad Agency',
    amount: '8000.00',
    purchase_type: 'SERVICES',
  });
  ids.finance = await createDraft(h, auth.alice!, {
    subject: 'Printer toner',
    vendor_name: 'Toner World',
    amount: '120.00',
  });
  ids.engineering = await createDraft(h, auth.erin!, {
    team: await teamId(h, 'Engineering'),
    subject: 'Build servers',
    amount: '2500.00',
  });
  await act(h, auth.alice!, ids.review, 'submit');
  await act(h, auth.alice!, ids.finance, 'submit');
  await act(h, auth.bob!, ids.finance, 'approve');
  await act(h, auth.mallory!, ids.finance, 'approve');
  await h
    .knex('purchaseRequests')
    .where({ id: ids.draft })
    .update({ createdAt: new Date('2026-01-10T12:00:00Z') });
});
afterAll(() => h.stop());

const list = async (user: string, query = '') => {
  const res = await api(h).get(`/api/prs/requests/${query}`).set('Authorization', auth[user]!);
  expect(res.status).toBe(200);
  return res.body.results.map((r: { id: string }) => r.id).sort();
};
const sorted = (...keys: string[]) => keys.map((key) => ids[key]).sort();

describe('visibility', () => {
  it('gives each role exactly what api.md says', async () => {
    expect(await list('alice')).toEqual(sorted('draft', 'review', 'finance'));
    expect(await list('bob')).toEqual(sorted('review', 'finance')); // waits for him or he acted; drafts never
    expect(await list('carol')).toEqual([]); // no step has reached her yet
    expect(await list('frank')).toEqual(sorted('finance'));
    expect(await list('erin')).toEqual(sorted('engineering'));
    expect(await list('admin')).toEqual(sorted('draft', 'review', 'finance', 'engineering'));
  });

  it('answers 404 for a request the caller may not see', async () => {
    for (const [user, key] of [
      ['erin', 'review'],
      ['bob', 'draft'],
      ['frank', 'review'],
      ['carol', 'review'],
    ] as const) {
      expectProblem(await api(h).get(`/api/prs/requests/${ids[key]}/`).set('Authorization', auth[user]!), 404);
    }
  });
});

describe('filters and ordering', () => {
  it('applies every filter', async () => {
    expect(await list('admin', '?status=DRAFT')).toEqual(sorted('draft', 'engineering'));
    expect(await list('admin', '?status=PENDING_APPROVAL,FINANCE_REVIEW')).toEqual(sorted('review', 'finance'));
    expect(await list('admin', `?team=${await teamId(h, 'Engineering')}`)).toEqual(sorted('engineering'));
    expect(await list('admin', `?requestor=${await userId(h, 'erin')}`)).toEqual(sorted('engineering'));
    expect(await list('admin', '?purchase_type=SERVICES')).toEqual(sorted('review'));
    expect(await list('admin', '?min_amount=2500')).toEqual(sorted('review', 'engineering'));
    expect(await list('admin', '?max_amount=300.00')).toEqual(sorted('draft', 'finance'));
    expect(await list('admin', '?created_to=2026-01-10')).toEqual(sorted('draft'));
    expect(await list('admin', '?created_from=2026-02-01')).toEqual(sorted('review', 'finance', 'engineering'));
    expect(await list('admin', '?search=toner')).toEqual(sorted('finance'));
    expect(await list('admin', '?search=AGENCY')).toEqual(sorted('review'));
  });

  it('orders by the whitelisted fields and refuses the rest', async () => {
    const res = await api(h).get('/api/prs/requests/?ordering=-amount').set('Authorization', auth.admin!);
    expect(res.body.results.map((r: { amount: string }) => r.amount)).toEqual([
      '8000.00',
      '2500.00',
      '300.00',
      '120.00',
    ]);
    const asc = await api(h).get('/api/prs/requests/?ordering=amount&page_size=2').set('Authorization', auth.admin!);
    expect(asc.body).toEqual(
      expect.objectContaining({ count: 4, previous: null, next: expect.stringContaining('page=2') }),
    );
    for (const query of [
      '?ordering=password_hash',
      '?status=NOPE',
      '?min_amount=-1',
      '?created_from=yesterday',
      '?team=1',
      '?page_size=101',
      '?unknown=1',
    ]) {
      expectProblem(await api(h).get(`/api/prs/requests/${query}`).set('Authorization', auth.admin!), 400);
    }
  });
});

describe('inboxes', () => {
  it('lists what waits for the caller, and finance review for finance reviewers only', async () => {
    const inbox = async (user: string) =>
      (await api(h).get('/api/prs/requests/inbox/').set('Authorization', auth[user]!)).body.results
        .map((r: { id: string }) => r.id)
        .sort();
    expect(await inbox('bob')).toEqual(sorted('review'));
    expect(await inbox('mallory')).toEqual(sorted('review'));
    expect(await inbox('frank')).toEqual(sorted('finance'));
    expect(await inbox('alice')).toEqual([]);
    const finance = await api(h).get('/api/prs/requests/finance-inbox/').set('Authorization', auth.frank!);
    expect(finance.body.results.map((r: { id: string; status: { code: string } }) => [r.id, r.status.code])).toEqual([
      [ids.finance, 'FINANCE_REVIEW'],
    ]);
    expectProblem(await api(h).get('/api/prs/requests/finance-inbox/').set('Authorization', auth.bob!), 403);
  });
});

describe('totals', () => {
  const total = async (user: string, query: string) => {
    const res = await api(h).get(`/api/prs/requests/${query}`).set('Authorization', auth[user]!);
    expect(res.status).toBe(200);
    return res.body.count as number;
  };
  const rowsWhere = async (where: Record<string, unknown>) =>
    Number((await h.knex('purchaseRequests').where(where).count('* as n'))[0]!.n);

  it('gives admins exact totals from the kept counts, through inserts, status changes, team moves and deletes', async () => {
    const marketing = await teamId(h, 'Marketing');
    const engineering = await teamId(h, 'Engineering');
    const expectAgreement = async () => {
      for (const [query, where] of [
        ['?page_size=1', {}],
        ['?status=DRAFT&page_size=1', { status: 'DRAFT' }],
        ['?status=FINANCE_REVIEW,IN_REVIEW,PENDING_APPROVAL&page_size=1', null],
        [`?team=${marketing}&page_size=1`, { teamId: marketing }],
        [
          `?requestor=${await userId(h, 'erin')}&status=DRAFT`,
          { requestorId: await userId(h, 'erin'), status: 'DRAFT' },
        ],
      ] as const) {
        const expected = where
          ? await rowsWhere(where)
          : Number(
              (
                await h
                  .knex('purchaseRequests')
                  .whereIn('status', ['FINANCE_REVIEW', 'IN_REVIEW', 'PENDING_APPROVAL'])
                  .count('* as n')
              )[0]!.n,
            );
        expect({ query, count: await total('admin', query) }).toEqual({ query, count: expected });
      }
      // A filter the counts do not cover is counted from the rows, and agrees.
      expect(await total('admin', '?purchase_type=GOODS&page_size=1')).toBe(await rowsWhere({ purchaseType: 'GOODS' }));
      const [totals, deltas] = await Promise.all([
        h.knex('purchaseRequestCounts').sum('n as n'),
        h.knex('purchaseRequestCountDeltas').sum('delta as n'),
      ]);
      expect(Number(totals[0]!.n ?? 0) + Number(deltas[0]!.n ?? 0)).toBe(await rowsWhere({}));
    };
    await expectAgreement();
    const extra = await createDraft(h, auth.alice!, { subject: 'Totals check' });
    await expectAgreement();
    await h.knex('purchaseRequests').where({ id: extra }).update({ teamId: engineering, status: 'CANCELLED' });
    await expectAgreement();
    await h.knex('purchaseRequests').where({ id: extra }).update({ subject: 'No key change' });
    await expectAgreement();
    await h.knex('purchaseRequests').where({ id: extra }).delete();
    await expectAgreement();
    // The worker folds the deltas into the totals; the answers stay the same, the deltas are gone.
    expect(await compactRequestCounts(h.knex)).toBeGreaterThan(0);
    expect(await h.knex('purchaseRequestCountDeltas').count('* as n')).toEqual([{ n: 0 }]);
    await expectAgreement();
    await createDraft(h, auth.alice!, { subject: 'After folding' });
    await expectAgreement();
  });

  it('counts the visible rows for everyone else, and past the last page', async () => {
    const hers = await rowsWhere({ requestorId: await userId(h, 'alice') }); // her own, nothing else
    expect(await total('alice', '?page_size=1')).toBe(hers);
    expect(await total('bob', '?page_size=1')).toBe(2);
    expect(await total('alice', '?page=50')).toBe(hers); // past the end: the total still answers
    expect(await total('admin', '?page=50')).toBe(await rowsWhere({}));
  });
});
