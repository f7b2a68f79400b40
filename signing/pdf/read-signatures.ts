/**
 * Finds the signatures of a PDF: every signature dictionary (ByteRange + Contents), with the
 * signed bytes it declares, and whether the file still matches that declaration (a PDF loaded
 * and saved again by another program moves the bytes and breaks it).
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { parsePdfDate } from './pdf-syntax';

export interface PdfSignatureEntry {
  fieldName: string | null;
  subFilter: string | null;
  byteRange: number[];
  /** The CMS blob (padding zeros included). */
  contents: Buffer;
  /** /M of the signature dictionary: the time the signer claims. */
  claimedTime: Date | null;
  reason: string | null;
  /** The byte range is well formed and its gap holds exactly this /Contents. */
  rangeConsistent: boolean;
  /** End of the signed bytes (the revision this signature closes). */
  signedEnd: number;
}

const textOf = (v: unknown): string | null => (v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : null);

function rangeConsistent(pdf: Buffer, br: number[], contents: Buffer): boolean {
  if (br.length !== 4 || br[0] !== 0 || br.some((n) => !Number.isInteger(n) || n < 0)) return false;
  const [, a, b, c] = br as [number, number, number, number];
  if (a >= b || b + c > pdf.length) return false;
  const gap = pdf.subarray(a, b).toString('latin1');
  if (!gap.startsWith('<') || !gap.endsWith('>')) return false;
  return Buffer.from(gap.slice(1, -1).replace(/\s+/g, ''), 'hex').equals(contents);
}

export class PdfReadError extends Error {}

export async function readPdfSignatures(pdf: Buffer): Promise<PdfSignatureEntry[]> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
  } catch (err) {
    throw new PdfReadError(`not a readable PDF: ${(err as Error).message}`);
  }
  const context = doc.context;
  // Field names by the signature dictionary they point to.
  const names = new Map<string, string>();
  const sigs: { ref: string; dict: PDFDict }[] = [];
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const v = obj.get(PDFName.of('V'));
    const t = textOf(obj.get(PDFName.of('T')));
    if (v instanceof PDFRef && t !== null) names.set(v.toString(), t);
    if (obj.get(PDFName.of('ByteRange')) instanceof PDFArray && obj.get(PDFName.of('Contents'))) sigs.push({ ref: ref.toString(), dict: obj });
  }
  const out: PdfSignatureEntry[] = [];
  for (const { ref, dict } of sigs) {
    const brArr = dict.get(PDFName.of('ByteRange')) as PDFArray;
    const byteRange = brArr.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    const c = dict.get(PDFName.of('Contents'));
    const contents = c instanceof PDFHexString ? Buffer.from(c.asBytes()) : c instanceof PDFString ? Buffer.from(c.asBytes()) : Buffer.alloc(0);
    const sub = dict.get(PDFName.of('SubFilter'));
    const m = textOf(dict.get(PDFName.of('M')));
    out.push({
      fieldName: names.get(ref) ?? null,
      subFilter: sub instanceof PDFName ? sub.decodeText() : null,
      byteRange,
      contents,
      claimedTime: m ? parsePdfDate(m) : null,
      reason: textOf(dict.get(PDFName.of('Reason'))),
      rangeConsistent: rangeConsistent(pdf, byteRange, contents),
      signedEnd: (byteRange[2] ?? 0) + (byteRange[3] ?? 0),
    });
  }
  return out.sort((a, b) => a.signedEnd - b.signedEnd);
}

/** The signed bytes of one signature: the file minus the /Contents gap. */
export function signedChunks(pdf: Buffer, br: number[]): Buffer[] {
  const [a, b, c, d] = br as [number, number, number, number];
  return [pdf.subarray(a, a + b), pdf.subarray(c, c + d)];
}
