import busboy from 'busboy';
import type { AppContext } from './context';
import { BadRequestError, PayloadTooLargeError } from './errors';

export interface UploadedFile {
  filename: string;
  /** What the client claimed; never trusted (the content is sniffed). */
  declaredType: string;
  data: Buffer;
}

export interface MultipartSpec {
  /** The form field that carries files (`file` or `files`). */
  fileField: string;
  maxFiles: number;
  /** Whether a JSON body is accepted instead of multipart. */
  allowJson: boolean;
}

const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 8 * 1024;

/**
 * Reads a multipart/form-data body into memory within limits: each file at most `maxFileBytes` (413),
 * at most `maxFiles` files, small text fields only. The whole body is drained before any answer so the
 * client always receives it.
 */
export function readMultipart(
  ctx: AppContext,
  spec: MultipartSpec,
  maxFileBytes: number,
): Promise<{ fields: Record<string, string>; files: UploadedFile[] }> {
  const declared = Number(ctx.get('Content-Length') || 0);
  // A body this far beyond every limit is refused before reading it.
  if (declared > (maxFileBytes + 64 * 1024) * spec.maxFiles * 2) {
    return Promise.reject(
      new PayloadTooLargeError(`The upload is larger than the limit of ${maxFileBytes} bytes per file.`),
    );
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // busboy stops a file when it reaches `fileSize`: one byte more lets a file of exactly the limit
      // through and marks the first one beyond it. Names and fields are UTF-8 (RFC 7578), not latin1.
      parser = busboy({
        headers: ctx.req.headers,
        defParamCharset: 'utf8',
        defCharset: 'utf8',
        limits: {
          fileSize: maxFileBytes + 1,
          files: spec.maxFiles,
          fields: MAX_FIELDS,
          fieldSize: MAX_FIELD_BYTES,
          parts: MAX_FIELDS + spec.maxFiles,
        },
      });
    } catch {
      reject(new BadRequestError('The multipart body is malformed (missing boundary?).'));
      return;
    }
    const fields: Record<string, string> = {};
    const files: UploadedFile[] = [];
    let problem: Error | undefined;
    const fail = (error: Error) => {
      problem ??= error;
    };
    parser.on('file', (name, stream, info) => {
      if (name !== spec.fileField) {
        fail(new BadRequestError(`Unexpected file field "${name}"; send files as "${spec.fileField}".`));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      // A body cut off mid-file errors the file stream; unhandled, that error would end the process.
      stream.on('error', () => fail(new BadRequestError('The multipart body ended in the middle of a file.')));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () =>
        fail(new PayloadTooLargeError(`"${info.filename}" is larger than the limit of ${maxFileBytes} bytes.`)),
      );
      stream.on('end', () => {
        const data = Buffer.concat(chunks);
        if (data.length > maxFileBytes)
          fail(new PayloadTooLargeError(`"${info.filename}" is larger than the limit of ${maxFileBytes} bytes.`));
        if (!problem) files.push({ filename: info.filename ?? '', declaredType: info.mimeType, data });
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new BadRequestError(`The field "${name}" is too long.`));
      else Object.defineProperty(fields, name, { value, enumerable: true, writable: true, configurable: true }); // `__proto__` is just a name
    });
    parser.on('filesLimit', () => fail(new PayloadTooLargeError(`Send at most ${spec.maxFiles} file(s) at once.`)));
    parser.on('fieldsLimit', () => fail(new BadRequestError('Too many form fields.')));
    parser.on('partsLimit', () => fail(new BadRequestError('Too many parts in the multipart body.')));
    parser.on('error', () => fail(new BadRequestError('The multipart body is malformed.')));
    parser.on('close', () => (problem ? reject(problem) : resolve({ fields, files })));
    // A client that hangs up never ends the parser: give up (and the buffered chunks) at once.
    const abandon = () => {
      parser.destroy();
      reject(new BadRequestError('The upload was interrupted.'));
    };
    ctx.req.once('aborted', abandon);
    ctx.req.once('error', abandon);
    ctx.req.pipe(parser);
  });
}
