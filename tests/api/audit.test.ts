import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, userId } from '../support/requests';
import pino from 'pino';
import { startHousekeeping } from '../../worker/housekeeping';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'carol', 'frank', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

const logs = async (query: string) => {
  const res = await api(h).get(`/api/audit/logs/?page_size=100&${query}`).set('Authorization', auth.admin!);
  expect(res.status).toBe(200);
  return res.body.results as Array<{
    id: number;
    action: string;
    actor: { user_id: string | null; token_id: string | null };
    old_values: Record<string, unknown> | null;
    new_values: Record<string, unknown> | null;
    request_id: string | null;
  }>;
};

describe('the audit log', () => {
  it('records a full approval chain in order, from the API and from the workflow', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Audited' });
    await act(h, auth.alice!, id, 'submit');
    for (const user of ['bob', 'mallory', 'carol']) await act(h, auth[user]!, id, 'approve');
    await act(h, auth.frank!, id, 'complete', { comment: 'Paid' });
    const rows = await logs(`resource_type=purchase_request&resource_id=${id}`);
    const decided = rows.filter((row) =>
      ['purchase_request.submit', 'purchase_request.approve', 'purchase_request.complete'].includes(row.action),
    );
    expect(decided.map((row) => row.action)).toEqual([
      'purchase_request.submit',
      'purchase_request.approve',
      'purchase_request.approve',
      'purchase_request.approve',
      'purchase_request.complete',
    ]);
    expect(decided.map((row) => row.actor.user_id)).toEqual(
      await Promise.all(['alice', 'bob', 'mallory', 'carol', 'frank'].map((u) => userId(h, u))),
    );
    expect(decided.at(-1)).toEqual(
      expect.objectContaining({
        old_values: expect.objectContaining({ status: 'FINANCE_REVIEW' }),
        new_values: expect.objectContaining({ status: 'COMPLETED', comment: 'Paid' }),
      }),
    );
    const ids = rows.map((row) => row.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    // One action, one row: the decision's own row carries the API call (request id), no second row.
    expect(decided.every((row) => typeof row.request_id === 'string')).toBe(true);
    expect(await logs(`action=api.approvePurchaseRequest&resource_id=${id}`)).toHaveLength(0);
    expect((await logs(`resource_type=purchase_order`)).some((row) => row.action === 'purchase_order.created')).toBe(
      true,
    );
  });

  it('names resources one way, gives a created object its id, and writes one row per action', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Found by its id' });
    const created = await logs(`resource_id=${id}`);
    expect(created.map((row) => [row.action, (row as unknown as { resource_type: string }).resource_type])).toEqual([
      ['api.createPurchaseRequest', 'purchase_request'],
    ]);
    const submitted = await act(h, auth.alice!, id, 'submit');
    expect(submitted.status).toBe(200);
    const rows = await logs(`resource_id=${id}`);
    expect(rows.filter((row) => row.request_id === submitted.headers['x-request-id']).map((row) => row.action)).toEqual(
      ['purchase_request.submit'],
    );
    const team = await api(h).post('/api/prs/teams/').set('Authorization', auth.admin!).send({ name: 'Audited team' });
    expect(
      (await logs(`resource_id=${team.body.id}`)).map((row) => [
        row.action,
        (row as unknown as { resource_type: string }).resource_type,
      ]),
    ).toEqual([['api.createTeam', 'team']]);
    const types = (await h.knex('auditLogs').distinct('resourceType')).map(
      (row: { resourceType: string }) => row.resourceType,
    );
    for (const type of types)
      expect({ type, singular: /^[a-z]+(_[a-z]+)*$/.test(type) && !/s$/.test(type) }).toEqual({ type, singular: true });
  });

  it('records every call made with an API token, and never a secret', async () => {
    const created = await api(h)
      .post('/api/auth/api-tokens/')
      .set('Authorization', auth.admin!)
      .send({ name: 'auditor', scopes: ['audit:read', 'requests:read'] });
    const token = created.body.token as string;
    expect((await api(h).get('/api/prs/requests/').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const viaToken = await logs(`action=api.listPurchaseRequests`);
    expect(viaToken.at(-1)!.actor).toEqual({ user_id: await userId(h, 'admin'), token_id: created.body.id });
    expect((await api(h).get('/api/audit/logs/').set('Authorization', `Bearer ${token}`)).status).toBe(200); // audit:read, admin owner

    const endpoint = await api(h)
      .post('/api/webhooks/endpoints/')
      .set('Authorization', auth.admin!)
      .send({ url: 'https://93.184.216.34/hook' });
    await api(h)
      .post('/api/auth/change-password/')
      .set('Authorization', auth.carol!)
      .send({ old_password: 'demo-pass-123', new_password: 'a much longer passphrase 42' });
    const everything = JSON.stringify(await h.knex('auditLogs').select('*'));
    for (const secret of [
      token,
      token.split('_').slice(2).join('_'),
      endpoint.body.secret,
      'demo-pass-123',
      'a much longer passphrase 42',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).toContain('[redacted]');
  });

  it('is append-only, and verify finds the row someone edited behind the database’s back', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => createDraft(h, auth.alice!, { subject: `Concurrent audit ${i}` })),
    ); // appends race for the chain
    expect((await api(h).get('/api/audit/verify/').set('Authorization', auth.admin!)).body).toEqual({
      ok: true,
      rows: expect.any(Number),
      unchained: 0,
    });
    await expect(h.knex('auditLogs').update({ action: 'nothing.happened' })).rejects.toThrow(/append-only/);
    await expect(h.knex('auditLogs').delete()).rejects.toThrow(/append-only/);
    // A writer cannot slip in a row that claims its own place in the chain (it would never be verified).
    const forged = {
      occurredAt: new Date(),
      action: 'forged',
      resourceType: 'x',
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    };
    await expect(h.knex('auditLogs').insert(forged)).rejects.toThrow(/chainer/);

    const victim = (await h.knex('auditLogs').orderBy('id').offset(3).first('id')).id;
    // Tampering as someone who owns the table (the runtime role can neither alter nor disable it).
    await h.withOwner(async (owner) => {
      await owner.raw('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update');
      await owner('auditLogs')
        .where({ id: victim })
        .update({ newValues: JSON.stringify({ status: 'COMPLETED' }) });
      await owner.raw('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update');
    });
    const verdict = await api(h).get('/api/audit/verify/').set('Authorization', auth.admin!);
    expect(verdict.body).toEqual(
      expect.objectContaining({ ok: false, broken_at: Number(victim), reason: expect.stringContaining('changed') }),
    );
    expectProblem(await api(h).get('/api/audit/verify/').set('Authorization', auth.alice!), 403);
    expectProblem(await api(h).get('/api/audit/logs/').set('Authorization', auth.alice!), 403);
  });

  it('is chained by the worker shortly after the change commits, without holding up the change', async () => {
    const stop = startHousekeeping(h.knex, pino({ level: 'silent' }), 100);
    try {
      const [{ max: before }] = await h.knex('auditLogs').max('id as max');
      await createDraft(h, auth.alice!, { subject: 'Chained in the background' });
      const row = () => h.knex('auditLogs').where('id', '>', before).orderBy('id').first('hash', 'chainSeq');
      for (let tries = 0; !(await row())?.hash && tries < 100; tries += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await row()).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), chainSeq: expect.any(Number) });
      // Many writers at once: every row gets a distinct place in one unbroken chain.
      await Promise.all(
        Array.from({ length: 8 }, (_, i) => createDraft(h, auth.alice!, { subject: `Chained writer ${i}` })),
      );
      const verdict = await api(h).get('/api/audit/verify/').set('Authorization', auth.admin!);
      expect(verdict.body).toEqual(expect.objectContaining({ ok: false })); // the row edited in the test before stays detected
      const seqs = (await h.knex('auditLogs').whereNotNull('chainSeq').orderBy('chainSeq').select('chainSeq')).map(
        (row: { chainSeq: string }) => Number(row.chainSeq),
      );
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      expect(await h.knex('auditLogs').whereNull('hash').count('* as n')).toEqual([{ n: 0 }]);
    } finally {
      await stop();
    }
  });
});
