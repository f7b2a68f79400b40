/** Independent tools the signature tests ask for a second opinion: poppler's pdfsig and OpenSSL. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'signing-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PdfsigSignature {
  commonName: string;
  valid: boolean;
  totalDocument: boolean;
  validation: string;
}

/** Runs `pdfsig` and parses each signature's verdict. */
export function pdfsig(pdf: Buffer): PdfsigSignature[] {
  return withTemp((dir) => {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    return r.stdout
      .split(/^Signature #\d+:$/m)
      .slice(1)
      .map((block) => ({
        commonName: /Signer Certificate Common Name: (.*)$/m.exec(block)?.[1] ?? '',
        validation: /Signature Validation: (.*)$/m.exec(block)?.[1] ?? '',
        valid: /Signature Validation: Signature is Valid\./.test(block),
        totalDocument: /^\s*- Total document signed/m.test(block),
      }));
  });
}

/** `openssl cms -verify` with the given PEM as the only trust anchor; returns the content or throws. */
export function opensslCmsVerify(p7m: Buffer, caPem: string): Buffer {
  return withTemp((dir) => {
    writeFileSync(join(dir, 'in.p7m'), p7m);
    writeFileSync(join(dir, 'ca.pem'), caPem);
    execFileSync('openssl', ['cms', '-verify', '-inform', 'DER', '-in', join(dir, 'in.p7m'), '-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'out'), '-purpose', 'any'], { stdio: 'pipe' });
    return execFileSync('cat', [join(dir, 'out')]);
  });
}

/** A small minutes-like PDF made with pdf-lib (cross-reference stream by default, or a classic table). */
export async function samplePdf(title = 'Verbale di mediazione n. 2026/1', opts: { xrefTable?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText(title, { x: 50, y: 780, size: 16, font });
  page.drawText('Le parti dichiarano di aver raggiunto un accordo.', { x: 50, y: 740, size: 11, font });
  doc.addPage([595.28, 841.89]).drawText('Pagina 2', { x: 50, y: 780, size: 11, font });
  return Buffer.from(await doc.save({ useObjectStreams: !opts.xrefTable }));
}
