/**
 * Protocol entries: registration (number, date and time, digests assigned in one transaction,
 * art. 53 co. 3), annotations and annulment. Numbers come from `protocol_counters (register, year)`
 * incremented by an upsert in the same transaction as the insert: the row lock queues concurrent
 * registrations, a failed transaction gives its number back, so numbers are gapless and unique.
 */
import type { Sequelize, Transaction } from 'sequelize';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../domain/errors';
import { assertUsableClassification } from '../../../domain/protocol/classification';
import { assertAnnullable, type AnnulmentInput } from '../../../domain/protocol/changes';
import { correspondentSearchText, type Correspondent, type EntryInput, type FileLink } from '../../../domain/protocol/entry';
import { protocolYear } from '../../../domain/protocol/numbering';
import { assertRegisterOpen } from '../../../domain/protocol/registers';
import type { ProtocolEntryView } from '../../../domain/views/protocol';
import { appendAudit } from '../audit';
import type { DocumentRepository } from '../documents';
import { getEntry } from './entry-view';
import { openFile } from './files';
import { getRegister, listClassifications } from './registers';
import { execute, pgCode, select } from './sql';

/** An attachment already decoded and checked (type admitted) by the caller. */
export interface AttachmentBytes {
  filename: string;
  bytes: Uint8Array;
  description?: string | undefined;
}

export interface RegisterEntryInput {
  bodyId: string;
  /** Derived from the request's Idempotency-Key (or the mail message key): a retry finds the entry. */
  entryId: string;
  entry: Omit<EntryInput, 'attachments'>;
  attachments: AttachmentBytes[];
  registeredBy: string | null;
  /** Where the entry came from (e.g. a mail message key), unique per body. */
  sourceKey?: string | null;
  requestId?: string | null;
  workflowId?: string | null;
  /** Admitted media types of the attachments. */
  admitted: readonly string[];
}

export interface ProtocolDeps {
  sequelize: Sequelize;
  documents: DocumentRepository;
  /** The registration clock (injected: tests move it across a new year). */
  now: () => Date;
}

/** The file an entry is to be linked to exists (a new file: its classification is usable). */
async function checkFileLink(sequelize: Sequelize, bodyId: string, file: FileLink, scheme: { code: string; title: string; active: boolean }[]) {
  if (file.kind === 'new_file' && file.classificationCode) assertUsableClassification(scheme, file.classificationCode);
  if (file.kind === 'case') {
    const [c] = await select(sequelize, 'SELECT 1 FROM cases WHERE body_id = :bodyId AND id = :id', { bodyId, id: file.caseId });
    if (!c) throw new DomainError('PROTOCOL_FILE_NOT_FOUND', [{ path: 'file.caseId', code: 'UNKNOWN' }]);
  }
  if (file.kind === 'file') {
    const [f] = await select(sequelize, 'SELECT 1 FROM protocol_files WHERE body_id = :bodyId AND id = :id', { bodyId, id: file.fileId });
    if (!f) throw new DomainError('PROTOCOL_FILE_NOT_FOUND', [{ path: 'file.fileId', code: 'UNKNOWN' }]);
  }
}

/** Checks everything that can be checked before writing, so bad input changes nothing. */
async function precheck(deps: ProtocolDeps, input: RegisterEntryInput) {
  const { sequelize } = deps;
  const register = await getRegister(sequelize, input.bodyId, input.entry.registerId);
  if (!register) throw new DomainError('REGISTER_NOT_FOUND', [{ path: 'registerId', code: 'UNKNOWN' }]);
  assertRegisterOpen(register);
  const scheme = (await listClassifications(sequelize, input.bodyId)).map((n) => ({ code: n.code, title: n.title, active: n.active }));
  assertUsableClassification(scheme, input.entry.classificationCode);
  if (input.entry.file) await checkFileLink(sequelize, input.bodyId, input.entry.file, scheme);
  return register;
}

async function linkFile(sequelize: Sequelize, t: Transaction, bodyId: string, entryId: string, file: FileLink, classificationCode: string, at: Date, by: string | null) {
  let caseId: string | null = null;
  let fileId: string | null = null;
  if (file.kind === 'case') caseId = file.caseId;
  else if (file.kind === 'file') fileId = file.fileId;
  else fileId = (await openFile(sequelize, t, { bodyId, subject: file.subject, classificationCode: file.classificationCode ?? classificationCode, at, by })).id;
  await execute(
    sequelize,
    `INSERT INTO protocol_file_links (id, body_id, entry_id, case_id, file_id, linked_at, linked_by)
     VALUES (:id, :bodyId, :entryId, :caseId, :fileId, :at, :by)`,
    { id: randomUUID(), bodyId, entryId, caseId, fileId, at, by },
    t,
  );
}

