import { randomBytes } from 'node:crypto';
import { createKnex } from '../../db/knex';
import { tenantKnex } from '../../db/tenant-scope';
import { sendOnce } from '../../activities/mail/send-once';
import type { Mailer, OutgoingEmail } from '../../activities/mail/mailer';
import { startHarness, type Harness } from '../support/harness';

// The mail activity's core against the real database, with a mailer that counts what it hands over.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.stop());

const email = (): OutgoingEmail => ({
  messageId: `<send-once.${randomBytes(6).toString('hex')}@test>`,
  to: ['alice@example.com'],
  subject: 'Your request was approved',
  text: 'Approved.',
  html: '<p>Approved.</p>',
});

describe('sendOnce', () => {
  it('does not send again when the database went away between the hand-over and marking it sent', async () => {
    const flaky = createKnex(h.config.database.url, 1);
    const handed: string[] = [];
    const mailer: Mailer = {
      async send(message) {
        handed.push(message.messageId);
        await flaky.destroy(); // the SMTP server took it; now the database is gone for this attempt
      },
      close: () => undefined,
      describe: () => 'counting',
    };
    const message = email();
    await expect(sendOnce(tenantKnex(flaky, h.tenantId), mailer, message, { kind: 'test' })).rejects.toThrow();
    expect(await h.knex('emails').where({ messageId: message.messageId }).first('status', 'attempts')).toEqual({
      status: 'pending',
      attempts: 1,
    });

    // Temporal's retry, on this worker, with the database back.
    expect(await sendOnce(h.knex, mailer, message, { kind: 'test' })).toBe('sent');
    expect(handed).toEqual([message.messageId]);
    expect(await h.knex('emails').where({ messageId: message.messageId }).first('status', 'attempts')).toEqual({
      status: 'sent',
      attempts: 1,
    });
    expect(await sendOnce(h.knex, mailer, message, { kind: 'test' })).toBe('already-sent');
    expect(handed).toHaveLength(1);
  });

  it('sends again after a refused hand-over, recording the error in between', async () => {
    let refuse = true;
    const handed: string[] = [];
    const mailer: Mailer = {
      async send(message) {
        if (refuse) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' });
        handed.push(message.messageId);
      },
      close: () => undefined,
      describe: () => 'counting',
    };
    const message = email();
    await expect(sendOnce(h.knex, mailer, message, { kind: 'test' })).rejects.toThrow(/ECONNREFUSED/);
    expect(await h.knex('emails').where({ messageId: message.messageId }).first('status', 'lastError')).toEqual({
      status: 'pending',
      lastError: expect.stringContaining('ECONNREFUSED'),
    });
    refuse = false;
    expect(await sendOnce(h.knex, mailer, message, { kind: 'test' })).toBe('sent');
    expect(handed).toEqual([message.messageId]);
    expect(
      await h.knex('emails').where({ messageId: message.messageId }).first('status', 'lastError', 'attempts'),
    ).toEqual({ status: 'sent', lastError: null, attempts: 2 });
  });
});
