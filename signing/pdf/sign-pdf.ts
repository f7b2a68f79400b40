/**
 * PAdES signatures (ETSI.CAdES.detached) appended as incremental updates: the original bytes stay
 * untouched, so every earlier signature keeps verifying. Each update adds the signature dictionary,
 * a signature field/widget (visible with an appearance, or invisible), the page and AcroForm objects
 * it changes, and a cross-reference section of the same kind as the previous one (table or stream).
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, type PDFContext } from 'pdf-lib';
import type { Credential } from '../body-pki';
import { displayName } from '../certificates';
import { signDetached } from '../cms';
import { lastStartXref, pdfDate, pdfText, serialize, winAnsiLiteral } from './pdf-syntax';

export interface SignatureBox {
  /** 1-based page number. */
  page: number;
  /** PDF points from the page's lower-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfSignOptions {
  credential: Credential;
  signingTime: Date;
  reason?: string;
  location?: string;
  /** Visible box; an invisible signature (on page 1) when omitted. */
  box?: SignatureBox;
  /** Bytes reserved for the CMS signature (fixed once written). */
  reservedBytes?: number;
}

export class PdfSignError extends Error {
  constructor(
    readonly code: 'PDF_UNREADABLE' | 'PDF_ENCRYPTED' | 'PDF_PAGE_OUT_OF_RANGE' | 'SIGNATURE_TOO_LARGE',
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  num: number;
  gen: number;
  bytes: Buffer;
}

const BYTE_RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

async function load(pdf: Buffer): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (err) {
    if ((err as Error).name === 'EncryptedPDFError' || /encrypted/i.test((err as Error).message)) throw new PdfSignError('PDF_ENCRYPTED', 'encrypted PDFs cannot be signed');
    throw new PdfSignError('PDF_UNREADABLE', `not a readable PDF: ${(err as Error).message}`);
  }
}

function appearance(text: string[], width: number, height: number, fontRef: PDFRef): { dict: string; stream: string } {
  const size = Math.max(5, Math.min(9, (height - 6) / (text.length * 1.25)));
  const lead = size * 1.25;
  const lines = text.map((t, i) => `${i === 0 ? '' : `0 -${lead.toFixed(2)} Td `}${winAnsiLiteral(t)} Tj`).join('\n');
  const stream = [
    'q 0.93 0.96 1 rg 0 0 ' + `${width} ${height} re f`,
    `0 0.4 0.8 RG 0.8 w 0.4 0.4 ${width - 0.8} ${height - 0.8} re S Q`,
    `BT /F1 ${size.toFixed(2)} Tf 0.1 0.1 0.1 rg 4 ${(height - size - 3).toFixed(2)} Td`,
    lines,
    'ET',
  ].join('\n');
  const dict = `<< /Type /XObject /Subtype /Form /BBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${fontRef.toString()} >> >> /Length ${Buffer.byteLength(stream, 'latin1')} >>`;
  return { dict, stream };
}

function trailerSize(pdf: Buffer, startxref: number): number {
  const window = pdf.subarray(startxref, Math.min(pdf.length, startxref + 1_000_000)).toString('latin1');
  const trailerAt = window.indexOf('trailer');
  const m = /\/Size\s+(\d+)/.exec(trailerAt >= 0 ? window.slice(trailerAt) : window);
  return m ? Number(m[1]) : 0;
}

