/** CSV and XLSX renderings of a protocol search (the register's report). */
import { createRequire } from 'node:module';
import type WriteXlsxFile from 'write-excel-file/node';
import { correspondentName } from '../../domain/protocol/entry';
import type { ProtocolEntrySummary } from '../../domain/views/protocol';

// Loaded by require: eslint-plugin-import-x mistakes the package's `node/` folder for its "node" resolver.
const writeXlsxFile = (createRequire(__filename)('write-excel-file/node') as { default: typeof WriteXlsxFile }).default;

const directionLabel = { incoming: 'Entrata', outgoing: 'Uscita', internal: 'Interno' } as const;
export const EXPORT_COLUMNS = ['Protocollo', 'Registro', 'Anno', 'Numero', 'Data e ora', 'Verso', 'Corrispondenti', 'Oggetto', 'Classifica', 'Fascicoli', 'Allegati', 'Annullato'];

function romeDateTime(iso: string): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}

function row(e: ProtocolEntrySummary): (string | number)[] {
  return [
    e.protocolId,
    e.registerCode,
    e.year,
    e.number,
    romeDateTime(e.registeredAt),
    directionLabel[e.direction],
    e.correspondents.map(correspondentName).join('; '),
    e.subject,
    e.classificationCode,
    e.files.map((f) => f.code).join('; '),
    e.attachmentCount,
    e.annulled ? 'sì' : 'no',
  ];
}

/** A spreadsheet would run a cell starting with = + - @ as a formula: such text is quoted with an apostrophe. */
function neutralize(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Semicolon-separated (what Excel expects in Italy), UTF-8 with BOM, CRLF lines. */
export function entriesToCsv(entries: readonly ProtocolEntrySummary[]): string {
  const cell = (v: string | number) => {
    const s = typeof v === 'number' ? String(v) : neutralize(v);
    return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [EXPORT_COLUMNS, ...entries.map(row)].map((r) => r.map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function entriesToXlsx(entries: readonly ProtocolEntrySummary[]): Promise<Buffer> {
  const header = EXPORT_COLUMNS.map((value) => ({ value, fontWeight: 'bold' as const }));
  const data = entries.map((e) => row(e).map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v, type: String })));
  return writeXlsxFile([header, ...data], {
    sheet: 'Protocollo',
    stickyRowsCount: 1,
    columns: [{ width: 22 }, { width: 10 }, { width: 6 }, { width: 9 }, { width: 20 }, { width: 9 }, { width: 40 }, { width: 60 }, { width: 10 }, { width: 20 }, { width: 8 }, { width: 9 }],
  }).toBuffer();
}
