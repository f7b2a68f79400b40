/**
 * CMS SignedData (RFC 5652) as CAdES-BES / PAdES baseline B-B need it: signed attributes
 * content-type, message-digest, ESS signing-certificate-v2 (RFC 5035) and, for CAdES, signing-time.
 * Detached (PAdES: the PDF's byte ranges are the content) or attached (.p7m, the content inside).
 */
import { createHash, sign } from 'node:crypto';
import type { Credential } from './body-pki';
import type { ParsedCertificate } from './certificates';
import * as der from './der';
import { OID } from './oids';

function attribute(type: string, ...values: Buffer[]): Buffer {
  return der.seq(der.oid(type), der.setOf(values));
}

/** ESS SigningCertificateV2 with SHA-256 (the default algorithm, so omitted) and the issuer/serial. */
function signingCertificateV2(cert: ParsedCertificate): Buffer {
  const certHash = createHash('sha256').update(cert.raw).digest();
  const issuerSerial = der.seq(der.seq(der.tlv(0xa4, cert.issuerRaw)), cert.serialRaw);
  return der.seq(der.seq(der.seq(der.octets(certHash), issuerSerial)));
}

export interface SignerInfoOptions {
  credential: Credential;
  /** SHA-256 of the content (the PDF byte ranges, or the .p7m's payload). */
  contentDigest: Buffer;
  /** CAdES: the claimed signing time as a signed attribute. PAdES puts it in the signature dictionary (/M). */
  signingTime?: Date;
}

/** One SignerInfo; its signature covers the DER SET of the signed attributes. */
export function buildSignerInfo({ credential, contentDigest, signingTime }: SignerInfoOptions): Buffer {
  const attrs = [
    attribute(OID.contentType, der.oid(OID.data)),
    attribute(OID.messageDigest, der.octets(contentDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(credential.certificate)),
    ...(signingTime ? [attribute(OID.signingTime, der.time(signingTime))] : []),
  ];
  const signedSet = der.setOf(attrs);
  const signature = sign('sha256', signedSet, credential.privateKey);
  const signedAttrs = Buffer.concat([Buffer.from([0xa0]), signedSet.subarray(1)]);
  return der.seq(
    der.integer(1),
    der.seq(credential.certificate.issuerRaw, credential.certificate.serialRaw),
    der.seq(der.oid(OID.sha256)),
    signedAttrs,
    der.seq(der.oid(OID.sha256WithRSA), der.nullValue()),
    der.octets(signature),
  );
}

export interface SignedDataParts {
  /** The encapsulated content (attached); undefined for a detached signature. */
  content?: Buffer;
  digestAlgorithms: Buffer[];
  certificates: Buffer[];
  signerInfos: Buffer[];
}

/** ContentInfo { signedData }; digest algorithms and certificates deduplicated. */
export function encodeSignedData(parts: SignedDataParts): Buffer {
  const unique = (items: Buffer[]) => items.filter((b, i) => items.findIndex((o) => o.equals(b)) === i);
  const encap = der.seq(der.oid(OID.data), ...(parts.content ? [der.explicit(0, der.octets(parts.content))] : []));
  const signedData = der.seq(
    der.integer(1),
    der.setOf(unique(parts.digestAlgorithms)),
    encap,
    der.implicitConstructed(0, unique(parts.certificates)),
    der.setOf(parts.signerInfos),
  );
  return der.seq(der.oid(OID.signedData), der.explicit(0, signedData));
}

export function credentialCertificates(credential: Credential): Buffer[] {
  return [credential.certificate.raw, ...credential.chain.map((c) => c.raw)];
}

/** A detached CMS signature over `digest` (PAdES /Contents). */
export function signDetached(credential: Credential, digest: Buffer): Buffer {
  return encodeSignedData({
    digestAlgorithms: [der.seq(der.oid(OID.sha256))],
    certificates: credentialCertificates(credential),
    signerInfos: [buildSignerInfo({ credential, contentDigest: digest })],
  });
}
