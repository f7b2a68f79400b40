/**
 * The people of a case who can sign its documents (parties, lawyers, the accepted mediator): the
 * "Avvia firma" form and the mediation's minutes cycle start from this list.
 */
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { listSignerCandidates } from '../../db/repositories/signer-candidates';
import { accessibleCase } from '../auth/case-access';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';

export function signerCandidateRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });
  router.get('/cases/:caseId/signer-candidates', requirePermission('signatures.manage'), async (req, res) => {
    const found = await accessibleCase(sequelize, req, req.params.caseId);
    const items = await listSignerCandidates(sequelize, req.auth!.bodyId, found.id);
    if (!items) throw new ApiError('CASE_NOT_FOUND');
    res.json({ items });
  });
  return router;
}
