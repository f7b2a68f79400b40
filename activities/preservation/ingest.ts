/**
 * Ingest of a submission package (PdV): class and metadata checked, every file admitted by its
 * content, the SInCRO index with SHA-256 digests signed by the body's seal (CAdES), the archival
 * package (PdA) written once, the ingest receipt (rapporto di versamento) kept as a document.
 * Idempotent per submission: a retried or repeated submission returns the package it made.
 */
import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { detectFileType, PRESERVATION_TYPES } from '../../domain/documents/file-types';
import { errorMessages } from '../../domain/errors';
import { missingMetadata, retentionEnd, type MetadataField } from '../../domain/preservation/classes';
import { appendAudit } from '../../db/repositories/audit';
import { loadCredential } from '../../db/repositories/signing-credentials';
import { signCades } from '../../signing/cades';
import type { PreservationInput, PreservationResult } from '../../workflows/preservation/contract';
import type { SigningDeps } from '../signing/deps';
import { readPackageFile, writePackage } from './archive';
import { buildPIndex, buildReceipt } from './sincro';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A stable UUID for (body, submission), so a retry writes the same package directory. */
function packageIdFor(bodyId: string, submissionId: string): string {
  const h = createHash('sha256').update(`preservation\0${bodyId}\0${submissionId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

interface ClassRow {
  code: string;
  name: string;
  retention_years: number | null;
  metadata: MetadataField[];
}

type RejectionCode = 'PRESERVATION_CLASS_UNKNOWN' | 'PRESERVATION_METADATA_MISSING' | 'UNSUPPORTED_FILE_TYPE';

export function createIngest(deps: SigningDeps) {
  const { sequelize } = deps;

  async function reject(input: PreservationInput, code: RejectionCode, detail: Record<string, unknown>): Promise<PreservationResult> {
    await sequelize.transaction(async (transaction) => {
      await sequelize.query('INSERT INTO preservation_rejections (id, body_id, submission_id, code, detail) VALUES (:id, :bodyId, :submissionId, :code, :detail)', {
        transaction,
        replacements: { id: randomUUID(), bodyId: input.bodyId, submissionId: input.submissionId, code, detail: JSON.stringify(detail) },
      });
      await appendAudit({ bodyId: input.bodyId, userId: input.submittedBy, action: 'preservation.rejected', entityType: 'preservation_submission', entityId: null, details: { submissionId: input.submissionId, code, ...detail } }, transaction);
    });
    return { status: 'rejected', packageId: null, receiptDocumentId: null, rejection: { code, message: errorMessages[code] } };
  }

  return async function ingestSubmission(input: PreservationInput): Promise<PreservationResult> {
    const [done] = await sequelize.query<{ id: string; receipt_document_id: string }>('SELECT id, receipt_document_id FROM preservation_packages WHERE body_id = :bodyId AND submission_id = :submissionId', {
      type: QueryTypes.SELECT,
      replacements: { bodyId: input.bodyId, submissionId: input.submissionId },
    });
    if (done) return { status: 'preserved', packageId: done.id, receiptDocumentId: done.receipt_document_id, rejection: null };

    const [cls] = await sequelize.query<ClassRow>(
      'SELECT code, name, retention_years, metadata FROM preservation_classes WHERE code = :classCode AND (body_id = :bodyId OR body_id IS NULL) ORDER BY body_id NULLS LAST LIMIT 1',
      { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId, classCode: input.classCode } },
    );
    if (!cls) return reject(input, 'PRESERVATION_CLASS_UNKNOWN', { classCode: input.classCode });
    for (const [i, item] of input.items.entries()) {
      const missing = missingMetadata(cls, item.metadata);
      if (missing.length > 0) return reject(input, 'PRESERVATION_METADATA_MISSING', { item: i, missing });
    }
    const docs: { record: { id: string; filename: string }; bytes: Buffer; mediaType: string; extension: string }[] = [];
    for (const [i, item] of input.items.entries()) {
      const { record, bytes } = await deps.documents.readDocument(input.bodyId, item.documentId);
      const type = detectFileType(bytes);
      if (!type || !PRESERVATION_TYPES.includes(type.mediaType)) return reject(input, 'UNSUPPORTED_FILE_TYPE', { item: i, detected: type?.mediaType ?? null });
      docs.push({ record, bytes, mediaType: type.mediaType, extension: type.extension });
    }

    const [body] = await sequelize.query<{ name: string; tax_code: string | null }>('SELECT name, tax_code FROM bodies WHERE id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId: input.bodyId } });
    const packageId = packageIdFor(input.bodyId, input.submissionId);
    const createdAt = new Date().toISOString();
    const files = docs.map((d, i) => ({
      id: d.record.id,
      path: `documenti/${String(i + 1).padStart(3, '0')}-${d.record.filename}`,
      mediaType: d.mediaType,
      extension: d.extension,
      sha256: sha256(d.bytes),
      metadata: input.items[i]!.metadata,
    }));
    const index = Buffer.from(buildPIndex({ packageId, submissionId: input.submissionId, classCode: cls.code, className: cls.name, body: { id: input.bodyId, name: body!.name, taxCode: body!.tax_code }, source: input.source, createdAt, files }));
    const seal = await loadCredential(sequelize, input.bodyId, 'seal', deps.config.SIGNING_KEYS_SECRET);
    const signedIndex = signCades(index, seal, new Date());
    const pdvHash = createHash('sha256').update(index);
    for (const d of docs) pdvHash.update(d.bytes);
    const indexSha256 = sha256(index);
    const receiptId = randomUUID();
    const receipt = Buffer.from(buildReceipt({ receiptId, packageId, submissionId: input.submissionId, bodyName: body!.name, classCode: cls.code, createdAt, indexSha256, pdvSha256: pdvHash.digest('hex'), files: files.length }));
    const signedReceipt = signCades(receipt, seal, new Date());

    const written = await writePackage(deps.config.PRESERVATION_DIR, input.bodyId, packageId, [
      ...docs.map((d, i) => ({ path: files[i]!.path, bytes: d.bytes })),
      { path: 'PIndex.xml', bytes: index },
      { path: 'PIndex.xml.p7m', bytes: signedIndex },
      { path: 'RapportoDiVersamento.xml.p7m', bytes: signedReceipt },
    ]);
    // A package already on disk (a crash after writing, before recording): what is on disk is the truth.
    const storedReceipt = written ? signedReceipt : await readPackageFile(deps.config.PRESERVATION_DIR, input.bodyId, packageId, 'RapportoDiVersamento.xml.p7m');
    const storedIndexSha256 = written ? indexSha256 : sha256(await readPackageFile(deps.config.PRESERVATION_DIR, input.bodyId, packageId, 'PIndex.xml'));
    const receiptDoc = await deps.documents.saveDocument({ bodyId: input.bodyId, ownerKind: 'preservation', ownerId: packageId, category: 'receipt', filename: 'RapportoDiVersamento.xml.p7m', bytes: storedReceipt, createdBy: null, admitted: ['application/pkcs7-mime'] });
    const referenceDate = input.items[0]?.metadata.data_documento ?? createdAt.slice(0, 10);
    await sequelize.transaction(async (transaction) => {
      await sequelize.query(
        `INSERT INTO preservation_packages (id, body_id, submission_id, class_code, source, index_sha256, receipt_document_id, path, retention_until, submitted_by)
         VALUES (:packageId, :bodyId, :submissionId, :classCode, :source, :indexSha256, :receiptId, :path, :retentionUntil, :submittedBy)`,
        {
          transaction,
          replacements: {
            packageId,
            bodyId: input.bodyId,
            submissionId: input.submissionId,
            classCode: cls.code,
            source: input.source,
            indexSha256: storedIndexSha256,
            receiptId: receiptDoc.id,
            path: `${input.bodyId}/${packageId}`,
            retentionUntil: retentionEnd(cls.retention_years, /^\d{4}-\d{2}-\d{2}/.test(referenceDate) ? referenceDate : createdAt.slice(0, 10)),
            submittedBy: input.submittedBy,
          },
        },
      );
      for (const [i, f] of files.entries()) {
        await sequelize.query('INSERT INTO preservation_items (package_id, seq, document_id, path, media_type, sha256, metadata) VALUES (:packageId, :seq, :documentId, :path, :mediaType, :sha256, :metadata)', {
          transaction,
          replacements: { packageId, seq: i + 1, documentId: f.id, path: f.path, mediaType: f.mediaType, sha256: f.sha256, metadata: JSON.stringify(f.metadata) },
        });
      }
      await appendAudit({ bodyId: input.bodyId, userId: input.submittedBy, action: 'preservation.preserved', entityType: 'preservation_package', entityId: packageId, details: { submissionId: input.submissionId, classCode: cls.code, files: files.length, indexSha256 } }, transaction);
    });
    return { status: 'preserved', packageId, receiptDocumentId: receiptDoc.id, rejection: null };
  };
}
