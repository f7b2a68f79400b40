/** Reading CMS SignedData (DER or BER) and checking one SignerInfo's cryptographic integrity. */
import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import { parseCertificate, type ParsedCertificate } from './certificates';
import * as der from './der';
import { OID, digestNames, signatureHashes } from './oids';

export interface ParsedSignerInfo {
  raw: Buffer;
  /** issuerAndSerialNumber, or subjectKeyIdentifier. */
  sid: { issuerRaw: Buffer; serialHex: string } | { keyId: Buffer };
  digestAlgorithm: string;
  /** The signed attributes as received, re-tagged as SET: the bytes the signature covers. */
  signedAttrsSet: Buffer | null;
  attributes: Map<string, der.Node[]>;
  signatureAlgorithm: string;
  signatureParams: der.Node | undefined;
  signature: Buffer;
}

export interface ParsedSignedData {
  contentType: string;
  /** Attached content (.p7m); null when detached. */
  content: Buffer | null;
  certificates: ParsedCertificate[];
  signerInfos: ParsedSignerInfo[];
  digestAlgorithms: Buffer[];
}

export class CmsError extends Error {}

function parseAttributes(node: der.Node): Map<string, der.Node[]> {
  const map = new Map<string, der.Node[]>();
  for (const attr of node.children) map.set(der.readOid(der.child(attr, 0)), der.child(attr, 1).children);
  return map;
}

function parseSignerInfo(node: der.Node): ParsedSignerInfo {
  let i = 1;
  const sidNode = der.child(node, i++);
  const sid =
    sidNode.tag === der.Tag.SEQUENCE
      ? { issuerRaw: der.child(sidNode, 0).raw, serialHex: der.child(sidNode, 1).content.toString('hex').replace(/^(00)+(?=.)/, '') }
      : { keyId: Buffer.from(sidNode.content) };
  const digestAlgorithm = der.readOid(der.child(der.child(node, i++), 0));
  let signedAttrsSet: Buffer | null = null;
  let attributes = new Map<string, der.Node[]>();
  if (der.child(node, i).tag === 0xa0) {
    const sa = der.child(node, i++);
    // The signature covers the DER SET OF: the received bytes with the universal SET tag.
    signedAttrsSet = Buffer.concat([Buffer.from([der.Tag.SET]), sa.raw.subarray(1)]);
    attributes = parseAttributes(sa);
  }
  const sigAlg = der.child(node, i++);
  return {
    raw: node.raw,
    sid,
    digestAlgorithm,
    signedAttrsSet,
    attributes,
    signatureAlgorithm: der.readOid(der.child(sigAlg, 0)),
    signatureParams: sigAlg.children[1],
    signature: der.readOctets(der.child(node, i)),
  };
}

export function parseSignedData(bytes: Uint8Array): ParsedSignedData {
  let root: der.Node;
  try {
    root = der.parse(bytes, true);
    if (der.readOid(der.child(root, 0)) !== OID.signedData) throw new CmsError('not a CMS SignedData');
  } catch (err) {
    if (err instanceof CmsError) throw err;
    throw new CmsError(`not a CMS structure: ${(err as Error).message}`);
  }
  try {
    const sd = der.child(der.child(root, 1), 0);
    const encap = der.child(sd, 2);
    const eContent = encap.children[1];
    const certificates: ParsedCertificate[] = [];
    let idx = 3;
    if (sd.children[idx]?.tag === 0xa0) {
      for (const c of sd.children[idx]!.children) if (c.tag === der.Tag.SEQUENCE) certificates.push(parseCertificate(c.raw));
      idx++;
    }
    if (sd.children[idx]?.tag === 0xa1) idx++; // CRLs: not used for revocation here
    const signerInfos = der.child(sd, idx).children.map(parseSignerInfo);
    return {
      contentType: der.readOid(der.child(encap, 0)),
      content: eContent ? der.readOctets(der.child(eContent, 0)) : null,
      certificates,
      signerInfos,
      digestAlgorithms: der.child(sd, 1).children.map((n) => Buffer.from(n.raw)),
    };
  } catch (err) {
    throw new CmsError(`malformed CMS SignedData: ${(err as Error).message}`);
  }
}

