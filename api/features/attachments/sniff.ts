/** What a file really is, from its first bytes: only the types api.md allows are recognised. */
export interface SniffedType {
  mime: string;
  extension: string;
}

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((byte, index) => data[index] === byte);
const contains = (data: Buffer, text: string, encoding: BufferEncoding = 'latin1') =>
  data.includes(Buffer.from(text, encoding));

/** PDF, JPEG, PNG, DOCX, XLSX and XLS by their signatures; anything else (even if named .pdf) is null. */
export function sniffFileType(data: Buffer): SniffedType | null {
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-')
    return { mime: 'application/pdf', extension: 'pdf' };
  if (startsWith(data, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg' };
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', extension: 'png' };
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04])) {
    // Office Open XML is a zip whose part names (stored uncompressed in the headers) say what it is.
    if (!contains(data, '[Content_Types].xml')) return null;
    if (contains(data, 'word/document.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
    if (contains(data, 'xl/workbook.xml'))
      return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
    return null;
  }
  if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE2 compound file is an Excel workbook when it holds a "Workbook" (or BIFF5 "Book") stream.
    if (contains(data, 'Workbook', 'utf16le') || contains(data, 'Book', 'utf16le'))
      return { mime: 'application/vnd.ms-excel', extension: 'xls' };
    return null;
  }
  return null;
}

const allowedExtensions: Record<string, string[]> = { jpg: ['jpg', 'jpeg'] };

/**
 * A file name safe to store and to put in a header: no path, no control or reserved characters, at
 * most 200 characters, and an extension that matches the sniffed content.
 */
export function sanitizeFilename(name: string, type: SniffedType): string {
  const base = name
    .normalize('NFC')
    .replace(/^.*[\\/]/, '')
    // C0 and C1 controls, and the bidirectional controls that make `exe.pdf` read as `fdp.exe`.
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"<>:|?*;]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 200);
  const extension = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1).toLowerCase() : '';
  const allowed = allowedExtensions[type.extension] ?? [type.extension];
  if (!base) return `attachment.${type.extension}`;
  return allowed.includes(extension) ? base : `${base}.${type.extension}`;
}
