/**
 * Preservation control panel: document classes (standard and the body's own), submissions,
 * archival packages with their audit state, open integrity alerts, discard proposals to decide,
 * and exhibition (the distribution package, every access in the audit log).
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { createExhibit } from '../../activities/preservation/exhibit';
import { signingDeps } from '../../activities/signing/deps';
import type { DocumentRepository } from '../../db/repositories/documents';
import { appendAudit } from '../../db/repositories/audit';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { SignatureGateway } from '../temporal-signature';
import { parseInput } from '../validation';

const classSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,64}$/),
  name: z.string().trim().min(2).max(200),
  retentionYears: z.number().int().min(1).max(200).nullable(),
  metadata: z.array(z.object({ key: z.string().regex(/^[a-z0-9_]{1,64}$/), label: z.string().trim().min(1).max(100), required: z.boolean() })).min(1).max(50),
});

const submissionSchema = z.object({
  classCode: z.string().min(1).max(64),
  items: z.array(z.object({ documentId: z.uuid(), metadata: z.record(z.string(), z.string().max(500)) })).min(1).max(100),
});

export function preservationRoutes(sequelize: Sequelize, documents: DocumentRepository, config: Config, gateway: SignatureGateway): Router {
  const router = Router({ mergeParams: true });
  const read = requirePermission('preservation.read');
  const manage = requirePermission('preservation.manage');
  const exhibit = createExhibit(signingDeps({ sequelize, config, documents }));

  router.get('/preservation/classes', read, async (req, res) => {
    const rows = await sequelize.query<{ code: string; name: string; retention_years: number | null; integrated: boolean; metadata: unknown; body_id: string | null }>(
      'SELECT code, name, retention_years, integrated, metadata, body_id FROM preservation_classes WHERE body_id = :bodyId OR body_id IS NULL ORDER BY body_id NULLS FIRST, name',
      { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId } },
    );
    res.json({ items: rows.map((r) => ({ code: r.code, name: r.name, retentionYears: r.retention_years, integrated: r.integrated, metadata: r.metadata, standard: r.body_id === null })) });
  });

  router.post('/preservation/classes', manage, async (req, res) => {
    const c = parseInput(classSchema, req.body);
    await sequelize.transaction(async (transaction) => {
      const inserted = await sequelize.query<{ id: string }>(
        'INSERT INTO preservation_classes (body_id, code, name, retention_years, metadata) VALUES (:bodyId, :code, :name, :retentionYears, :metadata) ON CONFLICT DO NOTHING RETURNING id',
        { type: QueryTypes.SELECT, transaction, replacements: { bodyId: req.auth!.bodyId, ...c, metadata: JSON.stringify(c.metadata) } },
      );
      if (inserted.length !== 1) throw new ApiError('VALIDATION_FAILED', [{ path: 'code', code: 'taken' }]);
      await appendAudit({ bodyId: req.auth!.bodyId, userId: req.auth!.userId, action: 'preservation.class_added', entityType: 'preservation_class', entityId: null, requestId: String(req.id), details: { code: c.code } }, transaction);
    });
    res.status(201).json(c);
  });

  router.post('/preservation/submissions', manage, async (req, res) => {
    const s = parseInput(submissionSchema, req.body);
    for (const [i, item] of s.items.entries()) if (!(await documents.getDocument(req.auth!.bodyId, item.documentId))) throw new ApiError('DOCUMENT_NOT_FOUND', [{ path: `items.${i}.documentId`, code: 'not_found' }]);
    const result = await gateway.preserve({ bodyId: req.auth!.bodyId, submissionId: randomUUID(), classCode: s.classCode, items: s.items, submittedBy: req.auth!.userId, source: `api:${String(req.id)}` });
    // A refusal also carries the standard error body, so every client shows its code and message.
    if (result.status === 'preserved') res.status(201).json(result);
    else res.status(422).json({ ...result, error: { code: result.rejection?.code ?? 'VALIDATION_FAILED', message: result.rejection?.message } });
  });

  router.get('/preservation/packages', read, async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const packages = await sequelize.query(
      `SELECT p.id, p.class_code AS "classCode", p.created_at AS "createdAt", to_char(p.retention_until, 'YYYY-MM-DD') AS "retentionUntil", p.last_audit_at AS "lastAuditAt",
              p.last_audit_ok AS "lastAuditOk", p.discard_status AS "discardStatus", p.receipt_document_id AS "receiptDocumentId",
              (SELECT count(*)::int FROM preservation_items i WHERE i.package_id = p.id) AS files
       FROM preservation_packages p WHERE p.body_id = :bodyId ORDER BY p.created_at DESC LIMIT 500`,
      { type: QueryTypes.SELECT, replacements: { bodyId } },
    );
    const alerts = await sequelize.query('SELECT id, package_id AS "packageId", problems, created_at AS "createdAt" FROM preservation_alerts WHERE body_id = :bodyId AND resolved_at IS NULL ORDER BY created_at DESC', {
      type: QueryTypes.SELECT,
      replacements: { bodyId },
    });
    const rejections = await sequelize.query('SELECT submission_id AS "submissionId", code, detail, created_at AS "createdAt" FROM preservation_rejections WHERE body_id = :bodyId ORDER BY created_at DESC LIMIT 100', {
      type: QueryTypes.SELECT,
      replacements: { bodyId },
    });
    res.json({ packages, alerts, rejections });
  });

  router.get('/preservation/packages/:packageId/distribution', read, async (req, res) => {
    const packageId = String(req.params.packageId);
    if (!/^[0-9a-f-]{36}$/i.test(packageId)) throw new ApiError('PRESERVATION_PACKAGE_NOT_FOUND');
    const pdd = await exhibit(req.auth!.bodyId, packageId);
    await appendAudit({ bodyId: req.auth!.bodyId, userId: req.auth!.userId, action: 'preservation.exhibited', entityType: 'preservation_package', entityId: packageId, requestId: String(req.id), details: { files: pdd.files.length, problems: pdd.problems } });
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="PdD-${packageId}.zip"`);
    res.setHeader('X-Integrity', pdd.problems.length === 0 ? 'ok' : pdd.problems.join(','));
    res.send(pdd.zip);
  });

  router.post('/preservation/packages/:packageId/discard', manage, async (req, res) => {
    const { approve, note } = parseInput(z.object({ approve: z.boolean(), note: z.string().trim().min(3).max(500) }), req.body);
    await sequelize.transaction(async (transaction) => {
      const updated = await sequelize.query<{ id: string }>(
        "UPDATE preservation_packages SET discard_status = :status, discard_decided_by = :userId, discard_decided_at = now() WHERE id = :id AND body_id = :bodyId AND discard_status = 'proposed' RETURNING id",
        { type: QueryTypes.SELECT, transaction, replacements: { status: approve ? 'approved' : 'rejected', userId: req.auth!.userId, id: String(req.params.packageId), bodyId: req.auth!.bodyId } },
      );
      if (updated.length !== 1) throw new ApiError('ACTION_NOT_ALLOWED');
      // Approval records the decision (with the Soprintendenza's authorisation noted); the files are never deleted silently.
      await appendAudit({ bodyId: req.auth!.bodyId, userId: req.auth!.userId, action: approve ? 'preservation.discard_approved' : 'preservation.discard_rejected', entityType: 'preservation_package', entityId: String(req.params.packageId), requestId: String(req.id), details: { note } }, transaction);
    });
    res.json({ discardStatus: approve ? 'approved' : 'rejected' });
  });

  return router;
}
