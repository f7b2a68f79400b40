/**
 * The minutes (verbale) of a mediation as a PDF, laid out from the case data (art. 11 d.lgs. 28/2010,
 * spec mediation.md §1.11): the body, the case, the mediator, the meetings held with the attendance,
 * the outcome, the agreement's text (annexed) or the notes, and the signature lines of parties,
 * lawyers and mediator. Deterministic: the same input gives the same bytes (dates are inputs), so a
 * retried activity stores one document.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface MinutesData {
  bodyName: string;
  caseNumber: string;
  subject: string;
  matterLabel: string;
  mediationTypeLabel: string;
  filedAt: string;
  mediatorName: string;
  parties: { role: 'applicant' | 'invited'; name: string; lawyer: string | null; present: boolean | null }[];
  meetings: { startsAt: string; modeLabel: string; place: string | null }[];
  outcomeLabel: string;
  agreement: boolean;
  text: string | null;
  producedAt: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
const date = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' }).format(new Date(iso));

/** Characters the standard fonts (WinAnsi) cannot draw are replaced, never dropped silently. */
const drawable = (t: string) => t.normalize('NFC').replace(/[^\x20-\x7e\u00a0-\u00ff€’‘“”–—…]/g, '?');

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

  private ensure(height: number) {
    if (this.y - height < MARGIN) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
  }

  /** Writes a paragraph wrapped to the page width. */
  text(content: string, opts: { size?: number; bold?: boolean; gap?: number; center?: boolean } = {}) {
    const size = opts.size ?? 11;
    const font = opts.bold ? this.bold : this.font;
    const width = A4[0] - 2 * MARGIN;
    for (const para of drawable(content).split('\n')) {
      const words = para.split(/\s+/).filter(Boolean);
      let line = '';
      const lines: string[] = [];
      for (const w of words) {
        const candidate = line ? `${line} ${w}` : w;
        if (font.widthOfTextAtSize(candidate, size) > width && line) {
          lines.push(line);
          line = w;
        } else line = candidate;
      }
      lines.push(line);
      for (const l of lines) {
        this.ensure(size * 1.5);
        const x = opts.center ? (A4[0] - font.widthOfTextAtSize(l, size)) / 2 : MARGIN;
        this.page.drawText(l, { x, y: this.y - size, size, font, color: rgb(0.1, 0.1, 0.1) });
        this.y -= size * 1.45;
      }
    }
    this.y -= opts.gap ?? 6;
  }

  signatureLine(label: string) {
    this.ensure(40);
    this.y -= 22;
    this.page.drawLine({ start: { x: MARGIN + 220, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.6, color: rgb(0.3, 0.3, 0.3) });
    this.page.drawText(drawable(label), { x: MARGIN, y: this.y + 2, size: 10, font: this.font });
    this.y -= 8;
  }
}

export async function renderMinutesPdf(d: MinutesData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const produced = new Date(d.producedAt);
  doc.setTitle(`Verbale di mediazione n. ${d.caseNumber}`);
  doc.setSubject(d.outcomeLabel);
  doc.setAuthor(d.bodyName);
  doc.setCreator('Mediazione Aperta');
  doc.setProducer('Mediazione Aperta (pdf-lib)');
  doc.setLanguage('it-IT');
  doc.setCreationDate(produced);
  doc.setModificationDate(produced);
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold));

  w.text(d.bodyName, { size: 12, bold: true, center: true, gap: 2 });
  w.text('Organismo di mediazione — d.lgs. 4 marzo 2010, n. 28', { size: 9, center: true, gap: 18 });
  w.text(`VERBALE DI MEDIAZIONE N. ${d.caseNumber}`, { size: 15, bold: true, center: true, gap: 4 });
  w.text(d.outcomeLabel, { size: 11, center: true, gap: 18 });

  w.text('Procedimento', { bold: true, gap: 2 });
  w.text(`Oggetto: ${d.subject}\nMateria: ${d.matterLabel}\nTipologia: ${d.mediationTypeLabel}\nDomanda depositata il ${date(d.filedAt)}\nMediatore: ${d.mediatorName}`, { gap: 12 });

  w.text('Parti', { bold: true, gap: 2 });
  for (const p of d.parties) {
    const role = p.role === 'applicant' ? 'parte istante' : 'parte invitata';
    const lawyer = p.lawyer ? `, assistita dall'avv. ${p.lawyer}` : '';
    const presence = p.present === null ? '' : p.present ? ' — presente' : ' — assente';
    w.text(`${p.name} (${role}${lawyer})${presence}`, { gap: 2 });
  }
  w.text('', { gap: 6 });

  w.text('Incontri', { bold: true, gap: 2 });
  for (const m of d.meetings) w.text(`${dateTime(m.startsAt)}, ${m.modeLabel}${m.place ? `, presso ${m.place}` : ''}`, { gap: 2 });
  w.text('', { gap: 6 });

  w.text('Esito', { bold: true, gap: 2 });
  w.text(
    d.agreement
      ? `Le parti hanno raggiunto un accordo, il cui testo è allegato al presente verbale e ne costituisce parte integrante (art. 11 d.lgs. 28/2010).`
      : `Il procedimento si conclude con il seguente esito: ${d.outcomeLabel}.`,
    { gap: 8 },
  );
  if (d.text) {
    w.text(d.agreement ? 'Testo dell’accordo' : 'Annotazioni del mediatore', { bold: true, gap: 2 });
    w.text(d.text, { gap: 12 });
  }

  w.text(`Letto, confermato e sottoscritto il ${date(d.producedAt)}.`, { gap: 8 });
  for (const p of d.parties) {
    w.signatureLine(p.name);
    if (p.lawyer) w.signatureLine(`Avv. ${p.lawyer}`);
  }
  w.signatureLine(`Il mediatore, ${d.mediatorName}`);
  return doc.save({ useObjectStreams: false });
}
