/**
 * The OCC fee quote (preventivo) as a PDF: inputs, the bracket table (D.M. 30/2012 art. 1 applied
 * through art. 16 D.M. 202/2014), the three columns min / medio / max with the "medio" convention
 * stated as such, the cap rule and the notes, and "spese documentate e oneri fiscali esclusi".
 * Deterministic: the same data and date give the same bytes, so a retried activity stores one document.
 */
import { PDFDocument } from 'pdf-lib';
import { A4, PdfTextWriter, type TextOptions } from '../../pdf/text-writer';
import { feeQuoteFlagNotes, type FeeQuote } from '../../domain/occ/fee-quote';
import { formatEuro, formatPercentBp } from '../../domain/occ/money';

export interface QuotePdfData {
  bodyName: string;
  caseNumber: string;
  subject: string;
  number: number;
  issuedAt: string;
  quote: FeeQuote;
}

const date = (iso: string) => new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'long' }).format(new Date(iso));
/** Rate in thousandths of a percent → "12,000 %" trimmed to "12 %", "0,565 %". */
const rate = (r: number) => `${(r / 1000).toFixed(3).replace(/\.?0+$/, '').replace('.', ',')} %`;

export async function renderOccQuotePdf(d: QuotePdfData): Promise<Uint8Array> {
  const q = d.quote;
  const doc = await PDFDocument.create();
  const issued = new Date(d.issuedAt);
  doc.setTitle(`Preventivo n. ${d.number} — pratica ${d.caseNumber}`);
  doc.setAuthor(d.bodyName);
  doc.setCreator('Mediazione Aperta');
  doc.setProducer('Mediazione Aperta (pdf-lib)');
  doc.setLanguage('it-IT');
  doc.setCreationDate(issued);
  doc.setModificationDate(issued);
  const pdf = await PdfTextWriter.create(doc);
  /** Body text: 5 pt after each paragraph unless said otherwise. */
  const w = { text: (t: string, o: TextOptions = {}) => pdf.text(t, { gap: 5, ...o }), row: pdf.row.bind(pdf), gap: pdf.gap.bind(pdf) };

  w.text(d.bodyName, { size: 12, bold: true, center: true, gap: 2 });
  w.text('Organismo di composizione della crisi da sovraindebitamento', { size: 9, center: true, gap: 14 });
  w.text(`PREVENTIVO N. ${d.number} DEL COMPENSO DELL’OCC`, { size: 14, bold: true, center: true, gap: 2 });
  w.text(`Pratica ${d.caseNumber} — emesso il ${date(d.issuedAt)}`, { center: true, gap: 12 });
  w.text(`Oggetto: ${d.subject}`, { gap: 10 });

  w.text('Dati di calcolo', { bold: true, size: 11, gap: 2 });
  w.text(
    [
      `Passivo: ${formatEuro(q.passivoCents)}`,
      `Attivo: ${formatEuro(q.attivoCents)}${q.flags.includes('ATTIVO_DERIVED_FROM_SATISFACTION') ? ' (passivo × percentuale di soddisfacimento)' : ''}`,
      `Importo attribuito ai creditori: ${formatEuro(q.amountToCreditorsCents)}`,
    ].join('\n'),
    { gap: 10 },
  );

  w.text('Compenso per scaglioni (art. 16 D.M. 202/2014; art. 1 D.M. 30/2012)', { bold: true, size: 11, gap: 4 });
  const edges = [0, 300, 345, 395, 445, 495, A4[0] - 50];
  w.row(['Scaglione', 'Base', '% min', '% max', 'Minimo', 'Medio', 'Massimo'], edges, { bold: true, rule: true });
  for (const s of q.slices) {
    const label = `${s.table === 'attivo' ? 'Attivo' : 'Passivo'} ${formatEuro(s.fromCents)} – ${s.toCents === null ? 'oltre' : formatEuro(s.toCents)}`;
    w.row([label, formatEuro(s.baseCents), rate(s.rates.min), rate(s.rates.max), formatEuro(s.amounts.min), formatEuro(s.amounts.average), formatEuro(s.amounts.max)], edges);
  }
  const { min, average, max } = q.columns;
  const line = (label: string, f: (c: typeof min) => string, bold = false, rule = false) => w.row([label, '', '', '', f(min), f(average), f(max)], edges, { bold, rule });
  w.gap(2);
  line('Totale lordo', (c) => formatEuro(c.grossCents), true, true);
  line('Riduzione (art. 16 co. 4)', (c) => formatPercentBp(c.reductionBp));
  line('Compenso ridotto', (c) => formatEuro(c.reducedCents));
  line('Spese generali (art. 14 co. 3)', (c) => formatPercentBp(c.generalExpensesBp));
  line('Compenso con spese generali', (c) => formatEuro(c.withGeneralExpensesCents));
  line('Limite art. 16 co. 5 applicato', (c) => (c.capped ? 'sì' : 'no'));
  line('PREVENTIVO', (c) => formatEuro(c.totalCents), true, true);
  w.gap(8);

  w.text('Limite dell’art. 16 co. 5 D.M. 202/2014', { bold: true, size: 11, gap: 2 });
  w.text(
    q.cap.applies
      ? `Compenso e spese generali non possono superare il ${formatPercentBp(q.cap.rateBp!)} dell’importo attribuito ai creditori: ${formatEuro(q.cap.amountCents!)}.`
      : 'Non applicato: l’importo attribuito ai creditori è inferiore a 20.000 €.',
    { gap: 8 },
  );
  w.text('Convenzione del "medio"', { bold: true, size: 11, gap: 2 });
  w.text(q.averageConvention.it, { gap: 8 });
  const notes = q.flags.filter((f) => f !== 'CAP_APPLIED' && f !== 'CAP_NOT_APPLIED_BELOW_THRESHOLD').map((f) => `• ${feeQuoteFlagNotes[f].it}`);
  if (notes.length) {
    w.text('Avvertenze', { bold: true, size: 11, gap: 2 });
    w.text(notes.join('\n'), { gap: 8 });
  }
  w.text(
    'Importi al netto delle spese documentate e degli oneri fiscali e previdenziali, esclusi dal preventivo. Le soglie non sono vincolanti per la liquidazione giudiziale (art. 14 co. 4 D.M. 202/2014); l’eventuale accordo con il debitore prevale (art. 14 co. 1).',
    { size: 9, gap: 16 },
  );
  w.text('Per accettazione, il debitore', { gap: 24 });
  w.text('_______________________________', { gap: 4 });
  return doc.save({ useObjectStreams: false });
}
