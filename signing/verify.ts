/**
 * Verification of any signed file, PAdES (signed PDF) or CAdES (.p7m), with any certificate:
 * per signature the signer, tax code, issuer, signing time, integrity, chain against the trust
 * anchors, validity at signing time; revocation is reported as not checked. Optional checks for
 * uploads in a signature cycle: the holder is the expected signer, the content is the one sent.
 */
import { createHash } from 'node:crypto';
import {
  reportOutcome,
  signatureOutcome,
  type SignatureCheck,
  type VerificationProblemCode,
  type VerificationReport,
} from '../domain/signature/verification';
import { displayName, type ParsedCertificate } from './certificates';
import { validateChain } from './chain';
import { checkSignerIntegrity, CmsError, findSignerCertificate, parseSignedData, type ParsedSignedData } from './cms-parse';
import { readPdfSignatures, signedChunks, PdfReadError } from './pdf/read-signatures';

export interface VerifyOptions {
  anchors: readonly ParsedCertificate[];
  /** The current time: used when a signature states no signing time. */
  now: Date;
  fileName?: string | null;
  /**
   * Holder check: the tax code the newest signature (PAdES) or one of the signers (CAdES) must carry.
   * Only the signatures listed in `newSignatures` are checked against it.
   */
  expectedTaxCode?: string | null;
  /** CAdES: the content the envelope must carry; PAdES: the bytes the file must begin with (the copy sent). */
  expectedContent?: Buffer | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** .p7m files are DER, or sometimes the same DER in base64 text. */
function decodeEnvelope(bytes: Buffer): Buffer {
  if (bytes[0] === 0x30) return bytes;
  const text = bytes.toString('latin1').replace(/-----(BEGIN|END)[^-]+-----/g, '').replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/=]+$/.test(text) && text.length > 16) {
    const decoded = Buffer.from(text, 'base64');
    if (decoded[0] === 0x30) return decoded;
  }
  return bytes;
}

function emptyCheck(index: number, format: 'PAdES' | 'CAdES'): SignatureCheck {
  return {
    index,
    format,
    fieldName: null,
    signerName: null,
    taxCode: null,
    issuerName: null,
    certificateSerial: null,
    certificateValidFrom: null,
    certificateValidTo: null,
    signingTime: null,
    signingTimeSource: 'none',
    integrity: false,
    coversWholeDocument: null,
    chain: 'untrusted',
    trustAnchor: null,
    validAtSigningTime: false,
    revocation: 'not_checked',
    expectedTaxCode: null,
    holderMatches: null,
    problems: [],
    outcome: 'invalid',
  };
}

interface SignerCheckInput {
  check: SignatureCheck;
  sd: ParsedSignedData;
  signerIndex: number;
  content: { bytes: Buffer } | { chunks: Buffer[] };
  claimedTime: Date | null;
  opts: VerifyOptions;
  checkHolder: boolean;
}

function checkSigner({ check, sd, signerIndex, content, claimedTime, opts, checkHolder }: SignerCheckInput): SignatureCheck {
  const si = sd.signerInfos[signerIndex]!;
  const problems: VerificationProblemCode[] = [...check.problems];
  const cert = findSignerCertificate(si, sd.certificates);
  if (!cert) {
    problems.push('SIGNER_CERTIFICATE_MISSING');
    return { ...check, problems, outcome: signatureOutcome(problems) };
  }
  const integrity = checkSignerIntegrity(si, cert, content);
  if (!integrity.digestMatches) problems.push('DIGEST_MISMATCH');
  if (!integrity.signatureValid) problems.push('SIGNATURE_INVALID');
  if (integrity.certificateBound === false) problems.push('SIGNING_CERTIFICATE_MISMATCH');
  const signingTime = integrity.signingTime ?? claimedTime;
  const source: SignatureCheck['signingTimeSource'] = integrity.signingTime ? 'signed-attribute' : claimedTime ? 'pdf-dictionary' : 'none';
  if (!signingTime) problems.push('SIGNING_TIME_MISSING');
  const at = signingTime ?? opts.now;
  const chain = validateChain(cert, sd.certificates, opts.anchors, at);
  for (const p of chain.problems) if (!problems.includes(p.code)) problems.push(p.code);
  const expected = checkHolder && opts.expectedTaxCode ? opts.expectedTaxCode.toUpperCase() : null;
  const holderMatches = expected ? cert.taxCode === expected : null;
  if (holderMatches === false) problems.push('SIGNER_MISMATCH');
  return {
    ...check,
    signerName: displayName(cert.subject),
    taxCode: cert.taxCode,
    issuerName: displayName(cert.issuer),
    certificateSerial: cert.serialHex,
    certificateValidFrom: cert.notBefore.toISOString(),
    certificateValidTo: cert.notAfter.toISOString(),
    signingTime: signingTime ? signingTime.toISOString() : null,
    signingTimeSource: source,
    integrity: integrity.digestMatches && integrity.signatureValid && integrity.certificateBound !== false,
    chain: chain.status,
    trustAnchor: chain.anchor ? displayName(chain.anchor.subject) : null,
    validAtSigningTime: !chain.problems.some((p) => p.code === 'CERT_EXPIRED' || p.code === 'CERT_NOT_YET_VALID'),
    expectedTaxCode: expected,
    holderMatches,
    problems,
    outcome: signatureOutcome(problems),
  };
}

