/** The validation report (rapporto di verifica) of a signed file, as a PDF in Italian. */
import { PDFDocument } from 'pdf-lib';
import { PdfTextWriter } from '../pdf/text-writer';
import { outcomeLabels, problemMessages, type SignatureCheck, type VerificationReport } from '../domain/signature/verification';

const when = (iso: string | null) => (iso ? `${iso.replace('T', ' ').slice(0, 19)} UTC` : 'non indicata');
const yesNo = (v: boolean | null) => (v === null ? 'non verificato' : v ? 'sì' : 'no');

const chainLabel: Record<SignatureCheck['chain'], string> = {
  trusted: 'attendibile (catena verso un’autorità di fiducia)',
  untrusted: 'non attendibile (autorità non tra quelle di fiducia)',
  invalid: 'non valida',
};

const outcomeColor = (o: SignatureCheck['outcome']): [number, number, number] => (o === 'valid' ? [0, 0.45, 0.2] : o === 'invalid' ? [0.75, 0.1, 0.1] : [0.6, 0.4, 0]);

export async function renderVerificationReport(report: VerificationReport, bodyName: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Rapporto di verifica delle firme digitali');
  doc.setLanguage('it-IT');
  doc.setProducer('Mediazione Aperta');
  const w = await PdfTextWriter.create(doc);
  w.text(bodyName, { size: 11, color: [0, 0.4, 0.8] });
  w.text('Rapporto di verifica delle firme digitali', { bold: true, size: 16 });
  w.gap();
  w.text(`File: ${report.fileName ?? '(senza nome)'}`);
  w.text(`Impronta SHA-256 del file: ${report.fileSha256}`);
  w.text(`Formato: ${report.format === 'unknown' ? 'non riconosciuto' : report.format}`);
  if (report.contentSha256) w.text(`Impronta SHA-256 del contenuto firmato: ${report.contentSha256}`);
  w.text(`Verifica eseguita il: ${when(report.verifiedAt)}`);
  w.text(`Esito complessivo: ${outcomeLabels[report.outcome].it}`, { bold: true, size: 12, color: outcomeColor(report.outcome) });
  for (const p of report.problems) w.text(`- ${problemMessages[p].it}`, { indent: 10, color: [0.6, 0.1, 0.1] });
  for (const s of report.signatures) {
    w.gap(12);
    w.text(`Firma n. ${s.index + 1}${s.fieldName ? ` (campo ${s.fieldName})` : ''}: ${outcomeLabels[s.outcome].it}`, { bold: true, size: 12, color: outcomeColor(s.outcome) });
    w.text(`Firmatario: ${s.signerName ?? 'non determinato'}`, { indent: 10 });
    w.text(`Codice fiscale: ${s.taxCode ?? 'non presente nel certificato'}`, { indent: 10 });
    w.text(`Emesso da: ${s.issuerName ?? '—'}`, { indent: 10 });
    if (s.certificateValidFrom) w.text(`Validità del certificato: dal ${when(s.certificateValidFrom)} al ${when(s.certificateValidTo)} (seriale ${s.certificateSerial})`, { indent: 10 });
    w.text(
      `Data e ora di firma: ${when(s.signingTime)}${s.signingTimeSource === 'signed-attribute' ? ' (attributo firmato, dichiarata dal firmatario)' : s.signingTimeSource === 'pdf-dictionary' ? ' (dizionario di firma del PDF, dichiarata dal firmatario)' : ''}`,
      { indent: 10 },
    );
    w.text(`Integrità: ${s.integrity ? 'il contenuto firmato non è stato alterato' : 'NON verificata'}`, { indent: 10 });
    if (s.coversWholeDocument !== null) w.text(`Copre l’intero documento: ${yesNo(s.coversWholeDocument)}${s.coversWholeDocument ? '' : ' (firme o revisioni successive)'}`, { indent: 10 });
    w.text(`Catena di certificazione: ${chainLabel[s.chain]}${s.trustAnchor ? ` — ${s.trustAnchor}` : ''}`, { indent: 10 });
    w.text(`Certificato valido all’ora di firma: ${yesNo(s.validAtSigningTime)}`, { indent: 10 });
    w.text('Revoca (CRL/OCSP): non verificata', { indent: 10 });
    if (s.expectedTaxCode) w.text(`Titolare atteso (${s.expectedTaxCode}): ${yesNo(s.holderMatches)}`, { indent: 10 });
    for (const p of s.problems) w.text(`- ${problemMessages[p].it}`, { indent: 20, color: [0.6, 0.1, 0.1] });
  }
  w.gap(16);
  w.text('Note: l’ora di firma è quella dichiarata dal firmatario (nessuna marca temporale). Lo stato di revoca dei certificati non è stato consultato.', { size: 8, color: [0.35, 0.35, 0.35] });
  return Buffer.from(await doc.save());
}
