import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { editableStatuses } from '../../../contracts/purchase-requests';
import { Attachment, PurchaseRequest } from '../../../db/models';
import type { Principal } from '../../auth/principal';
import { assertComplete, lockRequestIn } from '../../../db/repositories/request-checks';
import { RequestIncompleteError, RequestStateConflictError } from '../../../db/repositories/request-errors';
import { ConflictError, NotFoundError, UnsupportedMediaTypeError, ValidationError } from '../../http/errors';
import type { UploadedFile } from '../../http/multipart';
import { findVisibleRequest, requireRequestor } from '../purchase-requests/request-access';
import { sanitizeFilename, sniffFileType } from './sniff';
import type { FileStore } from './storage';

export interface AttachmentDeps {
  knex: Knex;
  files: FileStore;
}

export function requireEditable(request: PurchaseRequest, what: string): void {
  if (!editableStatuses.includes(request.status)) {
    throw new ConflictError(
      `${what} is possible only while the request is a draft, rejected or resubmitted; its status is ${request.status}.`,
    );
  }
}

/**
 * Stores files on a request after checking every one of them (all or nothing): the type comes from
 * the content, the name is sanitised, the sha256 is kept.
 */
export async function attachFiles(
  deps: AttachmentDeps,
  request: PurchaseRequest,
  principal: Principal,
  files: UploadedFile[],
  category: string,
): Promise<Attachment[]> {
  const checked = files.map((file) => {
    const type = sniffFileType(file.data);
    if (!type) {
      throw new UnsupportedMediaTypeError(
        `"${file.filename}" is not a PDF, JPEG, PNG, DOCX, XLSX or XLS file (judged by its content, not its name).`,
      );
    }
    return { file, type, sha256: createHash('sha256').update(file.data).digest('hex') };
  });
  const keys: string[] = [];
  try {
    for (const { file } of checked) keys.push(await deps.files.save(file.data));
    return await deps.knex.transaction(async (trx) => {
      await lockEditable(trx, request.id, 'Attaching files');
      const rows: Attachment[] = [];
      for (const [index, { file, type, sha256 }] of checked.entries()) {
        rows.push(
          await Attachment.query(trx).insertAndFetch({
            requestId: request.id,
            filename: sanitizeFilename(file.filename, type),
            category,
            fileType: type.mime,
            fileSize: file.data.length,
            sha256,
            storageKey: keys[index] as string,
            uploadedBy: principal.userId,
            // The statement's clock, not the transaction's: files sent together keep their order.
            uploadDate: trx.raw('clock_timestamp()') as unknown as Date,
          }),
        );
      }
      return rows;
    });
  } catch (error) {
    await Promise.all(keys.map((key) => deps.files.remove(key)));
    throw error;
  }
}

/** Upload route: the requestor, while the request is editable. */
export async function uploadAttachment(
  deps: AttachmentDeps,
  principal: Principal,
  requestId: string,
  file: UploadedFile | undefined,
  category: string,
) {
  const request = await findVisibleRequest(deps.knex, requestId, principal);
  requireRequestor(request, principal, 'attach files to');
  requireEditable(request, 'Attaching files');
  if (!file) throw new UnsupportedMediaTypeError('Send the file as multipart/form-data in the field "file".');
  const [attachment] = await attachFiles(deps, request, principal, [file], category);
  return attachment as Attachment;
}

/** An attachment of a request the caller may see; otherwise 404. */
export async function findVisibleAttachment(knex: Knex, principal: Principal, id: string): Promise<Attachment> {
  const attachment = await Attachment.query(knex).findById(id);
  if (!attachment) throw new NotFoundError();
  await findVisibleRequest(knex, attachment.requestId, principal);
  return attachment;
}

export async function deleteAttachment(deps: AttachmentDeps, principal: Principal, id: string): Promise<void> {
  const attachment = await findVisibleAttachment(deps.knex, principal, id);
  const request = await findVisibleRequest(deps.knex, attachment.requestId, principal);
  requireRequestor(request, principal, 'remove files from');
  requireEditable(request, 'Removing files');
  await deps.knex.transaction(async (trx) => {
    const locked = await lockEditable(trx, request.id, 'Removing files');
    await Attachment.query(trx).deleteById(id);
    // A resubmitted request is under way: it must stay complete.
    if (locked.status === 'RESUBMITTED') await translated(() => assertComplete(trx, locked));
  });
  await deps.files.remove(attachment.storageKey);
}

/**
 * Takes away the files a refused submit brought, unless the submit happened after all (its outcome
 * was unknown to the caller): judged with the request row locked.
 */
export async function detachUnlessSubmitted(
  deps: AttachmentDeps,
  requestId: string,
  attached: Attachment[],
): Promise<void> {
  if (attached.length === 0) return;
  const removed = await deps.knex.transaction(async (trx) => {
    const request = await trx('purchaseRequests').where({ id: requestId }).forUpdate().first('status');
    if (!request || !['DRAFT', 'REJECTED'].includes(request.status)) return [];
    await Attachment.query(trx)
      .whereIn(
        'id',
        attached.map((a) => a.id),
      )
      .delete();
    return attached;
  });
  await Promise.all(removed.map((attachment) => deps.files.remove(attachment.storageKey)));
}

/** The request's row lock, while it is editable; the state is judged again under the lock. */
async function lockEditable(trx: Knex.Transaction, requestId: string, what: string) {
  return translated(() => lockRequestIn(trx, requestId, editableStatuses), what);
}

async function translated<T>(work: () => Promise<T>, what = 'This change'): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RequestStateConflictError)
      throw new ConflictError(
        `${what} is no longer possible: the request changed state meanwhile (${error.message}). Reload it.`,
      );
    if (error instanceof RequestIncompleteError)
      throw new ValidationError(error.errors, 'A resubmitted request must keep its required attachments.');
    throw error;
  }
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
