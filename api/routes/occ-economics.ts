import { createRequire } from 'node:module';
import express, { Router, type Request } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { DocumentRepository } from '../../db/repositories/documents';
import { deleteOccAsset, getOccPlan, insertOccAsset, listOccAssets, saveOccPlan, updateOccAsset } from '../../db/repositories/occ-assets-plan';
import { deleteOccClaim, getOccClaim, insertOccClaims, listOccClaims, updateOccClaim } from '../../db/repositories/occ-claims';
import { findOccFile, type OccFileRef } from '../../db/repositories/occ-file';
import { listOccQuotes } from '../../db/repositories/occ-quotes';
import { insertOccVote, latestOccVoteWindow, listOccVotes, tallyOccWindow } from '../../db/repositories/occ-votes';
import { detectFileType } from '../../domain/documents/file-types';
import { errorMessages } from '../../domain/errors';
import { assertPecPresent, computePlanEconomics, liabilitiesByRank, parseClaim } from '../../domain/occ/claims';
import { importCreditorCsv, importCreditorRows, type CellValue, type ImportResult } from '../../domain/occ/creditor-import';
import { computeOccFeeQuote } from '../../domain/occ/fee-quote';
import { feeQuoteInputsOfFile } from '../../domain/occ/quote-inputs';
import { occAssetKinds, type OccTallyView } from '../../domain/views/occ-economics';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

// read-excel-file ships CommonJS beside its ESM build; required like write-excel-file in protocol-export.ts.
const { readSheet } = createRequire(__filename)('read-excel-file/node') as { readSheet: (input: Buffer) => Promise<CellValue[][]> };

const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const cents = z.number().int().min(0, { error: 'NEGATIVE' });
const assetSchema = z.object({
  kind: z.enum(occAssetKinds),
  description: z.string().trim().min(1, { error: 'REQUIRED' }).max(500),
  estimatedCents: cents.nullable().default(null),
  realisedCents: cents.nullable().default(null),
});
const bp = z.number().int().min(0).max(10_000);
const planSchema = z.object({
  withLiquidation: z.boolean().default(false),
  attivoCents: cents.nullable().default(null),
  amountToCreditorsCents: cents.nullable().default(null),
  satisfactionBp: bp.nullable().default(null),
  durationMonths: z.number().int().min(0).max(600).nullable().default(null),
  schedule: z.array(z.object({ month: z.number().int().min(1).max(600), amountCents: cents })).max(600).default([]),
  reductionBp: z.number().int().nullable().default(null),
  generalExpensesBp: z.number().int().nullable().default(null),
  substituteProfessional: z.boolean().default(false),
});
const voteSchema = z.object({
  claimId: z.uuid(),
  choice: z.enum(['consent', 'dissent']),
  channel: z.enum(['pec', 'email', 'paper', 'other']),
  receivedAt: z.iso.datetime({ offset: true }),
  evidenceDocumentId: z.uuid().nullable().default(null),
  /** The operator acknowledges the vote arrived after the term: it is stored as late and not counted. */
  late: z.boolean().default(false),
});

/**
 * The economics of an OCC file (issue #7): claims with CSV/XLSX import, assets, plan, fee quote
 * preview, creditors' votes and the tally. The file must be an OCC case of the token's body.
 * Reading: `cases.read` (all files) or the file's crisis manager. Changing: `cases.advance`
 * (secretariat, manager) or the file's crisis manager holding `cases.conduct`.
 * Issuing and accepting a quote, opening and closing the vote go through the OCC workflow.
 */
