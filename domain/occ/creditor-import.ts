/**
 * Import of the creditor list from a spreadsheet (CSV here; XLSX is read into the same rows by the
 * API, since unzipping is not the domain's job). All or nothing: the result is either every claim
 * or the list of row errors (row number as the user sees it — the header is row 1 — field, code,
 * message in Italian and English).
 *
 * CSV: separator `;` or `,` (detected on the header line, outside quotes), RFC 4180 quoting, BOM and
 * CRLF tolerated. Amounts: euro with Italian decimals ("1.234,56"), or a plain "1234.56"; "€" and
 * spaces ignored. Headers in Italian or English (see `headerAliases`).
 */
import { claimInputSchema, claimRanks, issuesToFields, type Claim, type ClaimRank } from './claims';

export type CellValue = string | number | boolean | null;

export interface ImportRowError {
  row: number;
  field: string;
  code: string;
  message: { it: string; en: string };
}

export type ImportResult = { ok: true; claims: Claim[] } | { ok: false; errors: ImportRowError[] };

type Field =
  | 'creditorName' | 'taxId' | 'pec' | 'title' | 'capitalCents' | 'interestCents' | 'costsCents' | 'rank' | 'incapienteCents'
  | 'classCode' | 'proposedTreatmentBp' | 'proposedSchedule' | 'waivedPrelazione' | 'observations' | 'filedByPec';

export const headerAliases: Record<Field, readonly string[]> = {
  creditorName: ['creditore', 'nome', 'denominazione', 'ragione_sociale', 'creditor', 'creditor_name', 'name'],
  taxId: ['codice_fiscale', 'cf', 'partita_iva', 'piva', 'p_iva', 'cf_piva', 'codice_fiscale_partita_iva', 'tax_id', 'tax_code', 'vat_number'],
  pec: ['pec', 'indirizzo_pec', 'pec_address'],
  title: ['titolo', 'titolo_del_credito', 'title'],
  capitalCents: ['capitale', 'capital', 'importo_capitale'],
  interestCents: ['interessi', 'interest'],
  costsCents: ['spese', 'costi', 'costs'],
  rank: ['grado', 'rango', 'privilegio', 'rank'],
  incapienteCents: ['incapiente', 'parte_incapiente', 'incapiente_part'],
  classCode: ['classe', 'class'],
  proposedTreatmentBp: ['trattamento', 'trattamento_proposto', 'percentuale', 'percentuale_soddisfacimento', 'treatment', 'treatment_percent'],
  proposedSchedule: ['piano_pagamenti', 'rateizzazione', 'tempi', 'schedule'],
  waivedPrelazione: ['rinuncia_prelazione', 'rinuncia', 'waived_prelazione', 'waived'],
  observations: ['osservazioni', 'note', 'observations', 'notes'],
  filedByPec: ['via_pec', 'domanda_via_pec', 'filed_by_pec'],
};

const amountFields: readonly Field[] = ['capitalCents', 'interestCents', 'costsCents', 'incapienteCents'];

const messages: Record<string, { it: string; en: string }> = {
  REQUIRED: { it: 'Campo obbligatorio mancante.', en: 'Required field missing.' },
  NEGATIVE: { it: 'L’importo non può essere negativo.', en: 'The amount cannot be negative.' },
  INVALID_AMOUNT: { it: 'Importo non valido (usare ad esempio 1.234,56).', en: 'Invalid amount (use e.g. 1.234,56).' },
  INVALID_PERCENT: { it: 'Percentuale non valida (da 0 a 100).', en: 'Invalid percentage (0 to 100).' },
  INVALID_RANK: { it: `Grado non valido: ammessi ${claimRanks.join(', ')}.`, en: `Invalid rank: allowed ${claimRanks.join(', ')}.` },
  INVALID_TAX_ID: { it: 'Codice fiscale o partita IVA non valido.', en: 'Invalid tax code or VAT number.' },
  INVALID_EMAIL: { it: 'Indirizzo PEC non valido.', en: 'Invalid PEC address.' },
  PEC_REQUIRED: { it: 'Serve l’indirizzo PEC del creditore.', en: "The creditor's PEC address is needed." },
  INVALID_BOOLEAN: { it: 'Valore non valido: usare sì o no.', en: 'Invalid value: use yes or no.' },
  EXCEEDS_CLAIM: { it: 'La parte indicata supera l’importo del credito.', en: 'The part exceeds the claim amount.' },
  ONLY_FOR_PREFERRED_RANKS: { it: 'Ammesso solo per crediti privilegiati, ipotecari o pignoratizi.', en: 'Only for privileged, mortgage or pledge claims.' },
  UNKNOWN_COLUMN: { it: 'Colonna non riconosciuta.', en: 'Unrecognised column.' },
  NO_ROWS: { it: 'Il file non contiene creditori.', en: 'The file contains no creditors.' },
  MISSING_COLUMN: { it: 'Colonna obbligatoria assente nell’intestazione.', en: 'Required column missing from the header.' },
  TOO_LONG: { it: 'Testo troppo lungo.', en: 'Text too long.' },
};
const messageOf = (code: string) => messages[code] ?? { it: 'Valore non valido.', en: 'Invalid value.' };

