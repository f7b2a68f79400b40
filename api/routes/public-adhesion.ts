import express, { Router, type Request } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import type { DocumentRepository } from '../../db/repositories/documents';
import { getCase } from '../../db/repositories/cases';
import { DomainError } from '../../domain/errors';
import { lawyerSchema } from '../../domain/registry/contact';
import { codeMatches, verifyAdhesionToken, type AdhesionTokenClaims } from '../../links/adhesion-link';
import { answerAdhesionUpdate, mediationWorkflowId } from '../../workflows/mediation/contract';
import { ApiError } from '../errors';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';
import { MAX_UPLOAD_BYTES } from './case-documents';

interface Invitation {
  id: string;
  case_number: string;
  code_hash: string;
  expires_at: Date;
  answer: string | null;
  mediation_type: string;
}

const credentialsSchema = z.object({ token: z.string().min(10).max(2000), caseNumber: z.string().trim().min(1).max(40), code: z.string().trim().min(1).max(40) });
const answerSchema = credentialsSchema.extend({
  adhere: z.boolean(),
  lawyer: lawyerSchema.nullish(),
  refusalReason: z.string().trim().max(2000).nullish(),
  documentIds: z.array(z.uuid()).max(20).default([]),
});

const normalNumber = (n: string) => n.replace(/\s+/g, '').toUpperCase();

/**
 * The invited party's public adhesion page (no account): the link's signed token says which
 * invitation; the case number and the personal code prove it is the party. A link that is not
 * ours is 404, an expired one 410, an answered one 409, a wrong number or code 403 — and nothing
 * changes. The answer reaches the mediation workflow as its `answerAdhesion` update.
 */
export function publicAdhesionRoutes(sequelize: Sequelize, config: Config, temporal: TemporalGateway, documents: DocumentRepository): Router {
  const router = Router();

  async function invitationOf(token: string): Promise<{ claims: AdhesionTokenClaims; inv: Invitation }> {
    const check = verifyAdhesionToken(config.LINK_SIGNING_SECRET, token);
    if (!check.ok) throw new ApiError(check.reason === 'expired' ? 'LINK_EXPIRED' : 'LINK_INVALID');
    const { claims } = check;
    const [inv] = await sequelize.query<Invitation>(
      `SELECT i.id, c.case_number, i.code_hash, i.expires_at, i.answer, c.mediation_type FROM adhesion_invitations i JOIN cases c ON c.id = i.case_id
       WHERE i.id = :id AND i.body_id = :bodyId AND i.case_id = :caseId AND i.party_position = :pos`,
      { type: QueryTypes.SELECT, replacements: { id: claims.inv, bodyId: claims.bid, caseId: claims.cid, pos: claims.pos } },
    );
    if (!inv) throw new ApiError('LINK_INVALID');
    if (new Date(inv.expires_at).getTime() < Date.now()) throw new ApiError('LINK_EXPIRED');
    return { claims, inv };
  }

  /** Token, case number and code together, for an invitation not answered yet. */
  async function authorised(c: { token: string; caseNumber: string; code: string }) {
    const found = await invitationOf(c.token);
    if (found.inv.answer) throw new ApiError('LINK_ALREADY_USED');
    if (normalNumber(c.caseNumber) !== normalNumber(found.inv.case_number) || !codeMatches(c.code, found.inv.code_hash)) throw new ApiError('ADHESION_CODE_MISMATCH');
    return found;
  }

  router.get('/adhesions', async (req, res) => {
    const { inv } = await invitationOf(String(req.query.t ?? ''));
    res.json({ answered: inv.answer !== null, expiresAt: new Date(inv.expires_at).toISOString(), lawyerRequired: ['OBBLIGATORIA', 'DEMANDATA'].includes(inv.mediation_type) });
  });

  router.post('/adhesions/verify', express.json({ limit: '16kb' }), async (req, res) => {
    const { claims } = await authorised(parseInput(credentialsSchema, req.body));
    const found = await getCase(sequelize, claims.bid, claims.cid);
    const [meeting] = await sequelize.query<{ starts_at: Date; mode: string; room: string | null; branch: string | null; address: string | null; city: string | null }>(
      `SELECT m.starts_at, m.mode, r.name AS room, b.name AS branch, b.address, b.city FROM meetings m
       LEFT JOIN rooms r ON r.id = m.room_id LEFT JOIN branches b ON b.id = r.branch_id
       WHERE m.case_id = :caseId AND m.kind = 'first'`,
      { type: QueryTypes.SELECT, replacements: { caseId: claims.cid } },
    );
    const party = found!.parties[claims.pos]!.person;
    res.json({
      caseNumber: found!.caseNumber,
      subject: found!.subject,
      party: party.kind === 'person' ? `${party.firstName} ${party.lastName}` : party.companyName,
      mediator: found!.mediator?.fullName ?? null,
      firstMeeting: meeting
        ? { startsAt: new Date(meeting.starts_at).toISOString(), mode: meeting.mode, place: meeting.room ? [meeting.branch, meeting.address, meeting.city, meeting.room].filter(Boolean).join(', ') : null }
        : null,
    });
  });

  router.post('/adhesions/documents', express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES }), async (req: Request, res) => {
    const { claims } = await authorised({ token: String(req.query.t ?? ''), caseNumber: req.header('X-Case-Number') ?? '', code: req.header('X-Adhesion-Code') ?? '' });
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (bytes.length === 0) throw new ApiError('VALIDATION_FAILED', [{ path: 'file', code: 'empty' }]);
    let filename = '';
    try {
      filename = decodeURIComponent(req.header('X-Filename') ?? '');
    } catch {
      filename = '';
    }
    if (!filename.trim()) throw new ApiError('VALIDATION_FAILED', [{ path: 'filename', code: 'required' }]);
    const record = await documents.saveDocument({ bodyId: claims.bid, ownerKind: 'case', ownerId: claims.cid, category: `adhesion-${claims.pos}`, filename, bytes, createdBy: null });
    res.status(201).json({ id: record.id, filename: record.filename, mediaType: record.mediaType, size: record.size });
  });

  router.post('/adhesions/answer', express.json({ limit: '64kb' }), async (req, res) => {
    const input = parseInput(answerSchema, req.body);
    const { claims } = await authorised(input);
    // Only documents this party uploaded for this case may be attached.
    if (input.documentIds.length) {
      const own = await sequelize.query<{ id: string }>(
        `SELECT id FROM documents WHERE body_id = :bodyId AND owner_kind = 'case' AND owner_id = :caseId AND category = :category AND id IN (:ids)`,
        { type: QueryTypes.SELECT, replacements: { bodyId: claims.bid, caseId: claims.cid, category: `adhesion-${claims.pos}`, ids: input.documentIds } },
      );
      if (own.length !== new Set(input.documentIds).size) throw new ApiError('VALIDATION_FAILED', [{ path: 'documentIds', code: 'unknown' }]);
    }
    try {
      await temporal.updateMediation(mediationWorkflowId(claims.bid, claims.cid), answerAdhesionUpdate, {
        position: claims.pos,
        adhere: input.adhere,
        lawyer: input.lawyer ?? null,
        refusalReason: input.refusalReason ?? null,
        documentIds: input.documentIds,
      });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'ACTION_NOT_ALLOWED') throw new ApiError('LINK_ALREADY_USED');
      throw err;
    }
    res.json({ answered: true, adhered: input.adhere });
  });

  return router;
}
