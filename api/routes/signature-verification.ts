/**
 * Verification of any signed file (PAdES or CAdES, any certificate) by the body's staff: the report
 * as JSON and as a PDF to download, against the body's trust anchors.
 */
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Config } from '../../config';
import { problemMessages } from '../../domain/signature/verification';
import type { DocumentRepository } from '../../db/repositories/documents';
import { appendAudit } from '../../db/repositories/audit';
import { trustAnchors } from '../../db/repositories/signing-credentials';
import { renderVerificationReport } from '../../signing/report-pdf';
import { verifySignedFile } from '../../signing/verify';
import { ApiError } from '../errors';
import { contentDisposition, MAX_UPLOAD_BYTES } from './case-documents';

export function signatureVerificationRoutes(sequelize: Sequelize, documents: DocumentRepository, config: Config): Router {
  const router = Router({ mergeParams: true });

  router.post('/signature-verifications', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'empty' }]);
    let fileName = 'documento';
    try {
      fileName = decodeURIComponent(req.header('X-Filename') ?? 'documento').slice(0, 200);
    } catch {
      /* keep the default name */
    }
    const report = await verifySignedFile(bytes, { anchors: await trustAnchors(sequelize, bodyId, config.SIGNATURE_TRUST_ANCHORS), now: new Date(), fileName });
    const [body] = await sequelize.query<{ name: string }>('SELECT name FROM bodies WHERE id = :bodyId', { type: QueryTypes.SELECT, replacements: { bodyId } });
    const verificationId = randomUUID();
    const pdf = await renderVerificationReport(report, body?.name ?? '');
    const saved = await documents.saveDocument({ bodyId, ownerKind: 'verification', ownerId: verificationId, category: 'report', filename: 'rapporto-di-verifica.pdf', bytes: pdf, createdBy: req.auth!.userId, admitted: ['application/pdf'] });
    await appendAudit({ bodyId, userId: req.auth!.userId, action: 'signature.verified', entityType: 'verification', entityId: verificationId, requestId: String(req.id), details: { fileSha256: report.fileSha256, outcome: report.outcome, reportDocumentId: saved.id } });
    res.status(201).json({
      id: verificationId,
      reportDocumentId: saved.id,
      report,
      messages: Object.fromEntries([...new Set([...report.problems, ...report.signatures.flatMap((s) => s.problems)])].map((c) => [c, problemMessages[c]])),
    });
  });

  router.get('/signature-verifications/:id/report', async (req, res) => {
    const list = await documents.listDocuments(req.auth!.bodyId, 'verification', String(req.params.id));
    const record = list.find((d) => d.category === 'report');
    if (!record) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { bytes } = await documents.readDocument(req.auth!.bodyId, record.id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.send(bytes);
  });

  return router;
}
