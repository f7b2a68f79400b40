import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import type { TemporalGateway } from '../temporal-client';

async function databaseUp(sequelize: Sequelize): Promise<boolean> {
  try {
    await sequelize.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export function healthRoutes(sequelize: Sequelize, temporal: TemporalGateway): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [db, tmp] = await Promise.all([databaseUp(sequelize), temporal.isUp()]);
    const ok = db && tmp;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', temporal: { up: tmp }, database: { up: db } });
  });
  return router;
}