export function findSignerCertificate(si: ParsedSignerInfo, certificates: readonly ParsedCertificate[]): ParsedCertificate | undefined {
  if ('keyId' in si.sid) {
    const keyId = si.sid.keyId;
    // RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey bits.
    return certificates.find((c) => createHash('sha1').update(der.child(der.parse(c.spki), 1).content.subarray(1)).digest().equals(keyId));
  }
  const { issuerRaw, serialHex } = si.sid;
  return certificates.find((c) => c.issuerRaw.equals(issuerRaw) && c.serialHex.toLowerCase() === serialHex.toLowerCase());
}

export interface SignerIntegrity {
  /** The content's digest equals the signed message-digest (or there are no signed attributes). */
  digestMatches: boolean;
  /** The signature value verifies with the certificate's public key. */
  signatureValid: boolean;
  /** signing-certificate(-v2) names this certificate (false when it names another one). */
  certificateBound: boolean | null;
  signingTime: Date | null;
  /** Why the check could not be completed (unsupported algorithm…). */
  error?: string;
}

function hashOfSignature(si: ParsedSignerInfo): string | undefined {
  return signatureHashes[si.signatureAlgorithm] ?? digestNames[si.digestAlgorithm];
}

function verifyValue(si: ParsedSignerInfo, data: Buffer, key: KeyObject): boolean {
  const hash = hashOfSignature(si);
  if (!hash) throw new CmsError(`unsupported digest algorithm ${si.digestAlgorithm}`);
  if (si.signatureAlgorithm === OID.rsassaPss) {
    return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, si.signature);
  }
  return verify(hash, data, key, si.signature);
}

/** Cryptographic checks of one signer against the content (or its digest when given instead). */
export function checkSignerIntegrity(si: ParsedSignerInfo, cert: ParsedCertificate, content: { bytes: Buffer } | { chunks: Buffer[] }): SignerIntegrity {
  const digestName = digestNames[si.digestAlgorithm];
  if (!digestName) return { digestMatches: false, signatureValid: false, certificateBound: null, signingTime: null, error: `unsupported digest algorithm ${si.digestAlgorithm}` };
  const h = createHash(digestName);
  for (const chunk of 'bytes' in content ? [content.bytes] : content.chunks) h.update(chunk);
  const digest = h.digest();
  let signingTime: Date | null = null;
  const st = si.attributes.get(OID.signingTime)?.[0];
  if (st) {
    try {
      signingTime = der.readTime(st);
    } catch {
      signingTime = null;
    }
  }
  let certificateBound: boolean | null = null;
  const v2 = si.attributes.get(OID.signingCertificateV2)?.[0];
  const v1 = si.attributes.get(OID.signingCertificate)?.[0];
  try {
    if (v2) {
      const first = der.child(der.child(v2, 0), 0);
      const hasAlg = first.children[0]?.tag === der.Tag.SEQUENCE;
      const alg = hasAlg ? digestNames[der.readOid(der.child(der.child(first, 0), 0))] ?? 'sha256' : 'sha256';
      const certHash = der.readOctets(der.child(first, hasAlg ? 1 : 0));
      certificateBound = createHash(alg).update(cert.raw).digest().equals(certHash);
    } else if (v1) {
      const first = der.child(der.child(v1, 0), 0);
      certificateBound = createHash('sha1').update(cert.raw).digest().equals(der.readOctets(der.child(first, 0)));
    }
  } catch {
    certificateBound = false;
  }
  try {
    if (si.signedAttrsSet) {
      const md = si.attributes.get(OID.messageDigest)?.[0];
      const digestMatches = md !== undefined && der.readOctets(md).equals(digest);
      return { digestMatches, signatureValid: verifyValue(si, si.signedAttrsSet, cert.x509.publicKey), certificateBound, signingTime };
    }
    const data = 'bytes' in content ? content.bytes : Buffer.concat(content.chunks);
    return { digestMatches: true, signatureValid: verifyValue(si, data, cert.x509.publicKey), certificateBound, signingTime };
  } catch (err) {
    return { digestMatches: false, signatureValid: false, certificateBound, signingTime, error: (err as Error).message };
  }
}