/** Parses CSV text into rows of strings; the separator is detected on the first line. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const sep = (outsideQuotes.match(/;/g)?.length ?? 0) >= (outsideQuotes.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const normalizeHeader = (h: string) =>
  h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/** Euro text or number → cents; Italian decimals, thousands dots; null for blank; 'INVALID_AMOUNT'/'NEGATIVE' otherwise. */
export function parseEuroCents(value: CellValue): number | null | 'INVALID_AMOUNT' | 'NEGATIVE' {
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return 'INVALID_AMOUNT';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'INVALID_AMOUNT';
    if (value < 0) return 'NEGATIVE';
    const c = Math.round(value * 100);
    return Math.abs(value * 100 - c) < 1e-6 ? c : 'INVALID_AMOUNT';
  }
  let s = value.replace(/[€\s\u00a0]/g, '').replace(/^EUR/i, '');
  if (s === '') return null;
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  let intPart: string;
  let decPart = '';
  if (s.includes(',')) {
    if (!/^\d{1,3}(\.\d{3})*,\d{1,2}$|^\d+,\d{1,2}$/.test(s)) return 'INVALID_AMOUNT';
    const [a, b] = s.split(',');
    intPart = (a ?? '').replace(/\./g, '');
    decPart = b ?? '';
  } else if (/^\d{1,3}(\.\d{3})+$/.test(s)) intPart = s.replace(/\./g, '');
  else if (/^\d+(\.\d{1,2})?$/.test(s)) {
    const [a, b] = s.split('.');
    intPart = a ?? '';
    decPart = b ?? '';
  } else return 'INVALID_AMOUNT';
  if (negative) return 'NEGATIVE';
  const cents = Number(intPart) * 100 + Number(decPart.padEnd(2, '0') || '0');
  return Number.isSafeInteger(cents) ? cents : 'INVALID_AMOUNT';
}

/** "30", "30,5", "30.5 %" → basis points; numbers as percent (0.3 from a percent-formatted cell is 0.3 %). */
export function parsePercentBp(value: CellValue): number | null | 'INVALID_PERCENT' {
  if (value === null || value === '') return null;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[%\s]/g, '').replace(',', '.')) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 100) return 'INVALID_PERCENT';
  const bp = Math.round(n * 100);
  return Math.abs(n * 100 - bp) < 1e-6 ? bp : 'INVALID_PERCENT';
}

function parseBoolean(value: CellValue): boolean | null | 'INVALID_BOOLEAN' {
  if (value === null || value === '') return null;
  if (typeof value === 'boolean') return value;
  const s = String(value).trim().toLowerCase();
  if (['si', 'sì', 's', 'yes', 'y', 'true', 'x', '1'].includes(s)) return true;
  if (['no', 'n', 'false', '0'].includes(s)) return false;
  return 'INVALID_BOOLEAN';
}