/** Registers an entry, or returns the one already registered under the same ID. */
export async function registerEntry(deps: ProtocolDeps, input: RegisterEntryInput): Promise<{ entry: ProtocolEntryView; created: boolean }> {
  const { sequelize, documents } = deps;
  const existing = await getEntry(sequelize, input.bodyId, input.entryId);
  if (existing) return { entry: existing, created: false };
  const register = await precheck(deps, input);
  const e = input.entry;

  for (let attempt = 0; ; attempt++) {
    try {
      await sequelize.transaction(async (t) => {
        // Documents first (their rows do not need the number), so the counter lock is held briefly.
        const saved = [];
        for (const [position, a] of input.attachments.entries()) {
          const doc = await documents.saveDocument({
            bodyId: input.bodyId, ownerKind: 'protocol', ownerId: input.entryId, category: position === 0 ? 'primary' : 'attachment',
            filename: a.filename, bytes: a.bytes, createdBy: input.registeredBy, admitted: input.admitted, transaction: t,
          });
          saved.push({ doc, position, description: a.description ?? null });
        }
        const first = deps.now();
        const year = protocolYear(first);
        const [counter] = await select<{ last_number: number }>(
          sequelize,
          `INSERT INTO protocol_counters (body_id, register_id, year, last_number) VALUES (:bodyId, :registerId, :year, 1)
           ON CONFLICT (register_id, year) DO UPDATE SET last_number = protocol_counters.last_number + 1
           RETURNING last_number`,
          { bodyId: input.bodyId, registerId: register.id, year },
          t,
        );
        // The time is read once the number is ours, so times grow with numbers; a year boundary crossed
        // while waiting for the lock starts over in the new year.
        const registeredAt = deps.now();
        if (protocolYear(registeredAt) !== year) throw new YearChanged();
        await execute(
          sequelize,
          `INSERT INTO protocol_entries (id, body_id, register_id, year, number, registered_at, registered_by, direction, channel, subject,
             classification_code, correspondents, correspondents_text, received_document, confidential, source_key)
           VALUES (:id, :bodyId, :registerId, :year, :number, :registeredAt, :registeredBy, :direction, :channel, :subject,
             :classificationCode, :correspondents, :correspondentsText, :receivedDocument, :confidential, :sourceKey)`,
          {
            id: input.entryId, bodyId: input.bodyId, registerId: register.id, year, number: counter!.last_number, registeredAt,
            registeredBy: input.registeredBy, direction: e.direction, channel: e.channel, subject: e.subject,
            classificationCode: e.classificationCode, correspondents: JSON.stringify(e.correspondents),
            correspondentsText: correspondentSearchText(e.correspondents as Correspondent[]),
            receivedDocument: e.receivedDocument ? JSON.stringify(e.receivedDocument) : null, confidential: e.confidential,
            sourceKey: input.sourceKey ?? null,
          },
          t,
        );
        for (const s of saved) {
          await execute(
            sequelize,
            'INSERT INTO protocol_attachments (entry_id, position, body_id, document_id, description) VALUES (:entryId, :position, :bodyId, :documentId, :description)',
            { entryId: input.entryId, position: s.position, bodyId: input.bodyId, documentId: s.doc.id, description: s.description },
            t,
          );
        }
        if (e.file) await linkFile(sequelize, t, input.bodyId, input.entryId, e.file, e.classificationCode, registeredAt, input.registeredBy);
        await appendAudit(
          {
            bodyId: input.bodyId, userId: input.registeredBy, action: 'protocol.entry_registered', entityType: 'protocol_entry', entityId: input.entryId,
            requestId: input.requestId ?? null, workflowId: input.workflowId ?? null,
            details: { registerId: register.id, year, number: counter!.last_number, attachments: saved.map((s) => s.doc.sha256) },
          },
          t,
        );
      });
      break;
    } catch (err) {
      if (err instanceof YearChanged && attempt < 3) continue;
      // The same ID registered concurrently (a retried request racing the first): that one stands.
      if (pgCode(err) === '23505') {
        const raced = await getEntry(sequelize, input.bodyId, input.entryId);
        if (raced) return { entry: raced, created: false };
      }
      throw err;
    }
  }
  return { entry: (await getEntry(sequelize, input.bodyId, input.entryId))!, created: true };
}

class YearChanged extends Error {}