export function occEconomicsRoutes(sequelize: Sequelize, documents: DocumentRepository, now: () => Date = () => new Date()): Router {
  const router = Router({ mergeParams: true });
  const base = '/occ-files/:caseId';

  async function occFile(req: Request, write: boolean): Promise<OccFileRef> {
    const file = await findOccFile(sequelize, req.auth!.bodyId, String(req.params.caseId));
    const p = req.permissions;
    const own = !!file && file.crisisManagerId === req.auth!.userId;
    const canRead = !!p && (p.has('cases.read') || p.has('cases.advance') || (own && (p.has('cases.read_own') || p.has('cases.conduct'))));
    if (!file || !canRead) throw new ApiError('OCC_FILE_NOT_FOUND');
    if (write && !(p!.has('cases.advance') || (own && p!.has('cases.conduct')))) throw new ApiError('PERMISSION_DENIED');
    return file;
  }
  const ctx = (req: Request, file: OccFileRef) => ({ bodyId: req.auth!.bodyId, caseId: file.id, by: req.auth!.userId, requestId: String(req.id) });

  async function claimsSummary(bodyId: string, caseId: string) {
    const claims = await listOccClaims(sequelize, bodyId, caseId);
    return { claims, liabilities: liabilitiesByRank(claims), economics: computePlanEconomics(claims) };
  }

  // --- Claims ---
  router.get(`${base}/claims`, async (req, res) => {
    const file = await occFile(req, false);
    res.json(await claimsSummary(req.auth!.bodyId, file.id));
  });

  router.post(`${base}/claims`, async (req, res) => {
    const file = await occFile(req, true);
    const claim = parseClaim(req.body);
    const [id] = await insertOccClaims(sequelize, { ...ctx(req, file), claims: [claim], source: 'form' });
    res.status(201).json(await getOccClaim(sequelize, req.auth!.bodyId, file.id, id!));
  });

  router.put(`${base}/claims/:claimId`, async (req, res) => {
    const file = await occFile(req, true);
    const claim = parseClaim(req.body);
    const claimId = z.uuid().safeParse(req.params.claimId);
    if (!claimId.success || !(await updateOccClaim(sequelize, { ...ctx(req, file), claimId: claimId.data, claim }))) throw new ApiError('OCC_CLAIM_NOT_FOUND');
    res.json(await getOccClaim(sequelize, req.auth!.bodyId, file.id, claimId.data));
  });

  router.delete(`${base}/claims/:claimId`, async (req, res) => {
    const file = await occFile(req, true);
    const claimId = z.uuid().safeParse(req.params.claimId);
    if (!claimId.success || !(await deleteOccClaim(sequelize, { ...ctx(req, file), claimId: claimId.data }))) throw new ApiError('OCC_CLAIM_NOT_FOUND');
    res.status(204).end();
  });

  router.post(`${base}/claims/import`, express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), async (req, res) => {
    const file = await occFile(req, true);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const type = detectFileType(bytes);
    let result: ImportResult;
    if (type?.mediaType === 'text/plain') result = importCreditorCsv(bytes.toString('utf8'));
    else if (type?.mediaType === XLSX) {
      let rows: CellValue[][];
      try {
        rows = await readSheet(bytes);
      } catch {
        throw new ApiError('UNSUPPORTED_FILE_TYPE');
      }
      result = importCreditorRows(rows);
    } else throw new ApiError('UNSUPPORTED_FILE_TYPE');
    if (!result.ok) {
      res.status(422).json({
        error: {
          code: 'OCC_IMPORT_INVALID',
          message: errorMessages.OCC_IMPORT_INVALID,
          fields: result.errors.map((e) => ({ path: `rows.${e.row}.${e.field}`, code: e.code })),
          rows: result.errors,
        },
      });
      return;
    }
    await insertOccClaims(sequelize, { ...ctx(req, file), claims: result.claims, source: 'import' });
    res.status(201).json({ imported: result.claims.length, ...(await claimsSummary(req.auth!.bodyId, file.id)) });
  });

  // --- Assets ---
  router.get(`${base}/assets`, async (req, res) => {
    const file = await occFile(req, false);
    res.json({ items: await listOccAssets(sequelize, req.auth!.bodyId, file.id) });
  });
  router.post(`${base}/assets`, async (req, res) => {
    const file = await occFile(req, true);
    res.status(201).json(await insertOccAsset(sequelize, { ...ctx(req, file), asset: parseInput(assetSchema, req.body) }));
  });
  router.put(`${base}/assets/:assetId`, async (req, res) => {
    const file = await occFile(req, true);
    const asset = parseInput(assetSchema, req.body);
    const assetId = z.uuid().safeParse(req.params.assetId);
    const saved = assetId.success ? await updateOccAsset(sequelize, { ...ctx(req, file), assetId: assetId.data, asset }) : null;
    if (!saved) throw new ApiError('OCC_ASSET_NOT_FOUND');
    res.json(saved);
  });
  router.delete(`${base}/assets/:assetId`, async (req, res) => {
    const file = await occFile(req, true);
    const assetId = z.uuid().safeParse(req.params.assetId);
    if (!assetId.success || !(await deleteOccAsset(sequelize, { ...ctx(req, file), assetId: assetId.data }))) throw new ApiError('OCC_ASSET_NOT_FOUND');
    res.status(204).end();
  });

  // --- Plan ---
  router.get(`${base}/plan`, async (req, res) => {
    const file = await occFile(req, false);
    res.json(await getOccPlan(sequelize, req.auth!.bodyId, file.id));
  });
  router.put(`${base}/plan`, async (req, res) => {
    const file = await occFile(req, true);
    const plan = parseInput(planSchema, req.body);
    if (plan.reductionBp !== null && (plan.reductionBp < 1_500 || plan.reductionBp > 4_000)) throw new ApiError('OCC_REDUCTION_OUT_OF_RANGE', [{ path: 'reductionBp', code: 'OUT_OF_RANGE' }]);
    if (plan.substituteProfessional && plan.reductionBp !== null && plan.reductionBp !== 4_000) throw new ApiError('OCC_REDUCTION_OUT_OF_RANGE', [{ path: 'reductionBp', code: 'SUBSTITUTE_FLAT_40' }]);
    if (plan.generalExpensesBp !== null && (plan.generalExpensesBp < 1_000 || plan.generalExpensesBp > 1_500)) throw new ApiError('OCC_GENERAL_EXPENSES_OUT_OF_RANGE', [{ path: 'generalExpensesBp', code: 'OUT_OF_RANGE' }]);
    res.json(await saveOccPlan(sequelize, { ...ctx(req, file), plan }));
  });

  // --- Fee quote (preview only: issuing goes through the workflow) ---
  router.get(`${base}/quote-preview`, async (req, res) => {
    const file = await occFile(req, false);
    const bodyId = req.auth!.bodyId;
    const [claims, assets, plan] = await Promise.all([listOccClaims(sequelize, bodyId, file.id), listOccAssets(sequelize, bodyId, file.id), getOccPlan(sequelize, bodyId, file.id)]);
    const { input, sources } = feeQuoteInputsOfFile(claims, assets, plan);
    res.json({ quote: computeOccFeeQuote(input), sources });
  });
  router.get(`${base}/quotes`, async (req, res) => {
    const file = await occFile(req, false);
    res.json({ items: await listOccQuotes(sequelize, req.auth!.bodyId, file.id) });
  });

  // --- Vote ---
  router.get(`${base}/vote`, async (req, res) => {
    const file = await occFile(req, false);
    const bodyId = req.auth!.bodyId;
    const window = await latestOccVoteWindow(sequelize, bodyId, file.id);
    const view: OccTallyView = { window: null, votes: [], tally: null };
    if (window) {
      const { result, ...w } = window;
      view.window = w;
      view.votes = await listOccVotes(sequelize, bodyId, window.id);
      view.tally = window.status === 'closed' && result ? result : await tallyOccWindow(sequelize, bodyId, file.id, window.id);
    }
    res.json(view);
  });

  router.post(`${base}/vote-evidence`, express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), async (req, res) => {
    const file = await occFile(req, true);
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'EMPTY' }]);
    const name = decodeURIComponent(req.header('X-Filename') ?? '') || 'voto';
    const saved = await documents.saveDocument({ bodyId: req.auth!.bodyId, ownerKind: 'case', ownerId: file.id, category: 'occ_vote_evidence', filename: name, bytes, createdBy: req.auth!.userId, admitted: ['message/rfc822', 'application/pdf'] });
    res.status(201).json(saved);
  });

  router.post(`${base}/votes`, async (req, res) => {
    const file = await occFile(req, true);
    const input = parseInput(voteSchema, req.body);
    const bodyId = req.auth!.bodyId;
    const receivedAt = new Date(input.receivedAt);
    if (receivedAt.getTime() > now().getTime()) throw new ApiError('VALIDATION_FAILED', [{ path: 'receivedAt', code: 'IN_THE_FUTURE' }]);
    const claim = await getOccClaim(sequelize, bodyId, file.id, input.claimId);
    if (!claim) throw new ApiError('OCC_CLAIM_NOT_FOUND');
    if (input.channel === 'pec') assertPecPresent(claim.pec);
    if (input.evidenceDocumentId) {
      const doc = await documents.getDocument(bodyId, input.evidenceDocumentId);
      if (!doc || doc.ownerKind !== 'case' || doc.ownerId !== file.id) throw new ApiError('DOCUMENT_NOT_FOUND');
    }
    const vote = await sequelize.transaction(async (transaction) => {
      const window = await latestOccVoteWindow(sequelize, bodyId, file.id, transaction, true);
      if (!window) throw new ApiError('OCC_VOTE_NOT_OPEN');
      const inTime = receivedAt >= new Date(window.opensAt) && receivedAt <= new Date(window.closesAt);
      const afterTerm = receivedAt > new Date(window.closesAt);
      if (!inTime && !(afterTerm && input.late)) throw new ApiError('OCC_VOTE_OUTSIDE_WINDOW', [{ path: 'receivedAt', code: afterTerm ? 'AFTER_TERM' : 'BEFORE_OPENING' }]);
      if (inTime && window.status === 'closed') throw new ApiError('OCC_VOTE_CLOSED');
      const saved = await insertOccVote(
        sequelize,
        { bodyId, caseId: file.id, windowId: window.id, claimId: claim.id, choice: input.choice, channel: input.channel, receivedAt, evidenceDocumentId: input.evidenceDocumentId, late: afterTerm, recordedBy: req.auth!.userId, requestId: String(req.id) },
        transaction,
      );
      if (saved === 'duplicate') throw new ApiError('OCC_VOTE_ALREADY_RECORDED');
      return saved;
    });
    res.status(201).json(vote);
  });

  return router;
}
