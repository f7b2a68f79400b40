import { Router, type Request } from 'express';
import { safeError } from '../../config/safe-error';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { classificationNodeSchema } from '../../domain/protocol/classification';
import { registerInputSchema, registerUpdateSchema } from '../../domain/protocol/registers';
import { listFiles } from '../../db/repositories/protocol/files';
import { addClassification, createRegister, listClassifications, listRegisters, setClassificationActive, updateRegister } from '../../db/repositories/protocol/registers';
import { requirePermission } from '../auth/middleware';
import type { TemporalGateway } from '../temporal-client';
import { parseInput } from '../validation';

const filesQuerySchema = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Registers (≤ 5 per body), the titolario and general files; mounted under /api/bodies/:bodyId. */
export function protocolRegisterRoutes(sequelize: Sequelize, temporal: TemporalGateway): Router {
  const router = Router({ mergeParams: true });
  /** Keeps the register's daily-closure Schedule in step (reconciled again at every start if this fails). */
  const syncSchedule = async (req: Request, r: { id: string; active: boolean; autoClose: boolean }) => {
    await temporal.syncProtocolDaySchedule({ bodyId: req.auth!.bodyId, registerId: r.id, enabled: r.active && r.autoClose }).catch((err: unknown) => {
      req.log.error({ error: safeError(err), registerId: r.id }, 'day-closure schedule not synchronised');
    });
  };

  router.get('/protocol/registers', requirePermission('protocol.read'), async (req, res) => {
    res.json({ items: await listRegisters(sequelize, req.auth!.bodyId) });
  });

  router.post('/protocol/registers', requirePermission('protocol.admin'), async (req, res) => {
    const input = parseInput(registerInputSchema, req.body);
    const created = await createRegister(sequelize, req.auth!.bodyId, input, req.auth!.userId, String(req.id));
    await syncSchedule(req, created);
    res.status(201).json(created);
  });

  router.patch('/protocol/registers/:registerId', requirePermission('protocol.admin'), async (req, res) => {
    const change = parseInput(registerUpdateSchema, req.body);
    const updated = await updateRegister(sequelize, req.auth!.bodyId, String(req.params.registerId), change, req.auth!.userId, String(req.id));
    await syncSchedule(req, updated);
    res.json(updated);
  });

  router.get('/protocol/classifications', requirePermission('protocol.read'), async (req, res) => {
    res.json({ items: await listClassifications(sequelize, req.auth!.bodyId) });
  });

  router.post('/protocol/classifications', requirePermission('protocol.admin'), async (req, res) => {
    const node = parseInput(classificationNodeSchema, req.body);
    res.status(201).json(await addClassification(sequelize, req.auth!.bodyId, node, req.auth!.userId, String(req.id)));
  });

  router.patch('/protocol/classifications/:code', requirePermission('protocol.admin'), async (req, res) => {
    const { active } = parseInput(z.object({ active: z.boolean() }), req.body);
    await setClassificationActive(sequelize, req.auth!.bodyId, String(req.params.code), active, req.auth!.userId, String(req.id));
    res.status(204).end();
  });

  router.get('/protocol/files', requirePermission('protocol.read'), async (req, res) => {
    const q = parseInput(filesQuerySchema, req.query);
    res.json({ items: await listFiles(sequelize, req.auth!.bodyId, { text: q.q, limit: q.limit }) });
  });

  return router;
}
