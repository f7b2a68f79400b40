/** GET /occ-crisis-managers: the body's crisis managers (secretariat and referente: cases.advance). */
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { listCrisisManagers } from '../../db/repositories/occ-crisis-managers';
import { requirePermission } from '../auth/middleware';

export function occCrisisManagerRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });
  router.get('/occ-crisis-managers', requirePermission('cases.advance'), async (req, res) => {
    res.json({ items: await listCrisisManagers(sequelize, req.auth!.bodyId) });
  });
  return router;
}
