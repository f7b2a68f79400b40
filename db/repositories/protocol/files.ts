import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import { protocolYear } from '../../../domain/protocol/numbering';
import type { ProtocolFileView } from '../../../domain/views/protocol';
import { iso, select } from './sql';

interface FileRow {
  id: string;
  code: string;
  subject: string;
  year: number;
  classification_code: string;
  opened_at: Date;
  closed_at: Date | null;
}

const toFile = (r: FileRow): ProtocolFileView => ({
  id: r.id,
  code: r.code,
  subject: r.subject,
  year: r.year,
  classificationCode: r.classification_code,
  openedAt: iso(r.opened_at),
  closedAt: r.closed_at ? iso(r.closed_at) : null,
});

/**
 * Opens a general file (fascicolo) in the transaction of the entry that opens it, numbered per
 * year and class: code `YEAR/CLASS/N` (Allegato 5: anno / titolo / classe / progressivo).
 */
export async function openFile(
  sequelize: Sequelize,
  t: Transaction,
  f: { bodyId: string; subject: string; classificationCode: string; at: Date; by: string | null },
): Promise<ProtocolFileView> {
  const year = protocolYear(f.at);
  const [counter] = await select<{ last_number: number }>(
    sequelize,
    `INSERT INTO protocol_file_counters (body_id, year, classification_code, last_number) VALUES (:bodyId, :year, :code, 1)
     ON CONFLICT (body_id, year, classification_code) DO UPDATE SET last_number = protocol_file_counters.last_number + 1
     RETURNING last_number`,
    { bodyId: f.bodyId, year, code: f.classificationCode },
    t,
  );
  const number = counter!.last_number;
  const [row] = await select<FileRow>(
    sequelize,
    `INSERT INTO protocol_files (id, body_id, year, classification_code, number, code, subject, opened_at, opened_by)
     VALUES (:id, :bodyId, :year, :classificationCode, :number, :code, :subject, :at, :by)
     RETURNING id, code, subject, year, classification_code, opened_at, closed_at`,
    { id: randomUUID(), bodyId: f.bodyId, year, classificationCode: f.classificationCode, number, code: `${year}/${f.classificationCode}/${number}`, subject: f.subject, at: f.at, by: f.by },
    t,
  );
  return toFile(row!);
}

export async function listFiles(sequelize: Sequelize, bodyId: string, q: { text?: string | undefined; limit: number }): Promise<ProtocolFileView[]> {
  const like = q.text ? `%${q.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const rows = await select<FileRow>(
    sequelize,
    `SELECT id, code, subject, year, classification_code, opened_at, closed_at FROM protocol_files
     WHERE body_id = :bodyId AND (:like::text IS NULL OR subject ILIKE :like OR code ILIKE :like)
     ORDER BY opened_at DESC LIMIT :limit`,
    { bodyId, like, limit: q.limit },
  );
  return rows.map(toFile);
}
