/**
 * The daily register as a PDF (pdf-lib, standard fonts): a header with the body, the register and
 * the day, one block per registration, then the day's annulments and annotations of earlier entries.
 * Deterministic for given input (dates set from `generatedAt`), so a retried activity stores the
 * same bytes, and the same document.
 */
import { PDFDocument } from 'pdf-lib';
import { PdfTextWriter, type TextOptions } from '../../pdf/text-writer';
import { formatProtocolId } from '../../domain/protocol/numbering';
import type { DailyRegisterInput } from '../../domain/protocol/daily-register';

const directions: Record<string, string> = { incoming: 'Entrata', outgoing: 'Uscita', internal: 'Interno' };

const romeTime = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', timeStyle: 'medium' }).format(new Date(iso));
const romeDateTime = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
const italianDay = (day: string) => day.split('-').reverse().join('/');

export async function renderDailyRegisterPdf(r: DailyRegisterInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Registro giornaliero di protocollo ${r.registerCode} del ${italianDay(r.day)}`);
  pdf.setAuthor(r.administration.name);
  pdf.setSubject('Registro giornaliero di protocollo (art. 53 c. 2 DPR 445/2000)');
  pdf.setProducer('Mediazione Aperta');
  pdf.setCreator('Mediazione Aperta');
  pdf.setCreationDate(r.generatedAt);
  pdf.setModificationDate(r.generatedAt);
  const w = await PdfTextWriter.create(pdf);
  const write = (text: string, opts: TextOptions = {}) => w.text(text.replace(/[\r\n\t]+/g, ' '), { size: 9, ...opts });
  const rule = () => w.rule();

  write(r.administration.name, { bold: true, size: 13 });
  write(`Registro giornaliero di protocollo - ${r.registerName} (${r.registerCode})`, { bold: true, size: 11 });
  write(`Giorno: ${italianDay(r.day)}   Codice IPA: ${r.administration.code}   AOO: ${r.aooCode}`, { size: 9 });
  write(`Registrazioni del giorno: ${r.entries.length}   Annullamenti e annotazioni di registrazioni precedenti: ${r.changes.length}`, { size: 9 });
  write(`Generato il ${romeDateTime(r.generatedAt.toISOString())}`, { size: 8, gap: 6 });
  rule();

  if (r.entries.length === 0) write('Nessuna registrazione in questo giorno.', { size: 10, gap: 6 });
  for (const e of r.entries) {
    write(`${formatProtocolId(r.registerCode, e.year, e.number)}  ore ${romeTime(e.registeredAt)}  ${directions[e.direction] ?? e.direction}${e.annulled ? '  [ANNULLATA]' : ''}`, { bold: true, size: 9 });
    write(`Oggetto: ${e.subject}`, { indent: 10 });
    write(`Corrispondenti: ${e.correspondents.join('; ')}`, { indent: 10 });
    write(`Classifica: ${e.classificationCode}${e.fileCode ? `   Fascicolo: ${e.fileCode}` : ''}`, { indent: 10 });
    for (const d of e.documents) write(`Documento: ${d.filename}  SHA-256 ${d.sha256}`, { indent: 10, size: 7 });
    w.gap(4);
  }
  if (r.changes.length > 0) {
    rule();
    write('Annullamenti e annotazioni del giorno', { bold: true, size: 10, gap: 2 });
    for (const c of r.changes) {
      write(`${formatProtocolId(r.registerCode, c.year, c.number)}  ${c.kind === 'annulment' ? 'Annullamento' : 'Annotazione'} ore ${romeTime(c.at)}: ${c.text}`, { size: 9 });
    }
  }
  return pdf.save({ useObjectStreams: false });
}
