/**
 * Signature cycles of a body: started from a case (documents of the case file) or on their own,
 * monitored live (the workflow's state), cancelled and re-sent. Needs `signatures.manage`; a
 * mediator reaches only the cases they are designated for.
 */
import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { cycleRequestSchema, type CycleRequest } from '../../domain/signature/cycle';
import type { DocumentRepository } from '../../db/repositories/documents';
import { appendAudit } from '../../db/repositories/audit';
import { markCycleStartFailed, reserveCycle } from '../../db/repositories/signature-cycles';
import { safeError } from '../../config/safe-error';
import { mediationWorkflowId } from '../../workflows/mediation/contract';
import { cancelCycleUpdate, resendInvitationUpdate, signatureWorkflowId, type SignatureCycleState } from '../../workflows/signature/contract';
import { accessibleCase } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import type { SignatureGateway } from '../temporal-signature';
import { parseInput } from '../validation';

interface CycleRow {
  id: string;
  workflow_id: string;
  parent_kind: string;
  parent_id: string;
  seq: number;
  title: string;
  status: string;
  created_at: Date;
}

const view = (r: CycleRow) => ({ id: r.id, workflowId: r.workflow_id, parentKind: r.parent_kind, parentId: r.parent_id, seq: r.seq, title: r.title, status: r.status, createdAt: new Date(r.created_at).toISOString() });

