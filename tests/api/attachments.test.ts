import { createHash } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness';
import { api, bearer, expectProblem } from '../support/http';
import { act, createDraft, detail } from '../support/requests';

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  h = await startHarness({ worker: true });
  for (const user of ['alice', 'bob', 'mallory', 'erin', 'frank', 'admin']) auth[user] = await bearer(h, user);
});
afterAll(() => h.stop());

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const docx = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('....[Content_Types].xml....word/document.xml....'),
]);
const exe = Buffer.from('MZ\x90\x00 this is a program, not a PDF');

const upload = (id: string, user: string, data: Buffer, filename: string, category?: string) => {
  const req = api(h).post(`/api/prs/requests/${id}/attachments/`).set('Authorization', auth[user]!);
  if (category) req.field('category', category);
  return req.attach('file', data, { filename, contentType: 'application/pdf' });
};

describe('attachments', () => {
  it('stores a file with its sniffed type, sanitised name and sha256, and serves it back', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'With attachments' });
    const res = await upload(id, 'alice', png, '../../etc/pass:wd<x>.pdf', 'Quote');
    expect(res.status).toBe(201);
    expect(res.body).toEqual(
      expect.objectContaining({
        file_type: 'image/png',
        file_size: png.length,
        category: 'Quote',
        sha256: createHash('sha256').update(png).digest('hex'),
      }),
    );
    expect(res.body.filename).toBe('pass_wd_x_.pdf.png'); // no path, no quote, extension from the content

    const download = await api(h)
      .get(`/api/prs/attachments/${res.body.id}/download/`)
      .set('Authorization', auth.alice!)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="pass_wd_x_.pdf.png"; filename*=UTF-8''pass_wd_x_.pdf.png`,
    );
    expect(Buffer.compare(download.body as Buffer, png)).toBe(0);

    const docxRes = await upload(id, 'alice', docx, 'spec.docx');
    expect(docxRes.body.file_type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect((await detail(h, auth.alice!, id)).attachments).toHaveLength(2);
  });

  it('refuses content that is not an allowed type (415), files over 10 MB (413), and JSON bodies (415)', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Refused attachments' });
    expectProblem(await upload(id, 'alice', exe, 'invoice.pdf'), 415);
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
    expectProblem(await upload(id, 'alice', big, 'big.pdf'), 413);
    expectProblem(
      await api(h).post(`/api/prs/requests/${id}/attachments/`).set('Authorization', auth.alice!).send({ file: 'x' }),
      415,
    );
    expect(await h.knex('attachments').where({ requestId: id })).toEqual([]);
  });

  it('checks who uploads, downloads and deletes, and when', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Attachment access' });
    const { body: file } = await upload(id, 'alice', pdf, 'quote.pdf');
    expectProblem(await upload(id, 'erin', pdf, 'x.pdf'), 404);
    expectProblem(await api(h).get(`/api/prs/attachments/${file.id}/download/`).set('Authorization', auth.bob!), 404); // a draft: not his yet
    expectProblem(await api(h).get(`/api/prs/attachments/${file.id}/download/`).set('Authorization', auth.erin!), 404);

    await act(h, auth.alice!, id, 'submit');
    expect((await api(h).get(`/api/prs/attachments/${file.id}/download/`).set('Authorization', auth.bob!)).status).toBe(
      200,
    ); // now an approver
    expect(
      (await api(h).get(`/api/prs/attachments/${file.id}/download/`).set('Authorization', auth.admin!)).status,
    ).toBe(200);
    expectProblem(await api(h).delete(`/api/prs/attachments/${file.id}/`).set('Authorization', auth.alice!), 409); // in review
    expectProblem(await api(h).delete(`/api/prs/attachments/${file.id}/`).set('Authorization', auth.bob!), 403);
    expectProblem(await upload(id, 'alice', pdf, 'late.pdf'), 409);
    expect(await h.knex('attachments').where({ requestId: id })).toHaveLength(1);

    const draft = await createDraft(h, auth.alice!, { subject: 'Attachment removal' });
    const { body: removable } = await upload(draft, 'alice', pdf, 'old.pdf');
    expect(
      (await api(h).delete(`/api/prs/attachments/${removable.id}/`).set('Authorization', auth.alice!)).status,
    ).toBe(204);
    expectProblem(
      await api(h).get(`/api/prs/attachments/${removable.id}/download/`).set('Authorization', auth.alice!),
      404,
    );
  });

  it('submits as multipart with files, which count towards the required categories', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Multipart submit' });
    const res = await api(h)
      .post(`/api/prs/requests/${id}/submit/`)
      .set('Authorization', auth.alice!)
      .field('comment', 'Quotes attached')
      .field('category', 'Quote')
      .attach('files', pdf, 'quote-a.pdf')
      .attach('files', png, 'photo.png');
    expect(res.status).toBe(200);
    expect(res.body.status.code).toBe('PENDING_APPROVAL');
    const view = await detail(h, auth.alice!, id);
    expect(view.attachments.map((a: { filename: string; category: string }) => [a.filename, a.category])).toEqual([
      ['quote-a.pdf', 'Quote'],
      ['photo.png', 'Quote'],
    ]);
    expect(view.approval_history[0]).toEqual(expect.objectContaining({ action: 'SUBMIT', comment: 'Quotes attached' }));
  });
});

describe('malformed uploads', () => {
  it('answers 400 for a multipart body cut off in the middle of a file, and keeps serving', async () => {
    const id = await createDraft(h, auth.alice!, { subject: 'Truncated upload' });
    const truncated =
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then the connection';
    const res = await api(h)
      .post(`/api/prs/requests/${id}/attachments/`)
      .set('Authorization', auth.alice!)
      .set('Content-Type', 'multipart/form-data; boundary=XYZ')
      .send(truncated);
    expectProblem(res, 400);
    const noBoundary = await api(h)
      .post(`/api/prs/requests/${id}/attachments/`)
      .set('Authorization', auth.alice!)
      .set('Content-Type', 'multipart/form-data')
      .send('x');
    expectProblem(noBoundary, 400);
    expect((await detail(h, auth.alice!, id)).attachments).toEqual([]);
  });
});
