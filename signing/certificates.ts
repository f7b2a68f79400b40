/**
 * X.509 certificates: issuing (the body's CA, its seal certificate, short-lived certificates of
 * one-shot signers) and reading the fields verification needs. Signatures are Node's; layout is der.ts.
 */
import { X509Certificate, createHash, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as der from './der';
import { OID } from './oids';

export type NameAttribute = [oid: string, value: string];

export interface CertificateRequest {
  subject: NameAttribute[];
  /** The issuer's certificate; omitted for a self-signed root. */
  issuer?: ParsedCertificate;
  /** Key that signs the certificate: the issuer's private key (or the subject's own for a root). */
  signingKey: KeyObject;
  publicKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  /** Certificate-signing authority (root/intermediate), or signer (digitalSignature + nonRepudiation). */
  usage: 'ca' | 'signature';
}

const printableOids = new Set<string>([OID.country, OID.serialNumber]);

export function encodeName(attrs: readonly NameAttribute[]): Buffer {
  return der.seq(
    ...attrs.map(([o, v]) => der.setOf([der.seq(der.oid(o), printableOids.has(o) && /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(v) ? der.printable(v) : der.utf8(v))])),
  );
}

function keyUsage(bits: number[]): Buffer {
  const byteCount = Math.floor(Math.max(...bits) / 8) + 1;
  const bytes = Buffer.alloc(byteCount);
  for (const b of bits) bytes[Math.floor(b / 8)]! |= 0x80 >> b % 8;
  const last = Math.max(...bits);
  const unused = 7 - (last % 8);
  return der.tlv(der.Tag.BIT_STRING, Buffer.concat([Buffer.from([unused]), bytes]));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.seq(der.oid(id), ...(critical ? [der.bool(true)] : []), der.octets(value));
}

/** SHA-1 of the subjectPublicKey BIT STRING content (RFC 5280 §4.2.1.2 method 1). */
function keyIdentifier(spki: Buffer): Buffer {
  const node = der.parse(spki);
  const bits = der.child(node, 1).content.subarray(1);
  return createHash('sha1').update(bits).digest();
}

const sha256WithRsa = () => der.seq(der.oid(OID.sha256WithRSA), der.nullValue());

export function issueCertificate(req: CertificateRequest): ParsedCertificate {
  const spki = req.publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  serial[0]! |= 0x01;
  const subject = encodeName(req.subject);
  const issuerName = req.issuer ? req.issuer.subjectRaw : subject;
  const ski = keyIdentifier(spki);
  const aki = req.issuer ? keyIdentifier(req.issuer.spki) : ski;
  const extensions = [
    extension(OID.basicConstraints, true, req.ca ? der.seq(der.bool(true), der.integer(0)) : der.seq()),
    extension(OID.keyUsage, true, req.usage === 'ca' ? keyUsage([5, 6]) : keyUsage([0, 1])),
    extension(OID.subjectKeyIdentifier, false, der.octets(ski)),
    extension(OID.authorityKeyIdentifier, false, der.seq(der.tlv(0x80, aki))),
  ];
  const tbs = der.seq(
    der.explicit(0, der.integer(2)),
    der.integerBytes(serial),
    sha256WithRsa(),
    issuerName,
    der.seq(der.time(req.notBefore), der.time(req.notAfter)),
    subject,
    spki,
    der.explicit(3, der.seq(...extensions)),
  );
  const signature = sign('sha256', tbs, req.signingKey);
  return parseCertificate(der.seq(tbs, sha256WithRsa(), der.bitString(signature)));
}

export interface NameFields {
  commonName?: string;
  serialNumber?: string;
  givenName?: string;
  surname?: string;
  organization?: string;
  organizationIdentifier?: string;
  country?: string;
}

export interface ParsedCertificate {
  raw: Buffer;
  x509: X509Certificate;
  serialRaw: Buffer;
  serialHex: string;
  issuerRaw: Buffer;
  subjectRaw: Buffer;
  subject: NameFields;
  issuer: NameFields;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  isCa: boolean;
  /** The tax code of an Italian natural person (subject serialNumber "TINIT-…", "IT:…"), if any. */
  taxCode: string | null;
  sha256: string;
}

const nameKeys: Record<string, keyof NameFields> = {
  [OID.commonName]: 'commonName',
  [OID.serialNumber]: 'serialNumber',
  [OID.givenName]: 'givenName',
  [OID.surname]: 'surname',
  [OID.organization]: 'organization',
  [OID.organizationIdentifier]: 'organizationIdentifier',
  [OID.country]: 'country',
};

export function readName(node: der.Node): NameFields {
  const out: NameFields = {};
  for (const rdn of node.children) {
    for (const atv of rdn.children) {
      const key = nameKeys[der.readOid(der.child(atv, 0))];
      if (key && out[key] === undefined) out[key] = der.readString(der.child(atv, 1));
    }
  }
  return out;
}

const TAX_CODE = /([A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z])/;

/** Italian certificates carry the holder's tax code in the subject's serialNumber ("TINIT-<CF>"). */
export function taxCodeOf(name: NameFields): string | null {
  const m = TAX_CODE.exec((name.serialNumber ?? '').toUpperCase());
  return m ? m[1]! : null;
}

function basicConstraintsCa(extensions: der.Node | undefined): boolean {
  if (!extensions) return false;
  for (const ext of der.child(extensions, 0).children) {
    if (der.readOid(der.child(ext, 0)) !== OID.basicConstraints) continue;
    const value = der.parse(der.readOctets(ext.children[ext.children.length - 1]!));
    const first = value.children[0];
    return first?.tag === der.Tag.BOOLEAN && first.content[0] !== 0;
  }
  return false;
}

export function parseCertificate(bytes: Uint8Array): ParsedCertificate {
  const raw = Buffer.from(bytes);
  const cert = der.parse(raw);
  const tbs = der.child(cert, 0);
  const off = tbs.children[0]?.tag === 0xa0 ? 1 : 0;
  const serial = der.child(tbs, off);
  const issuer = der.child(tbs, off + 2);
  const validity = der.child(tbs, off + 3);
  const subject = der.child(tbs, off + 4);
  const spki = der.child(tbs, off + 5);
  const extensions = tbs.children.find((c) => c.tag === 0xa3);
  const subjectFields = readName(subject);
  return {
    raw,
    x509: new X509Certificate(raw),
    serialRaw: serial.raw,
    serialHex: serial.content.toString('hex').replace(/^(00)+(?=.)/, ''),
    issuerRaw: issuer.raw,
    subjectRaw: subject.raw,
    subject: subjectFields,
    issuer: readName(issuer),
    notBefore: der.readTime(der.child(validity, 0)),
    notAfter: der.readTime(der.child(validity, 1)),
    spki: spki.raw,
    isCa: basicConstraintsCa(extensions),
    taxCode: taxCodeOf(subjectFields),
    sha256: createHash('sha256').update(raw).digest('hex'),
  };
}

export function toPem(cert: ParsedCertificate): string {
  const b64 = cert.raw.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/** A readable one-line name: CN, else given name + surname, else organisation. */
export function displayName(name: NameFields): string {
  return name.commonName ?? ([name.givenName, name.surname].filter(Boolean).join(' ') || name.organization || '—');
}