export function signatureCycleRoutes(sequelize: Sequelize, documents: DocumentRepository, gateway: SignatureGateway): Router {
  const router = Router({ mergeParams: true });
  router.use(['/signature-cycles', '/cases/:caseId/signature-cycles'], requirePermission('signatures.manage'));

  async function checkDocuments(bodyId: string, request: CycleRequest, owner: { kind: string; id: string } | null) {
    for (const [i, id] of request.documentIds.entries()) {
      const doc = await documents.getDocument(bodyId, id);
      if (!doc || (owner && (doc.ownerKind !== owner.kind || doc.ownerId !== owner.id))) throw new ApiError('DOCUMENT_NOT_FOUND', [{ path: `documentIds.${i}`, code: 'not_found' }]);
      if (request.format === 'pades' && doc.mediaType !== 'application/pdf') throw new ApiError('UNSUPPORTED_FILE_TYPE', [{ path: `documentIds.${i}`, code: 'pdf_required' }]);
    }
  }

  /**
   * Reserves the cycle's number for its parent (unique), then starts the workflow. With an
   * Idempotency-Key, a retry of the same request reuses the reserved row; a start that fails leaves
   * the row `failed` (never `starting`) and answers 503, so the client can retry.
   */
  async function start(req: Request, parent: { kind: 'case' | 'standalone'; id: string; key: string }, request: CycleRequest) {
    const bodyId = req.auth!.bodyId;
    const header = req.header('Idempotency-Key');
    const key = header === undefined ? null : parseInput(z.uuid(), header);
    const reservation = await reserveCycle(sequelize, {
      bodyId,
      userId: req.auth!.userId,
      requestId: String(req.id),
      parent: { kind: parent.kind, id: parent.id },
      title: request.title,
      idempotencyKey: key,
      requestSha256: createHash('sha256').update(JSON.stringify({ parent: parent.id, request })).digest('hex'),
      workflowIdFor: (seq) => signatureWorkflowId(parent.key, seq),
      details: { signers: request.signers.length, documents: request.documentIds.length, format: request.format },
    });
    const { cycleId, workflowId } = reservation;
    if (reservation.needsStart) {
      try {
        await gateway.startCycle(workflowId, {
          cycleId,
          bodyId,
          parent: { kind: parent.kind, id: parent.id },
          title: request.title,
          documentIds: request.documentIds,
          format: request.format,
          signers: request.signers.map((s) => ({ ...s, phone: s.phone ?? null, box: s.box ?? null })),
          steps: request.steps,
          verifyBetweenSteps: request.verifyBetweenSteps,
          deadlineSeconds: request.deadlineSeconds,
          reminderEverySeconds: request.reminderEverySeconds ?? null,
          oneShotCertificateMinutes: request.oneShotCertificateMinutes,
          preservation: request.preservation ?? null,
          createdBy: req.auth!.userId,
        });
      } catch (err) {
        req.log.error({ error: safeError(err), workflowId }, 'signature cycle start failed');
        await markCycleStartFailed(sequelize, { bodyId, cycleId, workflowId, userId: req.auth!.userId, requestId: String(req.id) });
        throw new ApiError('SERVICE_UNAVAILABLE');
      }
    }
    return { id: cycleId, workflowId, seq: reservation.seq, reused: reservation.reused };
  }

  async function cycleOf(req: Request): Promise<CycleRow> {
    const id = String(req.params.cycleId);
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new ApiError('SIGNATURE_CYCLE_NOT_FOUND');
    const [row] = await sequelize.query<CycleRow>('SELECT * FROM signature_cycles WHERE body_id = :bodyId AND id = :id', { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId, id } });
    if (!row) throw new ApiError('SIGNATURE_CYCLE_NOT_FOUND');
    if (row.parent_kind === 'case') await accessibleCase(sequelize, req, row.parent_id);
    return row;
  }

  router.post('/cases/:caseId/signature-cycles', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const request = parseInput(cycleRequestSchema, req.body);
    await checkDocuments(req.auth!.bodyId, request, { kind: 'case', id: found.id });
    res.status(201).json(await start(req, { kind: 'case', id: found.id, key: mediationWorkflowId(req.auth!.bodyId, found.id) }, request));
  });

  router.get('/cases/:caseId/signature-cycles', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const rows = await sequelize.query<CycleRow>("SELECT * FROM signature_cycles WHERE body_id = :bodyId AND parent_kind = 'case' AND parent_id = :id ORDER BY seq", {
      type: QueryTypes.SELECT,
      replacements: { bodyId: req.auth!.bodyId, id: found.id },
    });
    res.json({ items: rows.map(view) });
  });

  router.post('/signature-cycles', async (req, res) => {
    const request = parseInput(cycleRequestSchema, req.body);
    await checkDocuments(req.auth!.bodyId, request, null);
    res.status(201).json(await start(req, { kind: 'standalone', id: req.auth!.bodyId, key: `standalone:${req.auth!.bodyId}` }, request));
  });

  router.get('/signature-cycles', async (req, res) => {
    const rows = await sequelize.query<CycleRow>('SELECT * FROM signature_cycles WHERE body_id = :bodyId ORDER BY created_at DESC LIMIT 200', { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId } });
    res.json({ items: rows.map(view) });
  });

  router.get('/signature-cycles/:cycleId', async (req, res) => {
    const row = await cycleOf(req);
    res.json({ ...view(row), state: await gateway.state(row.workflow_id) });
  });

  const reasonSchema = z.object({ reason: z.string().trim().min(3).max(500) });
  router.post('/signature-cycles/:cycleId/cancel', async (req, res) => {
    const row = await cycleOf(req);
    const { reason } = parseInput(reasonSchema, req.body);
    const state = await gateway.update<SignatureCycleState, { by: string; reason: string }>(row.workflow_id, cancelCycleUpdate, { by: req.auth!.userId, reason });
    res.json({ ...view(row), status: state.status, state });
  });

  const resendSchema = z.object({ signerId: z.string().min(1).max(32) });
  router.post('/signature-cycles/:cycleId/resend', async (req, res) => {
    const row = await cycleOf(req);
    const { signerId } = parseInput(resendSchema, req.body);
    const state = await gateway.update<SignatureCycleState, { by: string; signerId: string }>(row.workflow_id, resendInvitationUpdate, { by: req.auth!.userId, signerId });
    await appendAudit({ bodyId: req.auth!.bodyId, userId: req.auth!.userId, action: 'signature.invitation_resent', entityType: 'signature_cycle', entityId: row.id, requestId: String(req.id), workflowId: row.workflow_id, details: { signerId } });
    res.json({ ...view(row), state });
  });

  /** A document of a cycle (versions, verification reports, the signed result), for the monitoring page. */
  router.get('/signature-cycles/:cycleId/documents/:documentId/content', async (req, res) => {
    const row = await cycleOf(req);
    const record = await documents.getDocument(req.auth!.bodyId, String(req.params.documentId));
    const ours = record && ((record.ownerKind === 'signature' && record.ownerId === row.id) || (record.ownerKind === row.parent_kind && record.ownerId === row.parent_id));
    if (!record || !ours) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { bytes } = await documents.readDocument(req.auth!.bodyId, record.id);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', `attachment; filename="${record.filename.replace(/[^\x20-\x7e]|"/g, '_')}"`);
    res.send(bytes);
  });

  return router;
}
