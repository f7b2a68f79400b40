import type { Sequelize } from 'sequelize';
import { dayBounds } from '../../../domain/protocol/daily-register';
import type { SearchFilter } from '../../../domain/protocol/search';
import type { ProtocolEntryList } from '../../../domain/views/protocol';
import { ENTRY_SELECT, linksOf, toSummary, type EntryRow } from './entry-view';
import { select } from './sql';

const like = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** WHERE clause and replacements of a search; every clause is scoped to the body. */
function where(bodyId: string, f: Omit<SearchFilter, 'limit' | 'offset' | 'format'>) {
  const clauses = ['e.body_id = :bodyId'];
  const r: Record<string, unknown> = { bodyId };
  const add = (clause: string, values: Record<string, unknown> = {}) => {
    clauses.push(clause);
    Object.assign(r, values);
  };
  if (f.registerId) add('e.register_id = :registerId', { registerId: f.registerId });
  if (f.year) add('e.year = :year', { year: f.year });
  if (f.number) add('e.number = :number', { number: f.number });
  if (f.dateFrom) add('e.registered_at >= :from', { from: dayBounds(f.dateFrom).start });
  if (f.dateTo) add('e.registered_at < :to', { to: dayBounds(f.dateTo).end });
  if (f.direction) add('e.direction = :direction', { direction: f.direction });
  if (f.correspondent) add('e.correspondents_text LIKE :correspondent', { correspondent: like(f.correspondent.toLowerCase()) });
  if (f.subject) add('e.subject ILIKE :subject', { subject: like(f.subject) });
  if (f.classification) {
    add('(e.classification_code = :classification OR e.classification_code LIKE :classificationPrefix)', {
      classification: f.classification,
      classificationPrefix: `${f.classification.replace(/[\\%_]/g, (m) => `\\${m}`)}.%`,
    });
  }
  const linked = (column: string) => `EXISTS (SELECT 1 FROM protocol_file_links l WHERE l.body_id = e.body_id AND l.entry_id = e.id AND l.${column} = :${column})`;
  if (f.fileId) add(linked('file_id'), { file_id: f.fileId });
  if (f.caseId) add(linked('case_id'), { case_id: f.caseId });
  if (f.annulled !== undefined) add(f.annulled ? 'e.annulled_at IS NOT NULL' : 'e.annulled_at IS NULL');
  return { sql: clauses.join(' AND '), replacements: r };
}

/** Entries matching the filter, newest first, with the total count. */
export async function searchEntries(sequelize: Sequelize, bodyId: string, f: SearchFilter): Promise<ProtocolEntryList> {
  const w = where(bodyId, f);
  const [rows, [count]] = await Promise.all([
    select<EntryRow>(sequelize, `${ENTRY_SELECT} WHERE ${w.sql} ORDER BY e.registered_at DESC, e.number DESC LIMIT :limit OFFSET :offset`, {
      ...w.replacements, limit: f.limit, offset: f.offset,
    }),
    select<{ n: number }>(sequelize, `SELECT count(*)::int AS n FROM protocol_entries e WHERE ${w.sql}`, w.replacements),
  ]);
  const links = await linksOf(sequelize, bodyId, rows.map((r) => r.id));
  return { items: rows.map((r) => toSummary(r, links)), total: count!.n };
}