function parseRank(value: CellValue): ClaimRank | null | 'INVALID_RANK' {
  if (value === null || value === '') return null;
  const s = normalizeHeader(String(value));
  const aliases: Record<string, ClaimRank> = {
    prededuzione: 'prededuzione', prededucibile: 'prededuzione',
    privilegio_generale: 'privilegio_generale', privilegiato_generale: 'privilegio_generale', privilegio: 'privilegio_generale', privilegiato: 'privilegio_generale',
    privilegio_speciale: 'privilegio_speciale', privilegiato_speciale: 'privilegio_speciale',
    ipoteca: 'ipoteca', ipotecario: 'ipoteca', pegno: 'pegno', pignoratizio: 'pegno',
    chirografo: 'chirografo', chirografario: 'chirografo',
  };
  return aliases[s] ?? ((claimRanks as readonly string[]).includes(s) ? (s as ClaimRank) : 'INVALID_RANK');
}

const text = (v: CellValue) => (v === null ? null : String(v).trim() || null);

/** Turns the sheet's rows (header first) into validated claims, or every row error. */
export function importCreditorRows(rows: readonly (readonly CellValue[])[]): ImportResult {
  const errors: ImportRowError[] = [];
  const err = (row: number, field: string, code: string) => errors.push({ row, field, code, message: messageOf(code) });
  const header = rows[0];
  if (!header) return { ok: false, errors: [{ row: 1, field: '', code: 'NO_ROWS', message: messageOf('NO_ROWS') }] };
  const columns = new Map<number, Field>();
  header.forEach((h, i) => {
    const key = normalizeHeader(String(h ?? ''));
    if (key === '') return;
    const field = (Object.keys(headerAliases) as Field[]).find((f) => headerAliases[f].includes(key));
    if (field) columns.set(i, field);
    else err(1, String(h), 'UNKNOWN_COLUMN');
  });
  for (const required of ['creditorName', 'capitalCents', 'rank'] as const) {
    if (![...columns.values()].includes(required)) err(1, required, 'MISSING_COLUMN');
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length < 2) return { ok: false, errors: [{ row: 1, field: '', code: 'NO_ROWS', message: messageOf('NO_ROWS') }] };

  const claims: Claim[] = [];
  rows.slice(1).forEach((cells, index) => {
    const rowNumber = index + 2;
    if (cells.every((c) => c === null || String(c).trim() === '')) return;
    const raw: Record<string, unknown> = {};
    let rowOk = true;
    columns.forEach((field, i) => {
      const v = cells[i] ?? null;
      if (amountFields.includes(field)) {
        const c = parseEuroCents(v);
        if (c === 'INVALID_AMOUNT' || c === 'NEGATIVE') {
          err(rowNumber, field, c);
          rowOk = false;
        } else if (c !== null) raw[field] = c;
      } else if (field === 'proposedTreatmentBp') {
        const p = parsePercentBp(v);
        if (p === 'INVALID_PERCENT') {
          err(rowNumber, field, p);
          rowOk = false;
        } else raw[field] = p;
      } else if (field === 'waivedPrelazione' || field === 'filedByPec') {
        const b = parseBoolean(v);
        if (b === 'INVALID_BOOLEAN') {
          err(rowNumber, field, b);
          rowOk = false;
        } else if (b !== null) raw[field] = b;
      } else if (field === 'rank') {
        const r = parseRank(v);
        if (r === 'INVALID_RANK') {
          err(rowNumber, field, r);
          rowOk = false;
        } else raw[field] = r ?? undefined;
      } else raw[field] = text(v) ?? undefined;
    });
    if (!rowOk) return;
    const parsed = claimInputSchema.safeParse(raw);
    if (!parsed.success) {
      for (const f of issuesToFields(parsed.error)) err(rowNumber, f.path, f.code === 'INVALID_TYPE' && raw[f.path] === undefined ? 'REQUIRED' : f.code);
      return;
    }
    claims.push(parsed.data);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (claims.length === 0) return { ok: false, errors: [{ row: 1, field: '', code: 'NO_ROWS', message: messageOf('NO_ROWS') }] };
  return { ok: true, claims };
}

/** CSV text → claims or row errors. */
export const importCreditorCsv = (csv: string): ImportResult => importCreditorRows(parseCsv(csv));
