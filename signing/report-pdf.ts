/** The validation report (rapporto di verifica) of a signed file, as a PDF in Italian. */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { outcomeLabels, problemMessages, type SignatureCheck, type VerificationReport } from '../domain/signature/verification';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;

/** Helvetica is WinAnsi: characters outside it are replaced so the report always renders. */
const safe = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');

const when = (iso: string | null) => (iso ? `${iso.replace('T', ' ').slice(0, 19)} UTC` : 'non indicata');
const yesNo = (v: boolean | null) => (v === null ? 'non verificato' : v ? 'sì' : 'no');

const chainLabel: Record<SignatureCheck['chain'], string> = {
  trusted: 'attendibile (catena verso un’autorità di fiducia)',
  untrusted: 'non attendibile (autorità non tra quelle di fiducia)',
  invalid: 'non valida',
};

class Writer {
  private page: PDFPage;
  private y: number;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  line(text: string, opts: { bold?: boolean; size?: number; color?: [number, number, number]; indent?: number } = {}) {
    const size = opts.size ?? 10;
    const font = opts.bold ? this.bold : this.font;
    const maxWidth = A4[0] - 2 * MARGIN - (opts.indent ?? 0);
    const words = safe(text).split(' ');
    let current = '';
    const flush = (s: string) => {
      if (this.y < MARGIN + size) {
        this.page = this.doc.addPage(A4);
        this.y = A4[1] - MARGIN;
      }
      this.page.drawText(s, { x: MARGIN + (opts.indent ?? 0), y: this.y, size, font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.1])) });
      this.y -= size * 1.4;
    };
    for (const w of words) {
      const next = current ? `${current} ${w}` : w;
      if (font.widthOfTextAtSize(next, size) > maxWidth && current) {
        flush(current);
        current = w;
      } else current = next;
    }
    flush(current);
  }
  gap(h = 8) {
    this.y -= h;
  }
}

const outcomeColor = (o: SignatureCheck['outcome']): [number, number, number] => (o === 'valid' ? [0, 0.45, 0.2] : o === 'invalid' ? [0.75, 0.1, 0.1] : [0.6, 0.4, 0]);

export async function renderVerificationReport(report: VerificationReport, bodyName: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Rapporto di verifica delle firme digitali');
  doc.setLanguage('it-IT');
  doc.setProducer('Mediazione Aperta');
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));
  w.line(bodyName, { size: 11, color: [0, 0.4, 0.8] });
  w.line('Rapporto di verifica delle firme digitali', { bold: true, size: 16 });
  w.gap();
  w.line(`File: ${report.fileName ?? '(senza nome)'}`);
  w.line(`Impronta SHA-256 del file: ${report.fileSha256}`);
  w.line(`Formato: ${report.format === 'unknown' ? 'non riconosciuto' : report.format}`);
  if (report.contentSha256) w.line(`Impronta SHA-256 del contenuto firmato: ${report.contentSha256}`);
  w.line(`Verifica eseguita il: ${when(report.verifiedAt)}`);
  w.line(`Esito complessivo: ${outcomeLabels[report.outcome].it}`, { bold: true, size: 12, color: outcomeColor(report.outcome) });
  for (const p of report.problems) w.line(`- ${problemMessages[p].it}`, { indent: 10, color: [0.6, 0.1, 0.1] });
  for (const s of report.signatures) {
    w.gap(12);
    w.line(`Firma n. ${s.index + 1}${s.fieldName ? ` (campo ${s.fieldName})` : ''}: ${outcomeLabels[s.outcome].it}`, { bold: true, size: 12, color: outcomeColor(s.outcome) });
    w.line(`Firmatario: ${s.signerName ?? 'non determinato'}`, { indent: 10 });
    w.line(`Codice fiscale: ${s.taxCode ?? 'non presente nel certificato'}`, { indent: 10 });
    w.line(`Emesso da: ${s.issuerName ?? '—'}`, { indent: 10 });
    if (s.certificateValidFrom) w.line(`Validità del certificato: dal ${when(s.certificateValidFrom)} al ${when(s.certificateValidTo)} (seriale ${s.certificateSerial})`, { indent: 10 });
    w.line(
      `Data e ora di firma: ${when(s.signingTime)}${s.signingTimeSource === 'signed-attribute' ? ' (attributo firmato, dichiarata dal firmatario)' : s.signingTimeSource === 'pdf-dictionary' ? ' (dizionario di firma del PDF, dichiarata dal firmatario)' : ''}`,
      { indent: 10 },
    );
    w.line(`Integrità: ${s.integrity ? 'il contenuto firmato non è stato alterato' : 'NON verificata'}`, { indent: 10 });
    if (s.coversWholeDocument !== null) w.line(`Copre l’intero documento: ${yesNo(s.coversWholeDocument)}${s.coversWholeDocument ? '' : ' (firme o revisioni successive)'}`, { indent: 10 });
    w.line(`Catena di certificazione: ${chainLabel[s.chain]}${s.trustAnchor ? ` — ${s.trustAnchor}` : ''}`, { indent: 10 });
    w.line(`Certificato valido all’ora di firma: ${yesNo(s.validAtSigningTime)}`, { indent: 10 });
    w.line('Revoca (CRL/OCSP): non verificata', { indent: 10 });
    if (s.expectedTaxCode) w.line(`Titolare atteso (${s.expectedTaxCode}): ${yesNo(s.holderMatches)}`, { indent: 10 });
    for (const p of s.problems) w.line(`- ${problemMessages[p].it}`, { indent: 20, color: [0.6, 0.1, 0.1] });
  }
  w.gap(16);
  w.line('Note: l’ora di firma è quella dichiarata dal firmatario (nessuna marca temporale). Lo stato di revoca dei certificati non è stato consultato.', { size: 8, color: [0.35, 0.35, 0.35] });
  return Buffer.from(await doc.save());
}
