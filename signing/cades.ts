/**
 * CAdES enveloping signatures (.p7m, Italian practice): the content inside the envelope, each signer
 * a parallel SignerInfo over the same content, so adding a signer never touches the earlier ones.
 */
import { createHash } from 'node:crypto';
import type { Credential } from './body-pki';
import { buildSignerInfo, credentialCertificates, encodeSignedData } from './cms';
import { parseSignedData, CmsError } from './cms-parse';
import * as der from './der';
import { OID } from './oids';

export function signCades(content: Buffer, credential: Credential, signingTime: Date): Buffer {
  return encodeSignedData({
    content,
    digestAlgorithms: [der.seq(der.oid(OID.sha256))],
    certificates: credentialCertificates(credential),
    signerInfos: [buildSignerInfo({ credential, contentDigest: createHash('sha256').update(content).digest(), signingTime })],
  });
}

/** Adds a parallel signer to an existing envelope; the earlier SignerInfos are kept byte for byte. */
export function addCadesSigner(p7m: Buffer, credential: Credential, signingTime: Date): Buffer {
  const sd = parseSignedData(p7m);
  if (!sd.content) throw new CmsError('the envelope carries no content (detached signature)');
  const signer = buildSignerInfo({ credential, contentDigest: createHash('sha256').update(sd.content).digest(), signingTime });
  return encodeSignedData({
    content: sd.content,
    digestAlgorithms: [...sd.digestAlgorithms, der.seq(der.oid(OID.sha256))],
    certificates: [...sd.certificates.map((c) => c.raw), ...credentialCertificates(credential)],
    signerInfos: [...sd.signerInfos.map((s) => s.raw), signer],
  });
}

/** Merges the signers of envelopes over the same content (parallel signatures made on separate copies). */
export function mergeCadesEnvelopes(envelopes: Buffer[]): Buffer {
  const parsed = envelopes.map((e) => parseSignedData(e));
  const content = parsed[0]?.content;
  if (!content) throw new CmsError('nothing to merge');
  if (parsed.some((p) => !p.content || !p.content.equals(content))) throw new CmsError('the envelopes do not carry the same content');
  const signerInfos: Buffer[] = [];
  for (const p of parsed) for (const s of p.signerInfos) if (!signerInfos.some((o) => o.equals(s.raw))) signerInfos.push(s.raw);
  return encodeSignedData({
    content,
    digestAlgorithms: parsed.flatMap((p) => p.digestAlgorithms),
    certificates: parsed.flatMap((p) => p.certificates.map((c) => c.raw)),
    signerInfos,
  });
}