async function lockEntry(sequelize: Sequelize, t: Transaction, bodyId: string, entryId: string) {
  const [row] = await select<{ annulled_at: Date | null }>(
    sequelize,
    'SELECT annulled_at FROM protocol_entries WHERE body_id = :bodyId AND id = :entryId FOR UPDATE',
    { bodyId, entryId },
    t,
  );
  if (!row) throw new DomainError('PROTOCOL_ENTRY_NOT_FOUND');
  return row;
}

/** Appends an annotation (a correction or note) to an entry; annulled entries can still be annotated. */
export async function annotateEntry(
  deps: ProtocolDeps,
  a: { bodyId: string; entryId: string; text: string; by: string; requestId?: string | null },
): Promise<ProtocolEntryView> {
  const { sequelize } = deps;
  if (!/^[0-9a-f-]{36}$/i.test(a.entryId)) throw new DomainError('PROTOCOL_ENTRY_NOT_FOUND');
  await sequelize.transaction(async (t) => {
    await lockEntry(sequelize, t, a.bodyId, a.entryId);
    const id = randomUUID();
    await execute(
      sequelize,
      'INSERT INTO protocol_annotations (id, body_id, entry_id, text, created_by, created_at) VALUES (:id, :bodyId, :entryId, :text, :by, :at)',
      { id, bodyId: a.bodyId, entryId: a.entryId, text: a.text, by: a.by, at: deps.now() },
      t,
    );
    await appendAudit({ bodyId: a.bodyId, userId: a.by, action: 'protocol.entry_annotated', entityType: 'protocol_entry', entityId: a.entryId, requestId: a.requestId ?? null, details: { annotationId: id } }, t);
  });
  return (await getEntry(sequelize, a.bodyId, a.entryId))!;
}

/** Annuls the whole entry (art. 54): it stays, marked, with date, author, reason and measure. */
export async function annulEntry(
  deps: ProtocolDeps,
  a: { bodyId: string; entryId: string; annulment: AnnulmentInput; by: string; requestId?: string | null },
): Promise<ProtocolEntryView> {
  const { sequelize } = deps;
  if (!/^[0-9a-f-]{36}$/i.test(a.entryId)) throw new DomainError('PROTOCOL_ENTRY_NOT_FOUND');
  await sequelize.transaction(async (t) => {
    const row = await lockEntry(sequelize, t, a.bodyId, a.entryId);
    assertAnnullable({ annulledAt: row.annulled_at });
    await execute(
      sequelize,
      `UPDATE protocol_entries SET annulled_at = :at, annulled_by = :by, annulment_reason = :reason, annulment_measure = :measure
       WHERE body_id = :bodyId AND id = :entryId`,
      { bodyId: a.bodyId, entryId: a.entryId, at: deps.now(), by: a.by, reason: a.annulment.reason, measure: a.annulment.measure ?? null },
      t,
    );
    await appendAudit({ bodyId: a.bodyId, userId: a.by, action: 'protocol.entry_annulled', entityType: 'protocol_entry', entityId: a.entryId, requestId: a.requestId ?? null }, t);
  });
  return (await getEntry(sequelize, a.bodyId, a.entryId))!;
}

/** Links an existing entry to a file afterwards (P2); links are added, never removed. */
export async function linkEntryToFile(
  deps: ProtocolDeps,
  a: { bodyId: string; entryId: string; file: FileLink; by: string; requestId?: string | null },
): Promise<ProtocolEntryView> {
  const { sequelize } = deps;
  const current = await getEntry(sequelize, a.bodyId, a.entryId);
  if (!current) throw new DomainError('PROTOCOL_ENTRY_NOT_FOUND');
  const scheme = (await listClassifications(sequelize, a.bodyId)).map((n) => ({ code: n.code, title: n.title, active: n.active }));
  await checkFileLink(sequelize, a.bodyId, a.file, scheme);
  try {
    await sequelize.transaction(async (t) => {
      await lockEntry(sequelize, t, a.bodyId, a.entryId);
      await linkFile(sequelize, t, a.bodyId, a.entryId, a.file, current.classificationCode, deps.now(), a.by);
      await appendAudit({ bodyId: a.bodyId, userId: a.by, action: 'protocol.entry_linked', entityType: 'protocol_entry', entityId: a.entryId, requestId: a.requestId ?? null, details: { file: a.file.kind } }, t);
    });
  } catch (err) {
    if (pgCode(err) !== '23505') throw err; // already linked: nothing to do
  }
  return (await getEntry(sequelize, a.bodyId, a.entryId))!;
}
