/**
 * The minutes (verbale) of a mediation as a PDF, laid out from the case data (art. 11 d.lgs. 28/2010,
 * spec mediation.md §1.11): the body, the case, the mediator, the meetings held with the attendance,
 * the outcome, the agreement's text (annexed) or the notes, and the signature lines of parties,
 * lawyers and mediator. Deterministic: the same input gives the same bytes (dates are inputs), so a
 * retried activity stores one document.
 */
import { PDFDocument } from 'pdf-lib';
import { PdfTextWriter } from '../../pdf/text-writer';

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

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
const date = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' }).format(new Date(iso));

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
  const w = await PdfTextWriter.create(doc, 56);
  /** The minutes' body text: 11 pt, 6 pt after each paragraph unless said otherwise. */
  const say = (text: string, opts: Parameters<PdfTextWriter['text']>[1] = {}) => w.text(text, { size: 11, gap: 6, ...opts });

  say(d.bodyName, { size: 12, bold: true, center: true, gap: 2 });
  say('Organismo di mediazione — d.lgs. 4 marzo 2010, n. 28', { size: 9, center: true, gap: 18 });
  say(`VERBALE DI MEDIAZIONE N. ${d.caseNumber}`, { size: 15, bold: true, center: true, gap: 4 });
  say(d.outcomeLabel, { size: 11, center: true, gap: 18 });

  say('Procedimento', { bold: true, gap: 2 });
  say(`Oggetto: ${d.subject}\nMateria: ${d.matterLabel}\nTipologia: ${d.mediationTypeLabel}\nDomanda depositata il ${date(d.filedAt)}\nMediatore: ${d.mediatorName}`, { gap: 12 });

  say('Parti', { bold: true, gap: 2 });
  for (const p of d.parties) {
    const role = p.role === 'applicant' ? 'parte istante' : 'parte invitata';
    const lawyer = p.lawyer ? `, assistita dall'avv. ${p.lawyer}` : '';
    const presence = p.present === null ? '' : p.present ? ' — presente' : ' — assente';
    say(`${p.name} (${role}${lawyer})${presence}`, { gap: 2 });
  }
  say('', { gap: 6 });

  say('Incontri', { bold: true, gap: 2 });
  for (const m of d.meetings) say(`${dateTime(m.startsAt)}, ${m.modeLabel}${m.place ? `, presso ${m.place}` : ''}`, { gap: 2 });
  say('', { gap: 6 });

  say('Esito', { bold: true, gap: 2 });
  say(
    d.agreement
      ? `Le parti hanno raggiunto un accordo, il cui testo è allegato al presente verbale e ne costituisce parte integrante (art. 11 d.lgs. 28/2010).`
      : `Il procedimento si conclude con il seguente esito: ${d.outcomeLabel}.`,
    { gap: 8 },
  );
  if (d.text) {
    say(d.agreement ? 'Testo dell’accordo' : 'Annotazioni del mediatore', { bold: true, gap: 2 });
    say(d.text, { gap: 12 });
  }

  say(`Letto, confermato e sottoscritto il ${date(d.producedAt)}.`, { gap: 8 });
  for (const p of d.parties) {
    w.signatureLine(p.name);
    if (p.lawyer) w.signatureLine(`Avv. ${p.lawyer}`);
  }
  w.signatureLine(`Il mediatore, ${d.mediatorName}`);
  return doc.save({ useObjectStreams: false });
}
