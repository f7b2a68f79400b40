/**
 * The daily register as a PDF (pdf-lib, standard fonts): a header with the body, the register and
 * the day, one block per registration, then the day's annulments and annotations of earlier entries.
 * Deterministic for given input (dates set from `generatedAt`), so a retried activity stores the
 * same bytes, and the same document.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatProtocolId } from '../../domain/protocol/numbering';
import type { DailyRegisterInput } from '../../domain/protocol/daily-register';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const directions: Record<string, string> = { incoming: 'Entrata', outgoing: 'Uscita', internal: 'Interno' };

const romeTime = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', timeStyle: 'medium' }).format(new Date(iso));
const romeDateTime = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
const italianDay = (day: string) => day.split('-').reverse().join('/');

/** The standard fonts encode WinAnsi only: anything else becomes '?'. */
function encodable(font: PDFFont, text: string): string {
  return [...text.replace(/[\r\n\t]+/g, ' ')].map((ch) => {
    try {
      font.encodeText(ch);
      return ch;
    } catch {
      return '?';
    }
  }).join('');
}

function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const words = encodable(font, text).split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderDailyRegisterPdf(r: DailyRegisterInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Registro giornaliero di protocollo ${r.registerCode} del ${italianDay(r.day)}`);
  pdf.setAuthor(r.administration.name);
  pdf.setSubject('Registro giornaliero di protocollo (art. 53 c. 2 DPR 445/2000)');
  pdf.setProducer('Mediazione Aperta');
  pdf.setCreator('Mediazione Aperta');
  pdf.setCreationDate(r.generatedAt);
  pdf.setModificationDate(r.generatedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;

  const write = (text: string, opts: { font?: PDFFont; size?: number; indent?: number; gap?: number } = {}) => {
    const font = opts.font ?? regular;
    const size = opts.size ?? 9;
    for (const line of wrap(font, size, text, width - (opts.indent ?? 0))) {
      if (y < MARGIN + size) {
        page = pdf.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN + (opts.indent ?? 0), y, size, font, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 3;
    }
    y -= opts.gap ?? 0;
  };
  const rule = () => {
    page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: A4[0] - MARGIN, y: y + 4 }, thickness: 0.5, color: rgb(0.6, 0.6, 0.6) });
    y -= 6;
  };

  write(r.administration.name, { font: bold, size: 13 });
  write(`Registro giornaliero di protocollo - ${r.registerName} (${r.registerCode})`, { font: bold, size: 11 });
  write(`Giorno: ${italianDay(r.day)}   Codice IPA: ${r.administration.code}   AOO: ${r.aooCode}`, { size: 9 });
  write(`Registrazioni del giorno: ${r.entries.length}   Annullamenti e annotazioni di registrazioni precedenti: ${r.changes.length}`, { size: 9 });
  write(`Generato il ${romeDateTime(r.generatedAt.toISOString())}`, { size: 8, gap: 6 });
  rule();

  if (r.entries.length === 0) write('Nessuna registrazione in questo giorno.', { size: 10, gap: 6 });
  for (const e of r.entries) {
    write(`${formatProtocolId(r.registerCode, e.year, e.number)}  ore ${romeTime(e.registeredAt)}  ${directions[e.direction] ?? e.direction}${e.annulled ? '  [ANNULLATA]' : ''}`, { font: bold, size: 9 });
    write(`Oggetto: ${e.subject}`, { indent: 10 });
    write(`Corrispondenti: ${e.correspondents.join('; ')}`, { indent: 10 });
    write(`Classifica: ${e.classificationCode}${e.fileCode ? `   Fascicolo: ${e.fileCode}` : ''}`, { indent: 10 });
    for (const d of e.documents) write(`Documento: ${d.filename}  SHA-256 ${d.sha256}`, { indent: 10, size: 7 });
    y -= 4;
  }
  if (r.changes.length > 0) {
    rule();
    write('Annullamenti e annotazioni del giorno', { font: bold, size: 10, gap: 2 });
    for (const c of r.changes) {
      write(`${formatProtocolId(r.registerCode, c.year, c.number)}  ${c.kind === 'annulment' ? 'Annullamento' : 'Annotazione'} ore ${romeTime(c.at)}: ${c.text}`, { size: 9 });
    }
  }
  return pdf.save({ useObjectStreams: false });
}
