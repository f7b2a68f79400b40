/**
 * A small DER writer and BER/DER reader: enough ASN.1 for X.509 certificates and CMS SignedData.
 * Cryptography itself is Node's (node:crypto); this file only lays out and reads bytes. The reader
 * accepts BER's indefinite lengths and constructed OCTET STRINGs, which Italian signing tools emit.
 */

export const Tag = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a single-byte tag. */
export function tlv(tag: number, content: Uint8Array | readonly Uint8Array[]): Buffer {
  const body = content instanceof Uint8Array ? Buffer.from(content) : Buffer.concat(content.map((c) => Buffer.from(c)));
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

export const seq = (...items: Uint8Array[]) => tlv(Tag.SEQUENCE, items);
export const octets = (bytes: Uint8Array) => tlv(Tag.OCTET_STRING, bytes);
export const nullValue = () => Buffer.from([Tag.NULL, 0]);
export const bool = (v: boolean) => tlv(Tag.BOOLEAN, Buffer.from([v ? 0xff : 0]));
export const utf8 = (s: string) => tlv(Tag.UTF8_STRING, Buffer.from(s, 'utf8'));
export const printable = (s: string) => tlv(Tag.PRINTABLE_STRING, Buffer.from(s, 'latin1'));
export const ia5 = (s: string) => tlv(Tag.IA5_STRING, Buffer.from(s, 'latin1'));
/** [n] EXPLICIT (constructed context tag). */
export const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner);
/** [n] IMPLICIT of a constructed type: the inner TLV's tag replaced. */
export const implicitConstructed = (n: number, items: readonly Uint8Array[]) => tlv(0xa0 | n, items);
export const bitString = (bytes: Uint8Array) => tlv(Tag.BIT_STRING, Buffer.concat([Buffer.from([0]), Buffer.from(bytes)]));

/** SET OF in DER order: elements sorted by their encodings. */
export function setOf(items: readonly Uint8Array[]): Buffer {
  const sorted = [...items].map((i) => Buffer.from(i)).sort(Buffer.compare);
  return tlv(Tag.SET, sorted);
}

/** A non-negative INTEGER from big-endian magnitude bytes. */
export function integerBytes(magnitude: Uint8Array): Buffer {
  let b = Buffer.from(magnitude);
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  b = b.subarray(i);
  if (b.length === 0) b = Buffer.from([0]);
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(Tag.INTEGER, b);
}
export const integer = (n: number) => {
  const hex = n.toString(16);
  return integerBytes(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
};

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(Tag.OID, Buffer.from(out));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
export function time(d: Date): Buffer {
  const body = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  const year = d.getUTCFullYear();
  return year < 2050 ? tlv(Tag.UTC_TIME, Buffer.from(`${pad(year % 100)}${body}`)) : tlv(Tag.GENERALIZED_TIME, Buffer.from(`${year}${body}`));
}

// ---------------------------------------------------------------------------------------------
// Reader

export interface Node {
  /** The identifier octet (class, constructed bit, tag number < 31). */
  tag: number;
  constructed: boolean;
  /** The whole element as it appeared (header + content, end-of-contents included). */
  raw: Buffer;
  /** Content octets (for indefinite lengths: without the end-of-contents marker). */
  content: Buffer;
  children: Node[];
}

export class DerError extends Error {}

function readNode(buf: Buffer, pos: number, depth: number): { node: Node; end: number } {
  if (depth > 64) throw new DerError('ASN.1 nested too deeply');
  if (pos + 2 > buf.length) throw new DerError('truncated ASN.1 element');
  const start = pos;
  const tag = buf[pos++]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte ASN.1 tags are not supported');
  const constructed = (tag & 0x20) !== 0;
  let len = buf[pos++]!;
  if (len === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive element');
    const children: Node[] = [];
    let p = pos;
    while (true) {
      if (p + 2 > buf.length) throw new DerError('unterminated indefinite-length element');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      const r = readNode(buf, p, depth + 1);
      children.push(r.node);
      p = r.end;
    }
    return { node: { tag, constructed, raw: buf.subarray(start, p + 2), content: buf.subarray(pos, p), children }, end: p + 2 };
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n > 4 || pos + n > buf.length) throw new DerError('bad ASN.1 length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
  }
  const end = pos + len;
  if (end > buf.length) throw new DerError('ASN.1 element longer than its container');
  const content = buf.subarray(pos, end);
  const children: Node[] = [];
  if (constructed) {
    let p = pos;
    while (p < end) {
      const r = readNode(buf, p, depth + 1);
      if (r.end > end) throw new DerError('ASN.1 child overruns its parent');
      children.push(r.node);
      p = r.end;
    }
  }
  return { node: { tag, constructed, raw: buf.subarray(start, end), content, children }, end };
}

/** Parses one element; trailing bytes are refused unless `allowTrailing`. */
export function parse(bytes: Uint8Array, allowTrailing = false): Node {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { node, end } = readNode(buf, 0, 0);
  if (!allowTrailing && end !== buf.length) throw new DerError('trailing bytes after the ASN.1 element');
  return node;
}

export function child(node: Node, index: number): Node {
  const c = node.children[index];
  if (!c) throw new DerError(`expected an element at position ${index}`);
  return c;
}

export function readOid(node: Node): string {
  if (node.tag !== Tag.OID) throw new DerError('expected an OBJECT IDENTIFIER');
  const b = node.content;
  const parts: number[] = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** OCTET STRING content, joining the chunks of a constructed (BER) one. */
export function readOctets(node: Node): Buffer {
  if ((node.tag & 0x1f) !== Tag.OCTET_STRING && node.tag !== 0x24) throw new DerError('expected an OCTET STRING');
  return node.constructed ? Buffer.concat(node.children.map(readOctets)) : Buffer.from(node.content);
}

export function readTime(node: Node): Date {
  const s = node.content.toString('latin1');
  const m = node.tag === Tag.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw new DerError('unsupported time format');
  let year = Number(m[1]);
  if (node.tag === Tag.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

export function readString(node: Node): string {
  // BMPString is UTF-16BE; everything else used in names is ASCII/Latin-1/UTF-8.
  if (node.tag === 0x1e) {
    const b = Buffer.from(node.content);
    return b.swap16().toString('utf16le');
  }
  return node.content.toString(node.tag === Tag.UTF8_STRING ? 'utf8' : 'latin1');
}
