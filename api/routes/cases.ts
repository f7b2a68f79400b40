import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { filingSchema } from '../../domain/mediation/matters';
import { mediationStages } from '../../domain/mediation/stages';
import { getCase, listCases } from '../../db/repositories/cases';
import { accessibleCase, caseScope } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { caseIdFor, type TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';

const listQuerySchema = z.object({
  stage: z.enum(mediationStages).optional(),
  q: z.string().trim().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  number: z.coerce.number().int().min(1).optional(),
  mediatorId: z.uuid().optional(),
  matter: z.string().trim().max(60).optional(),
  /** Cases whose next deadline falls within this many days from now. */
  deadlineWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const idempotencyKeySchema = z.uuid();

/** Routes mounted under /api/bodies/:bodyId (auth and body checks already applied). */
export function caseRoutes(sequelize: Sequelize, temporal: TemporalGateway): Router {
  const router = Router({ mergeParams: true });

  router.get('/cases', async (req, res) => {
    const scope = caseScope(req);
    const q = parseInput(listQuerySchema, req.query);
    res.json(
      await listCases(sequelize, req.auth!.bodyId, {
        stage: q.stage,
        text: q.q,
        year: q.year,
        number: q.number,
        matter: q.matter,
        deadlineBefore: q.deadlineWithinDays === undefined ? undefined : new Date(Date.now() + q.deadlineWithinDays * 86_400_000),
        limit: q.limit,
        offset: q.offset,
        // A mediator sees only their own cases, whatever filter they send.
        mediatorId: scope.mediatorId ?? q.mediatorId,
      }),
    );
  });

  router.post('/cases', requirePermission('cases.file'), async (req, res) => {
    const key = idempotencyKeySchema.safeParse(req.header('Idempotency-Key'));
    if (!key.success) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    const filing = parseInput(filingSchema, req.body);
    const bodyId = req.auth!.bodyId;
    const filed = await temporal.startMediation({
      caseId: caseIdFor(bodyId, key.data),
      bodyId,
      filedBy: req.auth!.userId,
      filedAt: new Date().toISOString(),
      filing,
    });
    req.log.info({ workflowId: filed.workflowId, caseId: filed.caseId }, 'mediation filed');
    let registration = filed.registration;
    if (!registration) {
      const existing = await getCase(sequelize, bodyId, filed.caseId);
      if (existing) registration = { caseNumber: existing.caseNumber, year: existing.year, number: existing.number };
    }
    res.status(registration ? 201 : 202).json({
      caseId: filed.caseId,
      workflowId: filed.workflowId,
      caseNumber: registration?.caseNumber ?? null,
      stage: registration ? 'ISCRITTA' : 'DEPOSITATA',
    });
  });

  router.get('/cases/:caseId', async (req, res) => {
    res.json(await accessibleCase(sequelize, req, req.params.caseId));
  });

  return router;
}
