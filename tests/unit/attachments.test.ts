import { sanitizeFilename, sniffFileType } from '../../api/features/attachments/sniff';

const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('file type sniffing', () => {
  it('recognises the allowed types by content', () => {
    expect(sniffFileType(Buffer.from('%PDF-1.7 ...'))?.extension).toBe('pdf');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.mime).toBe('image/jpeg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.mime).toBe('image/png');
    const zip = (part: string) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(`[Content_Types].xml ${part}`)]);
    expect(sniffFileType(zip('xl/workbook.xml'))?.extension).toBe('xlsx');
    expect(sniffFileType(zip('word/document.xml'))?.extension).toBe('docx');
    expect(sniffFileType(Buffer.concat([Buffer.from(ole2), Buffer.from('Workbook', 'utf16le')]))?.extension).toBe(
      'xls',
    );
  });

  it('refuses everything else, whatever it is called', () => {
    expect(sniffFileType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(sniffFileType(Buffer.from('<html><script>'))).toBeNull();
    expect(sniffFileType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull(); // a plain zip
    expect(sniffFileType(Buffer.concat([Buffer.from(ole2), Buffer.from('WordDocument', 'utf16le')]))).toBeNull(); // .doc is not allowed
    expect(sniffFileType(Buffer.alloc(0))).toBeNull();
  });
});

describe('file names', () => {
  const pdf = { mime: 'application/pdf', extension: 'pdf' };
  it('drops paths and unsafe characters and fixes the extension', () => {
    expect(sanitizeFilename('C:\\Users\\x\\quote.pdf', pdf)).toBe('quote.pdf');
    expect(sanitizeFilename('../../etc/passwd', pdf)).toBe('passwd.pdf');
    expect(sanitizeFilename('in"voice\r\n.exe', pdf)).toBe('in_voice__.exe.pdf');
    expect(sanitizeFilename('...', pdf)).toBe('attachment.pdf');
    expect(sanitizeFilename('photo.JPEG', { mime: 'image/jpeg', extension: 'jpg' })).toBe('photo.JPEG');
    expect(sanitizeFilename('x'.repeat(300) + '.pdf', pdf).length).toBeLessThanOrEqual(204);
  });
});
