/**
 * PAdES and CAdES signatures checked by independent tools (poppler's pdfsig, OpenSSL) and by our
 * verifier, including the tampering it must catch and name precisely.
 */
import { PDFDocument } from 'pdf-lib';
import { detectFileType } from '../../../domain/documents/file-types';
import { createBodyCa, issueSignerCredential, issueSealCredential, type Credential } from '../../../signing/body-pki';
import { addCadesSigner, mergeCadesEnvelopes, signCades } from '../../../signing/cades';
import { issueCertificate, toPem } from '../../../signing/certificates';
import { generateRsaKeyPair } from '../../../signing/keys';
import { OID } from '../../../signing/oids';
import { signPdf } from '../../../signing/pdf/sign-pdf';
import { renderVerificationReport } from '../../../signing/report-pdf';
import { verifySignedFile } from '../../../signing/verify';
import { hasTool, opensslCmsVerify, pdfsig, samplePdf } from '../../helpers/signing-tools';

const now = new Date();
const TEN_MIN = 10 * 60_000;
let ca: Credential;
let otherCa: Credential;
const people = {
  rossi: { givenName: 'Mario', surname: 'Rossi', taxCode: 'RSSMRA80A01H501U' },
  bruno: { givenName: 'Anna', surname: 'Bruno', taxCode: 'BRNNNA85M52F205I' },
  neri: { givenName: 'Laura', surname: 'Neri', taxCode: 'NRELRA70A41H501X' },
};

beforeAll(async () => {
  ca = await createBodyCa({ name: 'Organismo di prova', taxCode: '01234567890' }, now);
  otherCa = await createBodyCa({ name: 'Altra CA' }, now);
});

const box = (i: number) => ({ page: 1, x: 40 + i * 175, y: 60, width: 165, height: 60 });

async function threeSignatures(base: Buffer): Promise<Buffer> {
  let pdf = base;
  for (const [i, p] of [people.rossi, people.bruno, people.neri].entries()) {
    const credential = await issueSignerCredential(ca, p, now, TEN_MIN);
    pdf = await signPdf(pdf, { credential, signingTime: new Date(), reason: 'Sottoscrizione del verbale', box: box(i) });
  }
  return pdf;
}

