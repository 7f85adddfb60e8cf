// Issue 12 item 15: the e-mail address receives the account's security notices, so a stolen session
// must not be able to move it, and the answer must not tell whether an address is someone's.
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, DEMO_PASSWORD, expectProblem } from '../support/http';
import { receivedEmails, waitForEmail, type ReceivedEmail } from '../support/mailbox';

let h: Harness;
let carolAuth: string;
beforeAll(async () => {
  h = await startHarness({ worker: true });
  carolAuth = await bearer(h, 'carol');
});
afterAll(() => h.stop());

/** The text of a quoted-printable message, soft line breaks joined. */
const bodyText = (mail: ReceivedEmail) =>
  mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
const codeIn = (mail: ReceivedEmail) => /"token": "(ec_[A-Za-z0-9_-]+)"/.exec(bodyText(mail))?.[1];

describe('PATCH /api/me/ with a new e-mail address', () => {
  it('needs the current password and changes nothing without it or with a wrong one', async () => {
    const before = await h.knex('users').where({ username: 'carol' }).first();
    const missing = await api(h)
      .patch('/api/me/')
      .set('Authorization', carolAuth)
      .send({ email: 'carol.new@example.com' });
    expectProblem(missing, 400);
    expect(missing.body.errors).toHaveProperty('current_password');
    const wrong = await api(h)
      .patch('/api/me/')
      .set('Authorization', carolAuth)
      .send({ email: 'carol.new@example.com', current_password: 'not-her-password' });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toHaveProperty('current_password');
    expect(await h.knex('users').where({ username: 'carol' }).first()).toEqual(before);
    expect(await h.knex('emailChanges').where({ userId: before.id })).toEqual([]);
  });

  it('answers the same for an address another account uses and sends that address nothing', async () => {
    const carol = await h.knex('users').where({ username: 'carol' }).first();
    const bob = await h.knex('users').where({ username: 'bob' }).first();
    const mailsBefore = receivedEmails().length;
    const taken = await api(h)
      .patch('/api/me/')
      .set('Authorization', carolAuth)
      .send({ email: bob.email.toUpperCase(), current_password: DEMO_PASSWORD });
    const free = await api(h)
      .patch('/api/me/')
      .set('Authorization', carolAuth)
      .send({ email: 'carol.free@example.com', current_password: DEMO_PASSWORD });
    expect(taken.status).toBe(200);
    expect(free.status).toBe(200);
    const shape = (body: Record<string, unknown>) => ({
      ...body,
      pending_email: typeof body.pending_email,
      updated_at: typeof body.updated_at,
    });
    expect(shape(taken.body)).toEqual(shape(free.body));
    expect(taken.body.email).toBe(carol.email);

    await waitForEmail((mail) => mail.to.includes('carol.free@example.com'));
    // The notices to carol's own address went out too; none to bob's address.
    await waitForEmail(
      (mail) =>
        mail.to.includes(carol.email) && mail.subject === 'A change of your procurement e-mail address was requested',
    );
    // Other test files e-mail bob too (approvals): only e-mail-change messages count here.
    const changeSubjects = [
      'Confirm your new procurement e-mail address',
      'A change of your procurement e-mail address was requested',
    ];
    const toBob = receivedEmails()
      .slice(mailsBefore)
      .filter(
        (mail) =>
          changeSubjects.includes(mail.subject) && mail.to.some((to) => to.toLowerCase() === bob.email.toLowerCase()),
      );
    expect(toBob).toEqual([]);
    expect((await h.knex('users').where({ id: carol.id }).first()).email).toBe(carol.email);
  });

  it('takes effect only with the code sent to the new address, once', async () => {
    const carol = await h.knex('users').where({ username: 'carol' }).first();
    const requested = await api(h)
      .patch('/api/me/')
      .set('Authorization', carolAuth)
      .send({ email: 'carol.confirmed@example.com', current_password: DEMO_PASSWORD });
    expect(requested.body).toMatchObject({ email: carol.email, pending_email: 'carol.confirmed@example.com' });
    const mail = await waitForEmail((m) => m.to.includes('carol.confirmed@example.com'));
    const code = codeIn(mail);
    expect(code).toBeDefined();

    expectProblem(
      await api(h).post('/api/me/email/confirm/').set('Authorization', carolAuth).send({ token: 'ec_wrong' }),
      400,
    );
    const aliceAuth = await bearer(h, 'alice');
    expectProblem(
      await api(h).post('/api/me/email/confirm/').set('Authorization', aliceAuth).send({ token: code }),
      400,
    );
    expect((await h.knex('users').where({ id: carol.id }).first()).email).toBe(carol.email);

    const confirmed = await api(h).post('/api/me/email/confirm/').set('Authorization', carolAuth).send({ token: code });
    expect(confirmed.status).toBe(200);
    expect((await h.knex('users').where({ id: carol.id }).first()).email).toBe('carol.confirmed@example.com');
    expect((await api(h).get('/api/me/').set('Authorization', carolAuth)).body).toMatchObject({
      email: 'carol.confirmed@example.com',
      pending_email: null,
    });
    await waitForEmail(
      (m) => m.to.includes(carol.email) && m.subject === 'Your procurement e-mail address was changed',
    );
    expectProblem(
      await api(h).post('/api/me/email/confirm/').set('Authorization', carolAuth).send({ token: code }),
      400,
    );
  });
});
