import express, { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { DocumentRepository } from '../../db/repositories/documents';
import { appendAudit } from '../../db/repositories/audit';
import { getPostalTask, listPostalTasks, POSTAL_DOCUMENT_OWNER, recordPosting, recordReceipt } from '../../db/repositories/postal-dispatches';
import { postingSchema, receiptSchema } from '../../domain/notify/postal';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { parseInput } from '../validation';
import { contentDisposition, MAX_UPLOAD_BYTES } from './case-documents';

const listSchema = z.object({
  state: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const uploadSchema = z.object({ category: z.enum(['posting_slip', 'return_receipt']) });
const idSchema = z.uuid();

/** Today's date in Europe/Rome (YYYY-MM-DD): the day a posting or a receipt may at most carry. */
const romeToday = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * Registered/priority mail and fax through the manual provider ("Posta e fax"): the tasks, the
 * scans (uploaded as the raw body, type by content), the posting and the return receipt. Every
 * change is one transaction with its audit row; mounted under /api/bodies/:bodyId.
 */
export function postalTaskRoutes(sequelize: Sequelize, documents: DocumentRepository, clock: () => Date = () => new Date()): Router {
  const router = Router({ mergeParams: true });
  const taskOf = async (bodyId: string, raw: unknown) => {
    const id = idSchema.safeParse(raw);
    const task = id.success ? await getPostalTask(sequelize, bodyId, id.data) : null;
    if (!task) throw new ApiError('NOT_FOUND');
    return task;
  };
  const actor = (req: express.Request) => ({ bodyId: req.auth!.bodyId, userId: req.auth!.userId, requestId: String(req.id), today: romeToday(clock()) });

  router.get('/postal-tasks', requirePermission('communications.send'), async (req, res) => {
    res.json(await listPostalTasks(sequelize, req.auth!.bodyId, parseInput(listSchema, req.query)));
  });

  router.get('/postal-tasks/:id', requirePermission('communications.send'), async (req, res) => {
    res.json(await taskOf(req.auth!.bodyId, req.params.id));
  });

  router.post('/postal-tasks/:id/documents', requirePermission('communications.send'), express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const task = await taskOf(bodyId, req.params.id);
    const { category } = parseInput(uploadSchema, req.query);
    let filename = '';
    try {
      filename = decodeURIComponent(req.header('X-Filename') ?? '');
    } catch {
      filename = '';
    }
    if (!filename.trim() || filename.length > 255) throw new ApiError('VALIDATION_FAILED', [{ path: 'filename', code: 'REQUIRED' }]);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'EMPTY' }]);
    const record = await sequelize.transaction(async (transaction) => {
      const saved = await documents.saveDocument({ bodyId, ownerKind: POSTAL_DOCUMENT_OWNER, ownerId: task.id, category, filename, bytes, createdBy: req.auth!.userId, transaction });
      await appendAudit(
        { bodyId, userId: req.auth!.userId, action: 'document.uploaded', entityType: 'outbox', entityId: task.id, requestId: String(req.id), details: { documentId: saved.id, category, sha256: saved.sha256 } },
        transaction,
      );
      return saved;
    });
    res.status(201).json(record);
  });

  router.get('/postal-tasks/:id/documents/:documentId/content', requirePermission('communications.send'), async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const task = await taskOf(bodyId, req.params.id);
    const record = await documents.getDocument(bodyId, String(req.params.documentId));
    if (!record || record.ownerKind !== POSTAL_DOCUMENT_OWNER || record.ownerId !== task.id) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { bytes } = await documents.readDocument(bodyId, record.id);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  });

  router.post('/postal-tasks/:id/posting', requirePermission('communications.send'), async (req, res) => {
    const input = parseInput(postingSchema, req.body);
    const task = await taskOf(req.auth!.bodyId, req.params.id);
    res.json(await recordPosting(sequelize, actor(req), task.id, input));
  });

  router.post('/postal-tasks/:id/receipt', requirePermission('communications.send'), async (req, res) => {
    const input = parseInput(receiptSchema, req.body);
    const task = await taskOf(req.auth!.bodyId, req.params.id);
    res.json(await recordReceipt(sequelize, actor(req), task.id, input));
  });

  return router;
}