async function verifyPdf(pdf: Buffer, opts: VerifyOptions): Promise<VerificationReport> {
  const base = { fileName: opts.fileName ?? null, fileSha256: sha256(pdf), format: 'PAdES' as const, verifiedAt: opts.now.toISOString(), contentSha256: null };
  let entries;
  try {
    entries = await readPdfSignatures(pdf);
  } catch (err) {
    if (err instanceof PdfReadError) return { ...base, signatures: [], problems: ['NOT_A_SIGNED_FILE'], outcome: 'invalid' };
    throw err;
  }
  const fileProblems: VerificationProblemCode[] = [];
  if (entries.length === 0) fileProblems.push('NO_SIGNATURES');
  const lastEnd = Math.max(0, ...entries.filter((e) => e.rangeConsistent).map((e) => e.signedEnd));
  // Bytes after the last signature: anything but trailing whitespace is an unsigned change.
  if (entries.length > 0 && lastEnd > 0 && pdf.subarray(lastEnd).toString('latin1').trim() !== '') fileProblems.push('MODIFIED_AFTER_LAST_SIGNATURE');
  const prefix = opts.expectedContent ?? null;
  if (prefix && !(pdf.length > prefix.length && pdf.subarray(0, prefix.length).equals(prefix))) fileProblems.push('CONTENT_MISMATCH');
  const signatures = entries.map((e, index) => {
    const check: SignatureCheck = { ...emptyCheck(index, 'PAdES'), fieldName: e.fieldName, coversWholeDocument: e.signedEnd === pdf.length };
    if (!e.rangeConsistent) {
      return { ...check, problems: ['DOCUMENT_REWRITTEN' as const], outcome: 'invalid' as const };
    }
    let sd: ParsedSignedData;
    try {
      sd = parseSignedData(e.contents);
    } catch (err) {
      if (!(err instanceof CmsError)) throw err;
      return { ...check, problems: ['CMS_MALFORMED' as const], outcome: 'invalid' as const };
    }
    // The holder check applies to the signatures added after the copy that was sent.
    const isNew = prefix ? e.signedEnd > prefix.length : index === entries.length - 1;
    return checkSigner({ check, sd, signerIndex: 0, content: { chunks: signedChunks(pdf, e.byteRange) }, claimedTime: e.claimedTime, opts, checkHolder: isNew });
  });
  return { ...base, signatures, problems: fileProblems, outcome: reportOutcome(signatures, fileProblems) };
}

function verifyCades(bytes: Buffer, opts: VerifyOptions): VerificationReport {
  const envelope = decodeEnvelope(bytes);
  const base = { fileName: opts.fileName ?? null, fileSha256: sha256(bytes), format: 'CAdES' as const, verifiedAt: opts.now.toISOString() };
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(envelope);
  } catch (err) {
    if (!(err instanceof CmsError)) throw err;
    return { ...base, format: 'unknown', contentSha256: null, signatures: [], problems: ['NOT_A_SIGNED_FILE'], outcome: 'invalid' };
  }
  const content = sd.content ?? Buffer.alloc(0);
  const fileProblems: VerificationProblemCode[] = [];
  if (sd.signerInfos.length === 0) fileProblems.push('NO_SIGNATURES');
  if (opts.expectedContent && !content.equals(opts.expectedContent)) fileProblems.push('CONTENT_MISMATCH');
  let signatures = sd.signerInfos.map((_, index) =>
    checkSigner({ check: emptyCheck(index, 'CAdES'), sd, signerIndex: index, content: { bytes: content }, claimedTime: null, opts, checkHolder: false }),
  );
  // Parallel signers: the expected signer must be one of them.
  if (opts.expectedTaxCode) {
    const expected = opts.expectedTaxCode.toUpperCase();
    const found = signatures.some((s) => s.taxCode === expected);
    signatures = signatures.map((s) => ({ ...s, expectedTaxCode: expected, holderMatches: s.taxCode === expected }));
    if (!found) fileProblems.push('SIGNER_MISMATCH');
  }
  return { ...base, contentSha256: sha256(content), signatures, problems: fileProblems, outcome: reportOutcome(signatures, fileProblems) };
}

/** A PDF header within the first KiB (as readers accept), and not a DER structure that happens to hold one. */
export function isPdf(bytes: Buffer): boolean {
  return bytes[0] !== 0x30 && bytes.subarray(0, 1024).includes('%PDF-');
}

export async function verifySignedFile(bytes: Buffer, opts: VerifyOptions): Promise<VerificationReport> {
  return isPdf(bytes) ? verifyPdf(bytes, opts) : verifyCades(bytes, opts);
}

/** The content of a CAdES envelope (what was signed). */
export function envelopeContent(bytes: Buffer): Buffer | null {
  try {
    return parseSignedData(decodeEnvelope(bytes)).content;
  } catch {
    return null;
  }
}
