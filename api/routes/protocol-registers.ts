import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { classificationNodeSchema } from '../../domain/protocol/classification';
import { registerInputSchema, registerUpdateSchema } from '../../domain/protocol/registers';
import { listFiles } from '../../db/repositories/protocol/files';
import { addClassification, createRegister, listClassifications, listRegisters, setClassificationActive, updateRegister } from '../../db/repositories/protocol/registers';
import { requirePermission } from '../auth/middleware';
import { parseInput } from '../validation';

const filesQuerySchema = z.object({ q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

/** Registers (≤ 5 per body), the titolario and general files; mounted under /api/bodies/:bodyId. */
export function protocolRegisterRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });

  router.get('/protocol/registers', requirePermission('protocol.read'), async (req, res) => {
    res.json({ items: await listRegisters(sequelize, req.auth!.bodyId) });
  });

  router.post('/protocol/registers', requirePermission('protocol.admin'), async (req, res) => {
    const input = parseInput(registerInputSchema, req.body);
    res.status(201).json(await createRegister(sequelize, req.auth!.bodyId, input, req.auth!.userId, String(req.id)));
  });

  router.patch('/protocol/registers/:registerId', requirePermission('protocol.admin'), async (req, res) => {
    const change = parseInput(registerUpdateSchema, req.body);
    res.json(await updateRegister(sequelize, req.auth!.bodyId, String(req.params.registerId), change, req.auth!.userId, String(req.id)));
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
