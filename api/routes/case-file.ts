import { Router } from 'express';
import { QueryTypes, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { listAgenda } from '../../db/repositories/meetings';
import { computeMediationFee, parseFeePolicy } from '../../domain/mediation/fees';
import { feeOutcomeOf, type OutcomeCode } from '../../domain/mediation/outcomes';
import { accessibleCase, caseScope } from '../auth/case-access';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const agendaSchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  roomId: z.uuid().optional(),
  /** all: every meeting of the body, anonymised for mediators (the shared calendar). */
  scope: z.enum(['mine', 'all']).default('all'),
});

/**
 * Reading the case file beyond its record: the timeline (audit trail), the fees with their
 * breakdown, the body's rooms, and the meetings agenda (per room, per mediator, anonymised).
 */
export function caseFileRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });

  router.get('/cases/:caseId/timeline', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const rows = await sequelize.query<{ id: string; at: Date; action: string; user_id: string | null; full_name: string | null; details: Record<string, unknown> }>(
      `SELECT a.id, a.at, a.action, a.user_id, u.full_name, a.details FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE a.body_id = :bodyId AND a.entity_type = 'case' AND a.entity_id = :caseId ORDER BY a.id`,
      { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId, caseId: found.id } },
    );
    res.json({ items: rows.map((r) => ({ id: String(r.id), at: new Date(r.at).toISOString(), action: r.action, by: r.user_id ? { id: r.user_id, fullName: r.full_name } : null, details: r.details })) });
  });

  /** Each party's fees under the body's policy, from the case's type, value and outcome (DM 150/2023). */
  router.get('/cases/:caseId/fees', async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const [row] = await sequelize.query<{ fee_policy: unknown; outcome: OutcomeCode | null }>(
      `SELECT s.fee_policy, c.outcome FROM cases c LEFT JOIN body_settings s ON s.body_id = c.body_id WHERE c.body_id = :bodyId AND c.id = :caseId`,
      { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId, caseId: found.id } },
    );
    if (!found.mediationType) throw new ApiError('VALIDATION_FAILED', [{ path: 'mediationType', code: 'missing' }]);
    const outcome = feeOutcomeOf(row?.outcome ?? null);
    const breakdown = computeMediationFee({ mediationType: found.mediationType, valueCents: found.valueIndeterminable ? null : found.valueCents, outcome }, parseFeePolicy(row?.fee_policy ?? {}));
    res.json({ perParty: breakdown, outcome, parties: found.parties.length });
  });

  router.get('/rooms', async (req, res) => {
    caseScope(req);
    const rows = await sequelize.query<{ id: string; name: string; capacity: number; branch_id: string; branch: string; city: string | null }>(
      `SELECT r.id, r.name, r.capacity, b.id AS branch_id, b.name AS branch, b.city FROM rooms r JOIN branches b ON b.id = r.branch_id
       WHERE r.body_id = :bodyId ORDER BY b.name, r.name`,
      { type: QueryTypes.SELECT, replacements: { bodyId: req.auth!.bodyId } },
    );
    res.json({ items: rows.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, branch: { id: r.branch_id, name: r.branch, city: r.city } })) });
  });

  router.get('/agenda', async (req, res) => {
    const scope = caseScope(req);
    const q = parseInput(agendaSchema, req.query);
    const from = new Date(q.from);
    const to = new Date(q.to);
    if (to.getTime() - from.getTime() > 92 * 86_400_000 || to <= from) throw new ApiError('VALIDATION_FAILED', [{ path: 'to', code: 'range' }]);
    const mine = q.scope === 'mine' ? req.auth!.userId : undefined;
    // Mediators see their own meetings in full and the others' without case data.
    const items = await listAgenda(sequelize, req.auth!.bodyId, { from, to, ...(mine ? { mediatorId: mine } : {}), ...(q.roomId ? { roomId: q.roomId } : {}), anonymised: !!scope.mediatorId && !mine, viewerId: req.auth!.userId });
    res.json({ items });
  });

  return router;
}
