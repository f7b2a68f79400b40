import { assertAdmitted, detectFileType } from './file-types';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectFileType', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'), 'application/pdf', 'pdf'],
    ['a PDF with leading junk', bytes('\n\n  %PDF-1.4\n'), 'application/pdf', 'pdf'],
    ['a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png', 'png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg', 'jpg'],
    ['a little-endian TIFF', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0]), 'image/tiff', 'tif'],
    ['a DOCX', bytes([0x50, 0x4b, 0x03, 0x04], '\x14\x00'.repeat(13), '[Content_Types].xml word/document.xml'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
    ['an XLSX', bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), '[Content_Types].xml xl/workbook.xml'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx'],
    ['an ODT', bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), 'mimetypeapplication/vnd.oasis.opendocument.text'), 'application/vnd.oasis.opendocument.text', 'odt'],
    ['a plain ZIP', bytes([0x50, 0x4b, 0x03, 0x04], 'x'.repeat(26), 'readme.txt'), 'application/zip', 'zip'],
    ['an XML document', bytes('<?xml version="1.0"?><Segnatura/>'), 'application/xml', 'xml'],
    ['an XML document without declaration', new Uint8Array(Buffer.from('\uFEFF<daticert xmlns="x">', 'utf8')), 'application/xml', 'xml'],
    ['an HTML page', bytes('<!DOCTYPE html><html>'), 'text/html', 'html'],
    ['an e-mail', bytes('Return-Path: <a@b.it>\r\nSubject: x\r\n\r\nbody'), 'message/rfc822', 'eml'],
    ['plain UTF-8 text', bytes('Verbale di mediazione – accordo raggiunto'), 'text/plain', 'txt'],
  ])('recognises %s by content', (_name, content, mediaType, extension) => {
    expect(detectFileType(content)).toEqual({ mediaType, extension });
  });

  it('recognises a DER CMS SignedData envelope (.p7m)', () => {
    const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
    expect(detectFileType(bytes([0x30, 0x82, 0x01, 0x00], oid))?.extension).toBe('p7m');
    expect(detectFileType(bytes([0x30, 0x0b], oid))?.extension).toBe('p7m');
  });

  it.each([
    ['a Windows executable', bytes('MZ\x90\x00\x03\x00\x00\x00\x04\x00')],
    ['an ELF binary', bytes('\x7fELF\x02\x01\x01\x00')],
    ['invalid UTF-8', bytes([0x41, 0xc3, 0x28, 0x41])],
    ['nothing', new Uint8Array()],
  ])('does not recognise %s', (_name, content) => {
    expect(detectFileType(content)).toBeUndefined();
  });
});

describe('assertAdmitted', () => {
  it('refuses an executable renamed to .pdf, whatever its name says', () => {
    expect(() => assertAdmitted(bytes('MZ\x90\x00fake.pdf'))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FILE_TYPE' }));
  });

  it('refuses a recognised type that the context does not admit', () => {
    expect(() => assertAdmitted(bytes('<!DOCTYPE html><html>'))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FILE_TYPE' }));
    expect(() => assertAdmitted(bytes('%PDF-1.7'), ['image/png'])).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_FILE_TYPE' }));
  });

  it('returns the detected type when admitted', () => {
    expect(assertAdmitted(bytes('%PDF-1.7'))).toEqual({ mediaType: 'application/pdf', extension: 'pdf' });
  });
});