describe('PAdES with incremental updates', () => {
  it.each([
    ['cross-reference stream', false],
    ['cross-reference table', true],
  ])('three signers on one PDF (%s): pdfsig and our verifier find every signature valid', async (_kind, xrefTable) => {
    const original = await samplePdf(undefined, { xrefTable });
    const signed = await threeSignatures(original);
    expect(signed.subarray(0, original.length).equals(original)).toBe(true);

    if (hasTool('pdfsig')) {
      const found = pdfsig(signed);
      expect(found.map((s) => s.commonName)).toEqual(['Mario Rossi', 'Anna Bruno', 'Laura Neri']);
      expect(found.every((s) => s.valid)).toBe(true);
      expect(found.map((s) => s.totalDocument)).toEqual([false, false, true]);
    } else console.warn('pdfsig missing: install poppler-utils');

    const report = await verifySignedFile(signed, { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('valid');
    expect(report.signatures.map((s) => [s.taxCode, s.integrity, s.chain, s.validAtSigningTime, s.revocation])).toEqual([
      ['RSSMRA80A01H501U', true, 'trusted', true, 'not_checked'],
      ['BRNNNA85M52F205I', true, 'trusted', true, 'not_checked'],
      ['NRELRA70A41H501X', true, 'trusted', true, 'not_checked'],
    ]);
    expect(report.signatures[0]!.issuerName).toBe('Organismo di prova - CA firme');
    expect(report.signatures[2]!.coversWholeDocument).toBe(true);
  });

  it('signs with the body seal invisibly and the result is still a readable PDF', async () => {
    const seal = await issueSealCredential(ca, { name: 'Organismo di prova', taxCode: '01234567890' }, now);
    const signed = await signPdf(await samplePdf(), { credential: seal, signingTime: new Date(), reason: 'Sigillo' });
    const doc = await PDFDocument.load(signed);
    expect(doc.getPageCount()).toBe(2);
    const report = await verifySignedFile(signed, { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('valid');
    expect(report.signatures[0]!.signerName).toBe('Organismo di prova');
    expect(report.signatures[0]!.taxCode).toBeNull();
  });

  it('reports an untrusted issuer as indeterminate, not valid', async () => {
    const signed = await threeSignatures(await samplePdf());
    const report = await verifySignedFile(signed, { anchors: [otherCa.certificate], now: new Date() });
    expect(report.outcome).toBe('indeterminate');
    expect(report.signatures[0]!.problems).toEqual(['ROOT_NOT_TRUSTED']);
  });
});

describe('tampering is caught and named', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await threeSignatures(await samplePdf());
  });

  it('a byte changed in the signed content breaks integrity of every signature covering it', async () => {
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('%PDF-') + 200;
    tampered[at] = tampered[at]! ^ 0x01;
    const report = await verifySignedFile(tampered, { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('invalid');
    for (const s of report.signatures) {
      expect(s.integrity).toBe(false);
      expect(s.problems).toContain('DIGEST_MISMATCH');
    }
    if (hasTool('pdfsig')) expect(pdfsig(tampered).some((s) => s.valid)).toBe(false);
  });

  it('a PDF rewritten after signing (loaded and saved again) is reported as rewritten', async () => {
    const doc = await PDFDocument.load(signed);
    doc.setTitle('modificato');
    const rewritten = Buffer.from(await doc.save());
    const report = await verifySignedFile(rewritten, { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('invalid');
    expect(report.signatures).toHaveLength(3);
    for (const s of report.signatures) expect(s.problems).toEqual(['DOCUMENT_REWRITTEN']);
  });

  it('an unsigned change appended after the last signature is flagged', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n99 0 obj\n(aggiunta)\nendobj\n')]);
    const report = await verifySignedFile(appended, { anchors: [ca.certificate], now: new Date() });
    expect(report.problems).toContain('MODIFIED_AFTER_LAST_SIGNATURE');
    expect(report.outcome).toBe('indeterminate');
  });

  it('a signature by the wrong person fails the holder check', async () => {
    const sent = await samplePdf();
    const intruder = await issueSignerCredential(ca, people.bruno, now, TEN_MIN);
    const upload = await signPdf(sent, { credential: intruder, signingTime: new Date(), box: box(0) });
    const report = await verifySignedFile(upload, { anchors: [ca.certificate], now: new Date(), expectedTaxCode: people.rossi.taxCode, expectedContent: sent });
    expect(report.outcome).toBe('invalid');
    expect(report.signatures[0]!.holderMatches).toBe(false);
    expect(report.signatures[0]!.problems).toEqual(['SIGNER_MISMATCH']);
  });

  it('a signature on a different document than the one sent fails the content check', async () => {
    const sent = await samplePdf('Verbale A');
    const other = await samplePdf('Verbale B');
    const credential = await issueSignerCredential(ca, people.rossi, now, TEN_MIN);
    const upload = await signPdf(other, { credential, signingTime: new Date(), box: box(0) });
    const report = await verifySignedFile(upload, { anchors: [ca.certificate], now: new Date(), expectedTaxCode: people.rossi.taxCode, expectedContent: sent });
    expect(report.problems).toEqual(['CONTENT_MISMATCH']);
    expect(report.outcome).toBe('invalid');
  });

  it('a certificate expired at signing time is reported as such', async () => {
    const keys = await generateRsaKeyPair();
    const expired = issueCertificate({
      subject: [[OID.country, 'IT'], [OID.serialNumber, `TINIT-${people.neri.taxCode}`], [OID.commonName, 'Laura Neri']],
      issuer: ca.certificate,
      signingKey: ca.privateKey,
      publicKey: keys.publicKey,
      notBefore: new Date(now.getTime() - 3 * 86400_000),
      notAfter: new Date(now.getTime() - 86400_000),
      ca: false,
      usage: 'signature',
    });
    const upload = await signPdf(await samplePdf(), { credential: { certificate: expired, privateKey: keys.privateKey, chain: [ca.certificate] }, signingTime: new Date(), box: box(2) });
    const report = await verifySignedFile(upload, { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('invalid');
    expect(report.signatures[0]!.integrity).toBe(true);
    expect(report.signatures[0]!.validAtSigningTime).toBe(false);
    expect(report.signatures[0]!.problems).toEqual(['CERT_EXPIRED']);
  });

  it('renders the validation report as a PDF in Italian', async () => {
    const report = await verifySignedFile(signed, { anchors: [ca.certificate], now: new Date(), fileName: 'verbale.pdf' });
    const pdf = await renderVerificationReport(report, 'Organismo di prova');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe('Rapporto di verifica delle firme digitali');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
  });
});

describe('CAdES .p7m', () => {
  const content = Buffer.from('%PDF-1.7\ncontenuto del verbale\n');

  it('parallel signers of one envelope: OpenSSL verifies with the body CA as the only anchor', async () => {
    const a = await issueSignerCredential(ca, people.rossi, now, TEN_MIN);
    const b = await issueSignerCredential(ca, people.bruno, now, TEN_MIN);
    const p7m = addCadesSigner(signCades(content, a, new Date()), b, new Date());
    if (hasTool('openssl')) {
      expect(opensslCmsVerify(p7m, toPem(ca.certificate)).equals(content)).toBe(true);
      expect(() => opensslCmsVerify(p7m, toPem(otherCa.certificate))).toThrow();
    }
    const report = await verifySignedFile(p7m, { anchors: [ca.certificate], now: new Date(), expectedContent: content, expectedTaxCode: people.bruno.taxCode });
    expect(report.outcome).toBe('valid');
    expect(report.signatures.map((s) => s.taxCode).sort()).toEqual([people.bruno.taxCode, people.rossi.taxCode].sort());
    expect(report.signatures.every((s) => s.signingTimeSource === 'signed-attribute')).toBe(true);
  });

  it('merges envelopes signed separately over the same content', async () => {
    const a = signCades(content, await issueSignerCredential(ca, people.rossi, now, TEN_MIN), new Date());
    const b = signCades(content, await issueSignerCredential(ca, people.neri, now, TEN_MIN), new Date());
    const merged = mergeCadesEnvelopes([a, b]);
    if (hasTool('openssl')) expect(opensslCmsVerify(merged, toPem(ca.certificate)).equals(content)).toBe(true);
    const report = await verifySignedFile(merged, { anchors: [ca.certificate], now: new Date() });
    expect(report.signatures).toHaveLength(2);
    expect(report.outcome).toBe('valid');
  });

  it('a changed content byte, another content, or the wrong signer are reported', async () => {
    const p7m = signCades(content, await issueSignerCredential(ca, people.rossi, now, TEN_MIN), new Date());
    const tampered = Buffer.from(p7m);
    const at = tampered.indexOf(Buffer.from('contenuto'));
    tampered[at] = 'C'.charCodeAt(0);
    const broken = await verifySignedFile(tampered, { anchors: [ca.certificate], now: new Date() });
    expect(broken.signatures[0]!.problems).toEqual(['DIGEST_MISMATCH']);
    const wrong = await verifySignedFile(p7m, { anchors: [ca.certificate], now: new Date(), expectedTaxCode: people.neri.taxCode, expectedContent: Buffer.from('altro') });
    expect(wrong.problems.sort()).toEqual(['CONTENT_MISMATCH', 'SIGNER_MISMATCH']);
    expect(wrong.outcome).toBe('invalid');
  });

  it('a .p7m enveloping a PDF is detected as an envelope, not as a PDF', async () => {
    const p7m = signCades(await samplePdf(), await issueSignerCredential(ca, people.rossi, now, TEN_MIN), new Date());
    expect(detectFileType(p7m)).toEqual({ mediaType: 'application/pkcs7-mime', extension: 'p7m' });
  });

  it('reads a base64-encoded .p7m as well', async () => {
    const p7m = signCades(content, await issueSignerCredential(ca, people.rossi, now, TEN_MIN), new Date());
    const report = await verifySignedFile(Buffer.from(p7m.toString('base64')), { anchors: [ca.certificate], now: new Date() });
    expect(report.outcome).toBe('valid');
  });

  it('refuses a file that is neither', async () => {
    const report = await verifySignedFile(Buffer.from('MZ\x90\x00 not a signature'), { anchors: [ca.certificate], now: new Date() });
    expect(report.problems).toEqual(['NOT_A_SIGNED_FILE']);
  });
});
