/**
 * The signer's public page, reached through the personal link (a JWT signed with
 * LINK_SIGNING_SECRET, expiring with the cycle): the copy to sign, the upload of the signed file
 * (verified by the workflow), the one-time code and the one-shot signature, the refusal.
 */
import express, { Router, type Request } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { problemMessages } from '../../domain/signature/verification';
import type { DocumentRepository } from '../../db/repositories/documents';
import { LinkError, readSignerToken } from '../../signing/links';
import {
  oneShotSignUpdate,
  refuseUpdate,
  requestCodeUpdate,
  uploadSignedUpdate,
  type CodeRequest,
  type CodeSent,
  type OneShotRequest,
  type SignatureCycleState,
  type UploadOutcome,
  type UploadRequest,
} from '../../workflows/signature/contract';
import { ApiError } from '../errors';
import type { SignatureGateway } from '../temporal-signature';
import { parseInput } from '../validation';
import { contentDisposition, MAX_UPLOAD_BYTES } from './case-documents';

interface Context {
  bodyId: string;
  workflowId: string;
  signerId: string;
  cycleId: string;
}

export function signaturePublicRoutes(sequelize: Sequelize, documents: DocumentRepository, gateway: SignatureGateway, linkSecret: string): Router {
  const router = Router();

  async function context(req: Request): Promise<Context> {
    let claims;
    try {
      claims = readSignerToken(String(req.params.token), linkSecret);
    } catch (err) {
      if (err instanceof LinkError) throw new ApiError(err.code);
      throw err;
    }
    const [row] = await sequelize.query<{ id: string }>('SELECT id FROM signature_cycles WHERE body_id = :bodyId AND workflow_id = :workflowId', {
      type: QueryTypes.SELECT,
      replacements: { bodyId: claims.bodyId, workflowId: claims.workflowId },
    });
    if (!row) throw new ApiError('SIGNATURE_CYCLE_NOT_FOUND');
    return { ...claims, cycleId: row.id };
  }

  const signerView = (state: SignatureCycleState, signerId: string) => {
    const signer = state.signers.find((s) => s.id === signerId);
    if (!signer) throw new ApiError('SIGNER_NOT_FOUND');
    return signer;
  };

  router.get('/signature/:token', async (req, res) => {
    const ctx = await context(req);
    const state = await gateway.state(ctx.workflowId);
    const signer = signerView(state, ctx.signerId);
    if (signer.status === 'invited') await gateway.opened(ctx.workflowId, ctx.signerId);
    const docs = await Promise.all(state.documents.map(async (d, index) => ({ index, filename: (await documents.getDocument(ctx.bodyId, d.originalId))?.filename ?? `documento-${index + 1}` })));
    const [cycle] = await sequelize.query<{ title: string }>('SELECT title FROM signature_cycles WHERE id = :id', { type: QueryTypes.SELECT, replacements: { id: ctx.cycleId } });
    res.json({ title: cycle?.title ?? '', status: state.status, deadlineAt: state.deadlineAt, signer: { name: signer.name, status: signer.status, actions: signer.actions, rejectedUploads: signer.rejectedUploads }, documents: docs });
  });

  /** The personal copy: the current version (PAdES: with the signatures so far) or the document as sent (CAdES). */
  router.get('/signature/:token/documents/:index', async (req, res) => {
    const ctx = await context(req);
    const state = await gateway.state(ctx.workflowId);
    signerView(state, ctx.signerId);
    const d = state.documents[Number(req.params.index)];
    if (!d) throw new ApiError('DOCUMENT_NOT_FOUND');
    const current = d.currentId ? await documents.getDocument(ctx.bodyId, d.currentId) : null;
    const id = current?.mediaType === 'application/pdf' ? current.id : d.originalId;
    const { record, bytes } = await documents.readDocument(ctx.bodyId, id);
    await gateway.opened(ctx.workflowId, ctx.signerId);
    res.setHeader('Content-Type', record.mediaType);
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.setHeader('Cache-Control', 'no-store');
    res.send(bytes);
  });

  router.post('/signature/:token/documents/:index/signed', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req, res) => {
    const ctx = await context(req);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'empty' }]);
    const upload = await documents.saveDocument({
      bodyId: ctx.bodyId,
      ownerKind: 'signature',
      ownerId: ctx.cycleId,
      category: 'upload',
      filename: decodeURIComponent(req.header('X-Filename') ?? 'documento-firmato'),
      bytes,
      createdBy: null,
      admitted: ['application/pdf', 'application/pkcs7-mime'],
    });
    const outcome = await gateway.update<UploadOutcome, UploadRequest>(ctx.workflowId, uploadSignedUpdate, { signerId: ctx.signerId, documentIndex: Number(req.params.index), uploadDocumentId: upload.id });
    res.status(outcome.accepted ? 200 : 422).json({
      accepted: outcome.accepted,
      problems: outcome.problems.map((code) => ({ code, message: problemMessages[code] })),
      reportDocumentId: outcome.reportDocumentId,
      signer: signerView(outcome.state, ctx.signerId),
    });
  });

  /** The verification report of one of this signer's uploads. */
  router.get('/signature/:token/reports/:documentId', async (req, res) => {
    const ctx = await context(req);
    const record = await documents.getDocument(ctx.bodyId, String(req.params.documentId));
    if (!record || record.ownerKind !== 'signature' || record.ownerId !== ctx.cycleId || !record.filename.startsWith(`verifica-${ctx.signerId}-`)) throw new ApiError('DOCUMENT_NOT_FOUND');
    const { bytes } = await documents.readDocument(ctx.bodyId, record.id);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', contentDisposition(record.filename));
    res.send(bytes);
  });

  router.post('/signature/:token/code', async (req, res) => {
    const ctx = await context(req);
    const { channel } = parseInput(z.object({ channel: z.enum(['email', 'sms']) }), req.body);
    res.json(await gateway.update<CodeSent, CodeRequest>(ctx.workflowId, requestCodeUpdate, { signerId: ctx.signerId, channel }));
  });

  router.post('/signature/:token/sign', async (req, res) => {
    const ctx = await context(req);
    const { code } = parseInput(z.object({ code: z.string().regex(/^\d{6}$/) }), req.body);
    const state = await gateway.update<SignatureCycleState, OneShotRequest>(ctx.workflowId, oneShotSignUpdate, { signerId: ctx.signerId, code });
    res.json({ signer: signerView(state, ctx.signerId) });
  });

  router.post('/signature/:token/refuse', async (req, res) => {
    const ctx = await context(req);
    const { reason } = parseInput(z.object({ reason: z.string().trim().min(3).max(500) }), req.body);
    const state = await gateway.update<SignatureCycleState, { signerId: string; reason: string }>(ctx.workflowId, refuseUpdate, { signerId: ctx.signerId, reason });
    res.json({ signer: signerView(state, ctx.signerId) });
  });

  return router;
}
