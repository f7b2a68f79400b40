import express, { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { DocumentRepository } from '../../db/repositories/documents';
import { appendAudit } from '../../db/repositories/audit';
import { accessibleCase } from '../auth/case-access';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const uploadQuerySchema = z.object({
  category: z.enum(['attachment', 'power_of_attorney', 'identity_document', 'agreement', 'expert_report', 'other']).default('attachment'),
});

/** The file name sent in the X-Filename header (percent-encoded UTF-8). */
function uploadedName(req: Request): string {
  const raw = req.header('X-Filename') ?? '';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = '';
  }
  if (!name.trim() || name.length > 255) throw new ApiError('VALIDATION_FAILED', [{ path: 'filename', code: 'required' }]);
  return name;
}

/** RFC 6266 attachment header with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string): string {
  const fallback = filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'documento';
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * The documents of a case file: list, upload (the raw file as the body; the type is taken from the
 * content, never from the name), download. Who can read the case can read its documents; uploading
 * needs `cases.advance` (secretariat) or being the case's mediator.
 */
export function caseDocumentRoutes(sequelize: Sequelize, documents: DocumentRepository): Router {
  const router = Router({ mergeParams: true });

  router.get('/cases/:caseId/documents', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    res.json({ items: await documents.listDocuments(req.auth!.bodyId, 'case', found.id) });
  });

  router.post(
    '/cases/:caseId/documents',
    express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }),
    async (req, res) => {
      const found = await accessibleCase(sequelize, req, req.params.caseId);
      const isMediator = found.mediator?.id === req.auth!.userId;
      if (!req.permissions?.has('cases.advance') && !isMediator) throw new ApiError('PERMISSION_DENIED');
      const { category } = parseInput(uploadQuerySchema, req.query);
      const filename = uploadedName(req);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'empty' }]);
      const bodyId = req.auth!.bodyId;
      const record = await sequelize.transaction(async (transaction) => {
        const saved = await documents.saveDocument({ bodyId, ownerKind: 'case', ownerId: found.id, category, filename, bytes, createdBy: req.auth!.userId, transaction });
        await appendAudit(
          { bodyId, userId: req.auth!.userId, action: 'document.uploaded', entityType: 'case', entityId: found.id, requestId: String(req.id), details: { documentId: saved.id, category, sha256: saved.sha256 } },
          transaction,
        );
        return saved;
      });
      res.status(201).json(record);
    },
  );

  router.get('/cases/:caseId/documents/:documentId/content', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const record = await documents.getDocument(req.auth!.bodyId, String(req.params.documentId));
    if (!record || record.ownerKind !== 'case' || record.ownerId !== found.id) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { bytes } = await documents.readDocument(req.auth!.bodyId, record.id);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  });

  return router;
}
