/**
 * Document classes of preservation (classi documentali): the 36 standard classes of the brochure,
 * each with its retention and metadata set. Retention is data (years, or null for permanent):
 * the brochure's uniform 10 years is the default, bodies adjust it and add their own classes.
 * Classes marked integrated (*) are sent from the application itself.
 */

export interface MetadataField {
  key: string;
  label: string;
  required: boolean;
}

export interface DocumentClass {
  code: string;
  name: string;
  /** null: permanent (never proposed for discard). */
  retentionYears: number | null;
  integrated: boolean;
  metadata: MetadataField[];
}

/** Every class: enough to find the document and say what it is (Linee guida, Allegato 5 essentials). */
const common: MetadataField[] = [
  { key: 'oggetto', label: 'Oggetto', required: true },
  { key: 'data_documento', label: 'Data del documento', required: true },
  { key: 'autore', label: 'Autore / soggetto produttore', required: false },
  { key: 'riservato', label: 'Riservato', required: false },
];
const field = (key: string, label: string, required = true): MetadataField => ({ key, label, required });

const procedure = [field('numero_procedimento', 'Numero del procedimento'), field('parti', 'Parti', false)];
const protocol = [field('numero_protocollo', 'Numero di protocollo'), field('data_protocollo', 'Data di protocollo')];

const standard: [code: string, name: string, integrated: boolean, extra: MetadataField[]][] = [
  ['STANDARD', 'Classe documentale "STANDARD"', false, []],
  ['FATTURE', 'Fatture', false, [field('numero_fattura', 'Numero fattura'), field('partita_iva_emittente', 'Partita IVA emittente')]],
  ['CONTRATTI', 'Contratti', false, [field('contraenti', 'Contraenti')]],
  ['CONSENSI_INFORMATI', 'Consensi informati', false, [field('interessato', 'Interessato')]],
  ['DETERMINAZIONI_DIRIGENZIALI', 'Determinazioni dirigenziali', false, [field('numero_determinazione', 'Numero determinazione')]],
  ['DDT', 'Documenti di trasporto (DDT)', false, [field('numero_ddt', 'Numero DDT')]],
  ['DOCUMENTI_PROTOCOLLATI', 'Documenti protocollati', true, protocol],
  ['LIBRI_REGISTRI_CONTABILI', 'Libri e registri contabili', false, [field('esercizio', 'Esercizio')]],
  ['LIBRI_SOCIALI', 'Libri sociali', false, []],
  ['LUL', 'Libri unici del lavoro (LUL)', false, [field('periodo', 'Periodo di riferimento')]],
  ['NOTA_SPESE', 'Nota spese', false, []],
  ['ORDINI_ACQUISTO', "Ordini d'acquisto", false, [field('numero_ordine', 'Numero ordine')]],
  ['REGISTRI_TRATTAMENTO_GDPR', 'Registri attività di trattamento GDPR', false, []],
  ['REGISTRI_GIORNALIERI_PROTOCOLLO', 'Registri giornalieri di protocollo', true, [field('data_registro', 'Data del registro'), field('primo_numero', 'Primo numero'), field('ultimo_numero', 'Ultimo numero')]],
  ['VERBALI_ORDINE', "Verbali dell'Ordine/Collegio", true, [field('data_seduta', 'Data della seduta')]],
  ['DELIBERE_ORDINE', "Delibere dell'Ordine/Collegio", true, [field('numero_delibera', 'Numero delibera')]],
  ['MEDIAZIONI', 'Mediazioni', true, procedure],
  ['DOCUMENTI_ODM', "Documenti dell'Organismo di Mediazione", true, []],
  ['VERBALI_MEDIAZIONI', 'Verbali delle mediazioni', true, [...procedure, field('esito', 'Esito', false)]],
  ['FORMAZIONE_CONTINUA', 'Formazione professionale continua', true, [field('iscritto', 'Iscritto')]],
  ['PATROCINIO_STATO', 'Patrocinio a spese dello Stato', true, procedure],
  ['DIFESE_UFFICIO', "Difese d'ufficio", true, procedure],
  ['ESPOSTI', 'Esposti', true, procedure],
  ['LIQUIDAZIONE_PARCELLE', 'Liquidazione parcelle', true, procedure],
  ['RICORSI_PREVENZIONE', 'Ricorsi in prevenzione', true, procedure],
  ['PROCEDIMENTI_AMMINISTRATIVI', 'Procedimenti amministrativi', true, procedure],
  ['PROCEDIMENTI_DISCIPLINARI', 'Procedimenti disciplinari', true, procedure],
  ['TENTATE_CONCILIAZIONI', 'Tentate conciliazioni', true, procedure],
  ['AFFARI_GENERALI', 'Affari generali', true, []],
  ['PARERI', 'Pareri', true, procedure],
  ['NEGOZIAZIONE_ASSISTITA', 'Negoziazione assistita', true, procedure],
  ['ACCORDI_NEGOZIAZIONE_ASSISTITA', 'Accordi di negoziazione assistita', true, procedure],
  ['ARBITRATI', 'Arbitrati', true, procedure],
  ['ALBI_ELENCHI_REGISTRI', 'Albi, elenchi e registri istituzionali', true, []],
  ['SOVRAINDEBITAMENTO', 'Gestioni della crisi da sovraindebitamento', true, procedure],
  ['DOCUMENTI_OCC', "Documenti dell'O.C.C.", true, []],
];

export const standardDocumentClasses: DocumentClass[] = standard.map(([code, name, integrated, extra]) => ({
  code,
  name,
  retentionYears: 10,
  integrated,
  metadata: [...common, ...extra],
}));

/** The required metadata keys the item lacks (empty values count as missing). */
export function missingMetadata(cls: Pick<DocumentClass, 'metadata'>, metadata: Readonly<Record<string, string>>): string[] {
  return cls.metadata.filter((f) => f.required && !(metadata[f.key] ?? '').trim()).map((f) => f.key);
}

/** The retention end: `years` after the reference date (ISO date), or null when permanent. */
export function retentionEnd(retentionYears: number | null, referenceDate: string): string | null {
  if (retentionYears === null) return null;
  const [y, m, d] = referenceDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + retentionYears, m - 1, d));
  // 29 February plus N years lands on 1 March in a common year: keep the last day of February.
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  return end.toISOString().slice(0, 10);
}

/** Packages whose retention has ended by `today` (ISO date) and that have no discard decision yet. */
export function dueForDiscard(packages: readonly { id: string; retentionUntil: string | null; discardStatus: string | null }[], today: string): string[] {
  return packages.filter((p) => p.retentionUntil !== null && p.retentionUntil <= today && p.discardStatus === null).map((p) => p.id);
}
