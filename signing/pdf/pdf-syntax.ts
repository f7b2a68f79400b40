/** Bits of PDF syntax written by hand in incremental updates. */
import type { PDFObject } from 'pdf-lib';

export function serialize(obj: PDFObject): Buffer {
  const buf = Buffer.alloc(obj.sizeInBytes());
  obj.copyBytesInto(buf, 0);
  return buf;
}

/** A text string as UTF-16BE hex with BOM: safe for any character. */
export function pdfText(s: string): string {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return `<FEFF${b.toString('hex').toUpperCase()}>`;
}

/** A literal string for content streams with a WinAnsi font: Latin-1, escaped; other characters become '?'. */
export function winAnsiLiteral(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const c = code >= 0x20 && code <= 0xff && !(code >= 0x7f && code < 0xa0) ? ch : '?';
    out += c === '(' || c === ')' || c === '\\' ? `\\${c}` : c;
  }
  return `(${out})`;
}

const two = (n: number) => String(n).padStart(2, '0');
/** PDF date (D:YYYYMMDDHHmmSS+00'00'), in UTC. */
export function pdfDate(d: Date): string {
  return `(D:${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}+00'00')`;
}

export function parsePdfDate(s: string): Date | null {
  const m = /D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offset = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0)) * 60_000;
  return new Date(utc - offset);
}

/** Offset of the last `startxref` value of a PDF. */
export function lastStartXref(pdf: Buffer): number {
  const tail = pdf.subarray(Math.max(0, pdf.length - 2048)).toString('latin1');
  const all = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const last = all[all.length - 1];
  if (!last) throw new Error('no startxref');
  return Number(last[1]);
}
