/**
 * The user's own profile fields beyond the login (today: the tax code, needed to sign as a
 * natural person), editable by the user; a body admin can set it for a member of the body.
 */
import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { isValidTaxCode, normalizeTaxCode } from '../../domain/registry/tax-code';
import { getUserProfile, setUserTaxCode } from '../../db/repositories/user-profile';
import { isMember } from '../../db/repositories/users';
import { requireAuth, requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

/** A natural person's code (16 characters) or null to clear it. */
const taxCodeSchema = z.object({
  taxCode: z
    .string()
    .transform(normalizeTaxCode)
    .refine((v) => v.length === 16 && isValidTaxCode(v), 'a natural person’s tax code')
    .nullable(),
});

export function profileRoutes(sequelize: Sequelize, config: Config): Router {
  const router = Router();
  router.use('/me/profile', requireAuth(config.JWT_ACCESS_SECRET));
  router.get('/me/profile', async (req, res) => {
    const profile = await getUserProfile(sequelize, req.auth!.userId);
    if (!profile) throw new ApiError('UNAUTHENTICATED');
    res.json(profile);
  });
  router.put('/me/profile', async (req, res) => {
    const { taxCode } = parseInput(taxCodeSchema, req.body);
    await setUserTaxCode(sequelize, { userId: req.auth!.userId, taxCode, by: req.auth!.userId, bodyId: req.auth!.bodyId, requestId: String(req.id) });
    res.json(await getUserProfile(sequelize, req.auth!.userId));
  });
  return router;
}

/** Under /api/bodies/:bodyId: a body admin sets a member's tax code. */
export function memberProfileRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });
  router.put('/members/:userId/tax-code', requirePermission('body.admin'), async (req, res) => {
    const userId = z.uuid().safeParse(req.params.userId);
    if (!userId.success || !(await isMember(sequelize, userId.data, req.auth!.bodyId))) throw new ApiError('NOT_FOUND');
    const { taxCode } = parseInput(taxCodeSchema, req.body);
    await setUserTaxCode(sequelize, { userId: userId.data, taxCode, by: req.auth!.userId, bodyId: req.auth!.bodyId, requestId: String(req.id) });
    res.json(await getUserProfile(sequelize, userId.data));
  });
  return router;
}
