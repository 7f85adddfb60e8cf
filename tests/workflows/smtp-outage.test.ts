import { freePort } from '../../scripts/lib/free-port';
import { startHarness, type Harness } from '../support/harness';
import { bearer } from '../support/http';
import { act, createDraft, detail } from '../support/requests';

// SMTP points at a port where nothing listens: every send fails and is retried by Temporal.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: true, env: { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` } });
});
afterAll(() => h.stop());

describe('an SMTP outage', () => {
  it('never holds up the approval chain; the e-mails wait, recorded with their error', async () => {
    const [alice, bob, mallory] = await Promise.all(['alice', 'bob', 'mallory'].map((user) => bearer(h, user)));
    const id = await createDraft(h, alice!, { subject: 'Mail is down', amount: '200.00' });
    expect((await act(h, alice!, id, 'submit')).body.status.code).toBe('PENDING_APPROVAL');
    await act(h, bob!, id, 'approve');
    const last = await act(h, mallory!, id, 'approve');
    expect(last.status).toBe(200);
    expect(last.body.status.code).toBe('FINANCE_REVIEW');
    expect((await detail(h, alice!, id)).status.code).toBe('FINANCE_REVIEW');

    let rows: Array<{ status: string; attempts: number; lastError: string | null }> = [];
    for (let tries = 0; tries < 40 && !rows.some((row) => row.lastError); tries += 1) {
      rows = await h.knex('emails').where({ relatedId: id });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.status === 'pending')).toBe(true);
    expect(rows.some((row) => row.attempts >= 1 && /ECONNREFUSED/.test(row.lastError ?? ''))).toBe(true);
  });
});
