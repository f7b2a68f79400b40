import type { Sequelize } from 'sequelize';
import type { Correspondent, ProtocolChannel, ProtocolDirection } from '../../../domain/protocol/entry';
import { formatProtocolId } from '../../../domain/protocol/numbering';
import type { ProtocolEntrySummary, ProtocolEntryView, ProtocolFileLinkView } from '../../../domain/views/protocol';
import { iso, select } from './sql';

export interface EntryRow {
  id: string;
  register_id: string;
  register_code: string;
  year: number;
  number: number;
  registered_at: Date;
  registered_by: string | null;
  direction: ProtocolDirection;
  channel: ProtocolChannel;
  subject: string;
  classification_code: string;
  correspondents: Correspondent[];
  received_document: { date?: string; number?: string } | null;
  confidential: boolean;
  source_key: string | null;
  annulled_at: Date | null;
  annulled_by: string | null;
  annulment_reason: string | null;
  annulment_measure: string | null;
  attachment_count: number;
}

export const ENTRY_SELECT = `SELECT e.id, e.register_id, r.code AS register_code, e.year, e.number, e.registered_at, e.registered_by,
  e.direction, e.channel, e.subject, e.classification_code, e.correspondents, e.received_document, e.confidential, e.source_key,
  e.annulled_at, e.annulled_by, e.annulment_reason, e.annulment_measure,
  (SELECT count(*)::int FROM protocol_attachments a WHERE a.entry_id = e.id) AS attachment_count
  FROM protocol_entries e JOIN protocol_registers r ON r.id = e.register_id AND r.body_id = e.body_id`;

/** File links of the given entries, by entry. */
export async function linksOf(sequelize: Sequelize, bodyId: string, entryIds: string[]): Promise<Map<string, ProtocolFileLinkView[]>> {
  const out = new Map<string, ProtocolFileLinkView[]>();
  if (entryIds.length === 0) return out;
  const rows = await select<{ entry_id: string; case_id: string | null; file_id: string | null; code: string; subject: string; linked_at: Date }>(
    sequelize,
    `SELECT l.entry_id, l.case_id, l.file_id, COALESCE(c.case_number, f.code) AS code, COALESCE(c.subject, f.subject) AS subject, l.linked_at
     FROM protocol_file_links l
     LEFT JOIN cases c ON c.id = l.case_id AND c.body_id = l.body_id
     LEFT JOIN protocol_files f ON f.id = l.file_id AND f.body_id = l.body_id
     WHERE l.body_id = :bodyId AND l.entry_id IN (:entryIds) ORDER BY l.linked_at, l.seq`,
    { bodyId, entryIds },
  );
  for (const r of rows) {
    const list = out.get(r.entry_id) ?? [];
    list.push({ kind: r.case_id ? 'case' : 'file', id: (r.case_id ?? r.file_id)!, code: r.code, subject: r.subject, linkedAt: iso(r.linked_at) });
    out.set(r.entry_id, list);
  }
  return out;
}

export function toSummary(r: EntryRow, links: Map<string, ProtocolFileLinkView[]>): ProtocolEntrySummary {
  return {
    id: r.id,
    registerId: r.register_id,
    registerCode: r.register_code,
    year: r.year,
    number: r.number,
    protocolId: formatProtocolId(r.register_code, r.year, r.number),
    registeredAt: iso(r.registered_at),
    direction: r.direction,
    channel: r.channel,
    subject: r.subject,
    classificationCode: r.classification_code,
    correspondents: r.correspondents,
    attachmentCount: r.attachment_count,
    annulled: r.annulled_at !== null,
    files: links.get(r.id) ?? [],
  };
}

async function userNames(sequelize: Sequelize, ids: (string | null)[]): Promise<Map<string, { id: string; fullName: string }>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await select<{ id: string; full_name: string }>(sequelize, 'SELECT id, full_name FROM users WHERE id IN (:ids)', { ids: wanted });
  return new Map(rows.map((u) => [u.id, { id: u.id, fullName: u.full_name }] as const));
}

/** One entry with its documents, annotations, links and annulment; null when not in this body. */
export async function getEntry(sequelize: Sequelize, bodyId: string, entryId: string): Promise<ProtocolEntryView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(entryId)) return null;
  const [row] = await select<EntryRow>(sequelize, `${ENTRY_SELECT} WHERE e.body_id = :bodyId AND e.id = :entryId`, { bodyId, entryId });
  if (!row) return null;
  const [links, attachments, annotations, classification] = await Promise.all([
    linksOf(sequelize, bodyId, [row.id]),
    select<{ document_id: string; position: number; filename: string; media_type: string; size: string; sha256: string; description: string | null }>(
      sequelize,
      `SELECT a.document_id, a.position, d.filename, d.media_type, d.size, d.sha256, a.description
       FROM protocol_attachments a JOIN documents d ON d.id = a.document_id AND d.body_id = a.body_id
       WHERE a.body_id = :bodyId AND a.entry_id = :entryId ORDER BY a.position`,
      { bodyId, entryId },
    ),
    select<{ id: string; text: string; created_at: Date; created_by: string }>(
      sequelize,
      'SELECT id, text, created_at, created_by FROM protocol_annotations WHERE body_id = :bodyId AND entry_id = :entryId ORDER BY created_at, id',
      { bodyId, entryId },
    ),
    select<{ title: string }>(sequelize, 'SELECT title FROM protocol_classifications WHERE body_id = :bodyId AND code = :code', { bodyId, code: row.classification_code }),
  ]);
  const users = await userNames(sequelize, [row.registered_by, row.annulled_by, ...annotations.map((a) => a.created_by)]);
  return {
    ...toSummary(row, links),
    confidential: row.confidential,
    receivedDocument: row.received_document,
    registeredBy: (row.registered_by && users.get(row.registered_by)) || null,
    sourceKey: row.source_key,
    classificationTitle: classification[0]?.title ?? null,
    attachments: attachments.map((a) => ({
      documentId: a.document_id, position: a.position, filename: a.filename, mediaType: a.media_type, size: Number(a.size), sha256: a.sha256, description: a.description,
    })),
    annotations: annotations.map((a) => ({ id: a.id, text: a.text, createdAt: iso(a.created_at), createdBy: users.get(a.created_by) ?? null })),
    annulment: row.annulled_at
      ? { at: iso(row.annulled_at), by: (row.annulled_by && users.get(row.annulled_by)) || null, reason: row.annulment_reason!, measure: row.annulment_measure }
      : null,
  };
}
