/**
 * File types recognised by their content (magic bytes and structure), never by the name the user gave.
 * Every upload and every stored document passes through `detectFileType`; what it does not recognise,
 * or what a context does not admit, is refused with UNSUPPORTED_FILE_TYPE.
 */
import { DomainError } from '../errors';

export interface DetectedType {
  mediaType: string;
  extension: string;
}

type Detector = (bytes: Uint8Array) => DetectedType | undefined;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

const latin1Includes = (bytes: Uint8Array, needle: string, limit = bytes.length): boolean => {
  const text = ascii(bytes, 0, limit);
  return text.includes(needle);
};

const pdf: Detector = (b) =>
  // "%PDF-" may be preceded by a little junk (the spec tolerates it within the first 1024 bytes).
  latin1Includes(b, '%PDF-', 1024) ? { mediaType: 'application/pdf', extension: 'pdf' } : undefined;

const png: Detector = (b) =>
  startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? { mediaType: 'image/png', extension: 'png' } : undefined;

const jpeg: Detector = (b) => (startsWith(b, [0xff, 0xd8, 0xff]) ? { mediaType: 'image/jpeg', extension: 'jpg' } : undefined);

const tiff: Detector = (b) =>
  startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])
    ? { mediaType: 'image/tiff', extension: 'tif' }
    : undefined;

/** ZIP containers: OOXML and ODF are recognised by their first entries, anything else is a plain ZIP. */
const zip: Detector = (b) => {
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return undefined;
  const head = ascii(b, 0, 4096);
  if (head.startsWith('mimetype', 30)) {
    if (head.includes('application/vnd.oasis.opendocument.text')) return { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' };
    if (head.includes('application/vnd.oasis.opendocument.spreadsheet'))
      return { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extension: 'ods' };
  }
  const entries = ascii(b, 0, Math.min(b.length, 65536));
  if (entries.includes('word/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
  if (entries.includes('xl/')) return { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
  return { mediaType: 'application/zip', extension: 'zip' };
};

/**
 * CMS SignedData in DER (a CAdES .p7m): a SEQUENCE whose first element is the OID 1.2.840.113549.1.7.2.
 * Base64/PEM-wrapped envelopes are not accepted: they must be decoded first.
 */
const SIGNED_DATA_OID = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
const cms: Detector = (b) => {
  if (b[0] !== 0x30) return undefined;
  const lengthByte = b[1] ?? 0;
  const headerLength = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
  return startsWith(b, SIGNED_DATA_OID, headerLength) ? { mediaType: 'application/pkcs7-mime', extension: 'p7m' } : undefined;
};

/** Text formats: valid UTF-8 without NUL bytes, then told apart by their first characters. */
const text: Detector = (b) => {
  if (b.includes(0)) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, 64 * 1024));
  } catch {
    return undefined;
  }
  const head = decoded.replace(/^\uFEFF/, '').trimStart();
  if (/^<(!doctype\s+html|html)[\s>]/i.test(head)) return { mediaType: 'text/html', extension: 'html' };
  if (head.startsWith('<?xml') || /^<[A-Za-z_][\w.:-]*[\s>/]/.test(head)) return { mediaType: 'application/xml', extension: 'xml' };
  if (/^(Return-Path|Received|From|Message-ID|MIME-Version|Date|Subject|To|Delivered-To|X-[\w-]+):/im.test(head.slice(0, 2048)) && /\r?\n\r?\n/.test(head))
    return { mediaType: 'message/rfc822', extension: 'eml' };
  return { mediaType: 'text/plain', extension: 'txt' };
};

const gif: Detector = (b) => (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' ? { mediaType: 'image/gif', extension: 'gif' } : undefined);

/** Windows bitmap: "BM", then the file size in the header must match. */
const bmp: Detector = (b) =>
  startsWith(b, [0x42, 0x4d]) && b.length >= 26 && (b[2]! | (b[3]! << 8) | (b[4]! << 16) | (b[5]! << 24)) === b.length ? { mediaType: 'image/bmp', extension: 'bmp' } : undefined;

// Order matters: binary signatures first, text last; CMS before PDF, because a .p7m enveloping a PDF
// carries "%PDF-" within its first KiB.
const detectors: readonly Detector[] = [cms, pdf, png, jpeg, tiff, gif, bmp, zip, text];

export function detectFileType(bytes: Uint8Array): DetectedType | undefined {
  if (bytes.length === 0) return undefined;
  for (const detect of detectors) {
    const found = detect(bytes);
    if (found) return found;
  }
  return undefined;
}

/** What a case file accepts by default: documents, scans, signed envelopes, mail, spreadsheets. */
export const CASE_DOCUMENT_TYPES: readonly string[] = [
  'application/pdf',
  'application/pkcs7-mime',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/xml',
  'message/rfc822',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
];

/** The detected type, or UNSUPPORTED_FILE_TYPE when the content is unknown or not admitted here. */
export function assertAdmitted(bytes: Uint8Array, admitted: readonly string[] = CASE_DOCUMENT_TYPES): DetectedType {
  const type = detectFileType(bytes);
  if (!type || !admitted.includes(type.mediaType)) throw new DomainError('UNSUPPORTED_FILE_TYPE');
  return type;
}

/**
 * Formats admitted to preservation: the brochure's list as far as it can be told by content
 * (csv/txt/log are text/plain; eml is message/rfc822; signed envelopes .p7m per Allegato 2).
 * Not admitted: OLE2 legacy Office files (doc/xls/ppt/msg: "No" or not listed in Allegato 2) and
 * Apple iWork files (not in Allegato 2), which need an interoperability assessment first.
 */
export const PRESERVATION_TYPES: readonly string[] = [
  'application/pdf',
  'application/pkcs7-mime',
  'text/plain',
  'application/xml',
  'message/rfc822',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/gif',
  'image/bmp',
  'application/zip',
];