function xrefTable(entries: { num: number; gen: number; offset: number }[]): string {
  let out = 'xref\n';
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++;
    out += `${entries[i]!.num} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) out += `${String(entries[k]!.offset).padStart(10, '0')} ${String(entries[k]!.gen).padStart(5, '0')} n\r\n`;
    i = j + 1;
  }
  return out;
}

function xrefIndex(entries: { num: number }[]): number[] {
  const index: number[] = [];
  let i = 0;
  while (i < entries.length) {
    let j = i;
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++;
    index.push(entries[i]!.num, j - i + 1);
    i = j + 1;
  }
  return index;
}

/** Signs a PDF; the result is the input followed by one incremental update. */
export async function signPdf(input: Buffer, opts: PdfSignOptions): Promise<Buffer> {
  const doc = await load(input);
  const context: PDFContext = doc.context;
  const pages = doc.getPages();
  const box = opts.box;
  const pageIndex = (box?.page ?? 1) - 1;
  const page = pages[pageIndex];
  if (!page) throw new PdfSignError('PDF_PAGE_OUT_OF_RANGE', `the document has ${pages.length} pages`);

  const prev = lastStartXref(input);
  const prevIsStream = !input.subarray(prev, prev + 4).toString('latin1').startsWith('xref');
  let next = Math.max(context.largestObjectNumber + 1, trailerSize(input, prev));
  const alloc = () => PDFRef.of(next++, 0);

  const pending: Pending[] = [];
  const write = (ref: PDFRef, body: Buffer | string) =>
    pending.push({ num: ref.objectNumber, gen: ref.generationNumber, bytes: Buffer.concat([Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]) });

  const sigRef = alloc();
  const widgetRef = alloc();
  const apRef = alloc();
  const fontRef = alloc();
  const reserved = opts.reservedBytes ?? 16384;

  // Signature dictionary, with fixed-width placeholders filled in once the file is laid out.
  const cert = opts.credential.certificate;
  const signerName = displayName(cert.subject);
  write(
    sigRef,
    `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${BYTE_RANGE_PLACEHOLDER} ` +
      `/Contents <${'0'.repeat(reserved * 2)}> /M ${pdfDate(opts.signingTime)} /Name ${pdfText(signerName)}` +
      (opts.reason ? ` /Reason ${pdfText(opts.reason)}` : '') +
      (opts.location ? ` /Location ${pdfText(opts.location)}` : '') +
      ' /Prop_Build << /App << /Name /MediazioneAperta >> >> >>',
  );

  // Appearance and widget.
  const [w, h] = box ? [box.width, box.height] : [0, 0];
  const when = opts.signingTime.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const lines = ['Firmato digitalmente da', signerName, ...(cert.taxCode ? [`CF: ${cert.taxCode}`] : []), `Data: ${when}`];
  const ap = appearance(lines, w, h, fontRef);
  write(apRef, `${ap.dict}\nstream\n${ap.stream}\nendstream`);
  write(fontRef, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const rect = box ? `[${box.x} ${box.y} ${box.x + box.width} ${box.y + box.height}]` : '[0 0 0 0]';
  const fieldName = `Firma${sigRef.objectNumber}`;
  write(widgetRef, `<< /Type /Annot /Subtype /Widget /FT /Sig /T ${pdfText(fieldName)} /F 132 /Rect ${rect} /P ${page.ref.toString()} /V ${sigRef.toString()} /AP << /N ${apRef.toString()} >> >>`);

  // The page lists the widget among its annotations.
  const annots = page.node.get(PDFName.of('Annots'));
  if (annots instanceof PDFRef) {
    const arr = (context.lookup(annots, PDFArray) as PDFArray).clone(context);
    arr.push(widgetRef);
    write(annots, serialize(arr));
  } else {
    const pageDict = page.node.clone(context);
    const arr = annots instanceof PDFArray ? annots.clone(context) : context.obj([]);
    arr.push(widgetRef);
    pageDict.set(PDFName.of('Annots'), arr);
    write(page.ref, serialize(pageDict));
  }

  // The AcroForm lists the field and declares signatures (SigFlags 3: signatures exist, append only).
  const rootRef = context.trailerInfo.Root as PDFRef;
  const catalog = context.lookup(rootRef, PDFDict) as PDFDict;
  const acroEntry = catalog.get(PDFName.of('AcroForm'));
  const updateAcro = (acro: PDFDict): PDFDict => {
    const copy = acro.clone(context);
    const fields = copy.get(PDFName.of('Fields'));
    if (fields instanceof PDFRef) {
      const arr = (context.lookup(fields, PDFArray) as PDFArray).clone(context);
      arr.push(widgetRef);
      write(fields, serialize(arr));
    } else {
      const arr = fields instanceof PDFArray ? fields.clone(context) : context.obj([]);
      arr.push(widgetRef);
      copy.set(PDFName.of('Fields'), arr);
    }
    copy.set(PDFName.of('SigFlags'), PDFNumber.of(3));
    return copy;
  };
  if (acroEntry instanceof PDFRef) {
    write(acroEntry, serialize(updateAcro(context.lookup(acroEntry, PDFDict) as PDFDict)));
  } else {
    const acroRef = acroEntry instanceof PDFDict ? null : alloc();
    const newCatalog = catalog.clone(context);
    if (acroEntry instanceof PDFDict) newCatalog.set(PDFName.of('AcroForm'), updateAcro(acroEntry));
    else {
      write(acroRef!, serialize(context.obj({ Fields: [widgetRef], SigFlags: 3 })));
      newCatalog.set(PDFName.of('AcroForm'), acroRef!);
    }
    write(rootRef, serialize(newCatalog));
  }

  // Lay out the update.
  const parts: Buffer[] = [];
  let offset = input.length;
  const lead = input[input.length - 1] === 0x0a || input[input.length - 1] === 0x0d ? '' : '\n';
  if (lead) {
    parts.push(Buffer.from(lead));
    offset += lead.length;
  }
  const entries: { num: number; gen: number; offset: number }[] = [];
  let sigOffset = -1;
  for (const p of pending) {
    if (p.num === sigRef.objectNumber) sigOffset = offset;
    entries.push({ num: p.num, gen: p.gen, offset });
    parts.push(p.bytes);
    offset += p.bytes.length;
  }
  const trailer = context.trailerInfo;
  const trailerEntries =
    `/Root ${rootRef.toString()}` +
    (trailer.Info ? ` /Info ${serialize(trailer.Info).toString('latin1')}` : '') +
    (trailer.ID ? ` /ID ${serialize(trailer.ID).toString('latin1')}` : '');
  const xrefOffset = offset;
  if (prevIsStream) {
    const xrefRef = alloc();
    entries.push({ num: xrefRef.objectNumber, gen: 0, offset: xrefOffset });
    entries.sort((a, b) => a.num - b.num);
    const data = Buffer.concat(
      entries.map((e) => {
        const row = Buffer.alloc(7);
        row[0] = 1;
        row.writeUInt32BE(e.offset, 1);
        row.writeUInt16BE(e.gen, 5);
        return row;
      }),
    );
    parts.push(
      Buffer.from(`${xrefRef.objectNumber} 0 obj\n<< /Type /XRef /Size ${next} /W [1 4 2] /Index [${xrefIndex(entries).join(' ')}] ${trailerEntries} /Prev ${prev} /Length ${data.length} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'),
    );
  } else {
    entries.sort((a, b) => a.num - b.num);
    parts.push(Buffer.from(`${xrefTable(entries)}trailer\n<< /Size ${next} ${trailerEntries} /Prev ${prev} >>\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'));
  }
  const out = Buffer.concat([input, ...parts]);

  // Byte ranges around /Contents, the digest, the CMS signature.
  const sigText = out.subarray(sigOffset, sigOffset + 400).toString('latin1');
  const contentsStart = sigOffset + sigText.indexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = contentsStart + reserved * 2 + 2;
  const byteRange = [0, contentsStart, contentsEnd, out.length - contentsEnd];
  const rangeText = `[${byteRange.map((n, i) => (i === 0 ? '0' : String(n).padEnd(10, ' '))).join(' ')}]`;
  if (rangeText.length !== BYTE_RANGE_PLACEHOLDER.length) throw new PdfSignError('SIGNATURE_TOO_LARGE', 'the document is too large for the byte-range placeholder');
  const rangeAt = sigOffset + sigText.indexOf(BYTE_RANGE_PLACEHOLDER);
  out.write(rangeText, rangeAt, 'latin1');
  const digest = createHash('sha256').update(out.subarray(0, contentsStart)).update(out.subarray(contentsEnd)).digest();
  const cms = signDetached(opts.credential, digest);
  if (cms.length > reserved) throw new PdfSignError('SIGNATURE_TOO_LARGE', `the signature needs ${cms.length} bytes, ${reserved} reserved`);
  out.write(cms.toString('hex').toUpperCase(), contentsStart + 1, 'latin1');
  return out;
}

