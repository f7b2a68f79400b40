import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { communicationChannels, communicationStatuses } from '../../domain/views/communication';
import { caseExistsInBody, listCommunications } from '../../db/repositories/communications';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const filtersSchema = z.object({
  status: z.enum(communicationStatuses).optional(),
  channel: z.enum(communicationChannels).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const listQuerySchema = filtersSchema.extend({ caseId: z.uuid().optional() });
const caseIdSchema = z.uuid();

/** The body's outgoing messages (outbox) with their history; mounted under /api/bodies/:bodyId. */
export function communicationRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });

  router.get('/communications', requirePermission('cases.read'), async (req, res) => {
    const q = parseInput(listQuerySchema, req.query);
    res.json(await listCommunications(sequelize, req.auth!.bodyId, q));
  });

  router.get('/cases/:caseId/communications', requirePermission('cases.read'), async (req, res) => {
    const bodyId = req.auth!.bodyId;
    const id = caseIdSchema.safeParse(req.params.caseId);
    if (!id.success || !(await caseExistsInBody(bodyId, id.data))) throw new ApiError('CASE_NOT_FOUND');
    const q = parseInput(filtersSchema, req.query);
    res.json(await listCommunications(sequelize, bodyId, { ...q, caseId: id.data }));
  });

  return router;
}
