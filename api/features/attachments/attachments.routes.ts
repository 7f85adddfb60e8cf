import { z } from '../../http/zod';
import { idParams, text } from '../../http/common.schemas';
import { attachmentSchema } from '../purchase-requests/requests.schemas';
import { defineRoute, type AnyRoute } from '../../http/route';
import type { AppDeps } from '../../app-deps';
import { contentDisposition, deleteAttachment, findVisibleAttachment, uploadAttachment } from './attachments';
import { createFileStore } from './storage';
import { presentAttachment } from '../purchase-requests/requests.presenter';
import { mayActAsRequestor } from '../purchase-requests/request-access';

const exampleAttachment = {
  id: 'a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b',
  filename: 'quote.pdf',
  category: 'Quote',
  file_type: 'application/pdf',
  file_size: 102400,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  upload_date: '2026-01-15T10:30:00.000Z',
  download_url: 'https://procurement.example.com/api/prs/attachments/a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b/download/',
};

export function attachmentRoutes(deps: AppDeps): AnyRoute[] {
  const files = createFileStore(deps.config.storageDir);
  const attachmentDeps = { files };
  return [
    defineRoute({
      method: 'post',
      path: '/prs/requests/{id}/attachments/',
      operationId: 'uploadAttachment',
      scope: 'requests:write',
      summary: 'Attach a file to a request',
      description:
        'Requestor only, while the request is a draft, rejected or resubmitted. multipart/form-data with `file` and an optional `category`. At most MAX_UPLOAD_BYTES (10 MB, 413). PDF, JPEG, PNG, DOCX, XLSX or XLS judged by the content, not the name (415 otherwise).',
      tags: ['Attachments'],
      auth: 'user',
      params: idParams,
      body: z.strictObject({ category: text(100).optional() }),
      multipart: { fileField: 'file', maxFiles: 1, allowJson: false },
      errors: [403, 409],
      authorize: ({ params, principal, db }) => mayActAsRequestor(db, principal, params.id, 'attach files to'),
      responses: { 201: { description: 'Stored', schema: attachmentSchema, example: exampleAttachment } },
      handler: async ({ params, body, files: uploaded, principal, db }) => {
        const attachment = await uploadAttachment(
          { ...attachmentDeps, knex: db },
          principal,
          params.id,
          uploaded[0],
          body.category ?? '',
        );
        return { status: 201, body: presentAttachment(attachment, deps.config.publicBaseUrl) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/prs/attachments/{id}/download/',
      operationId: 'downloadAttachment',
      scope: 'requests:read',
      summary: 'Download an attachment',
      description:
        'For whoever may see the request (requestor, its approvers, finance reviewers, admins). The type is the sniffed one.',
      tags: ['Attachments'],
      auth: 'user',
      params: idParams,
      responses: { 200: { description: 'The file', contentType: 'application/octet-stream' } },
      handler: async ({ params, principal, db }) => {
        const attachment = await findVisibleAttachment(db, principal, params.id);
        return {
          body: files.open(attachment.storageKey),
          headers: {
            'Content-Type': attachment.fileType,
            'Content-Length': String(attachment.fileSize),
            'Content-Disposition': contentDisposition(attachment.filename),
            'Cache-Control': 'private, no-store',
          },
        };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/prs/attachments/{id}/',
      operationId: 'deleteAttachment',
      scope: 'requests:write',
      summary: 'Remove an attachment',
      description: 'Requestor only, while the request is a draft, rejected or resubmitted.',
      tags: ['Attachments'],
      auth: 'user',
      params: idParams,
      errors: [403, 409],
      responses: { 204: { description: 'Removed' } },
      handler: async ({ params, principal, db }) => {
        await deleteAttachment({ ...attachmentDeps, knex: db }, principal, params.id);
        return { status: 204 };
      },
    }),
  ];
}
