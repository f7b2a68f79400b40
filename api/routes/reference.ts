import { Router } from 'express';
import { matters } from '../../domain/mediation/matters';
import { requirePermission } from '../auth/middleware';

export function referenceRoutes(): Router {
  const router = Router({ mergeParams: true });
  router.get('/reference/matters', requirePermission('cases.read'), (_req, res) => {
    res.json(matters);
  });
  return router;
}
