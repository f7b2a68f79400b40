import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { assertAdmitted, CASE_DOCUMENT_TYPES } from '../../domain/documents/file-types';
import { DomainError } from '../../domain/errors';
import type { DocumentView } from '../../domain/views/document';
import type { FileStore } from '../file-store';

export type DocumentRecord = DocumentView;

export interface SaveDocumentInput {
  bodyId: string;
  /** What the document belongs to: 'case', 'protocol', 'signature', 'preservation', 'message', … */
  ownerKind: string;
  ownerId: string;
  /** What it is within its owner: 'attachment', 'minutes', 'adhesion', 'receipt', … */
  category: string;
  filename: string;
  bytes: Uint8Array;
  createdBy: string | null;
  /** Media types admitted in this context (by content); the case-file default otherwise. */
  admitted?: readonly string[];
  transaction?: Transaction;
}

export interface DocumentRepository {
  saveDocument(input: SaveDocumentInput): Promise<DocumentRecord>;
  getDocument(bodyId: string, id: string): Promise<DocumentRecord | null>;
  readDocument(bodyId: string, id: string): Promise<{ record: DocumentRecord; bytes: Buffer }>;
  listDocuments(bodyId: string, ownerKind: string, ownerId: string): Promise<DocumentRecord[]>;
}

interface Row {
  id: string;
  body_id: string;
  owner_kind: string;
  owner_id: string;
  category: string;
  filename: string;
  media_type: string;
  size: string;
  sha256: string;
  created_by: string | null;
  created_at: Date;
}

const toRecord = (r: Row): DocumentRecord => ({
  id: r.id,
  ownerKind: r.owner_kind,
  ownerId: r.owner_id,
  category: r.category,
  filename: r.filename,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
});

/** Keeps a name safe to show and to send back in Content-Disposition: no paths, no control characters. */
export function cleanFilename(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  const stem = base.replace(/\.[^.]*$/, '') || 'documento';
  return `${stem}.${extension}`;
}

const COLUMNS = 'id, body_id, owner_kind, owner_id, category, filename, media_type, size, sha256, created_by, created_at';

/**
 * Documents: the bytes in the content-addressed file store, the metadata in `documents` (immutable rows).
 * The type is detected from the content and the name's extension set to match it. Saving the same
 * content twice for the same owner and category returns the first record (safe for retried activities).
 */
export function createDocumentRepository(sequelize: Sequelize, store: FileStore): DocumentRepository {
  const one = async (sql: string, replacements: Record<string, unknown>, transaction?: Transaction): Promise<Row | undefined> => {
    const rows = await sequelize.query<Row>(sql, { type: QueryTypes.SELECT, replacements, ...(transaction ? { transaction } : {}) });
    return rows[0];
  };

  const getDocument: DocumentRepository['getDocument'] = async (bodyId, id) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await one(`SELECT ${COLUMNS} FROM documents WHERE body_id = :bodyId AND id = :id`, { bodyId, id });
    return row ? toRecord(row) : null;
  };

  return {
    async saveDocument(input) {
      const type = assertAdmitted(input.bytes, input.admitted ?? CASE_DOCUMENT_TYPES);
      const blob = await store.put(input.bytes);
      const replacements = {
        id: randomUUID(),
        bodyId: input.bodyId,
        ownerKind: input.ownerKind,
        ownerId: input.ownerId,
        category: input.category,
        filename: cleanFilename(input.filename, type.extension),
        mediaType: type.mediaType,
        size: blob.size,
        sha256: blob.sha256,
        createdBy: input.createdBy,
      };
      const inserted = await one(
        `INSERT INTO documents (${COLUMNS.replace(', created_at', '')})
         VALUES (:id, :bodyId, :ownerKind, :ownerId, :category, :filename, :mediaType, :size, :sha256, :createdBy)
         ON CONFLICT (body_id, owner_kind, owner_id, category, sha256) DO NOTHING
         RETURNING ${COLUMNS}`,
        replacements,
        input.transaction,
      );
      const row =
        inserted ??
        (await one(
          `SELECT ${COLUMNS} FROM documents WHERE body_id = :bodyId AND owner_kind = :ownerKind AND owner_id = :ownerId
             AND category = :category AND sha256 = :sha256`,
          replacements,
          input.transaction,
        ));
      if (!row) throw new Error('document row vanished');
      return toRecord(row);
    },
    getDocument,
    async readDocument(bodyId, id) {
      const record = await getDocument(bodyId, id);
      if (!record) throw new DomainError('DOCUMENT_NOT_FOUND');
      return { record, bytes: await store.get(record.sha256) };
    },
    async listDocuments(bodyId, ownerKind, ownerId) {
      const rows = await sequelize.query<Row>(
        `SELECT ${COLUMNS} FROM documents WHERE body_id = :bodyId AND owner_kind = :ownerKind AND owner_id = :ownerId
         ORDER BY created_at, id`,
        { type: QueryTypes.SELECT, replacements: { bodyId, ownerKind, ownerId } },
      );
      return rows.map(toRecord);
    },
  };
}
