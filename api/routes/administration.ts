import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { permissions, roles } from '../../domain/access/roles';
import { rolePermissions, setRolePermissions } from '../../db/repositories/permissions';
import { searchRegistry } from '../../db/repositories/registry';
import { requirePermission } from '../auth/middleware';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const roleSchema = z.enum(roles);
const permissionsSchema = z.object({ permissions: z.array(z.enum(permissions)).max(permissions.length) });
const registryQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Body administration (customisable access levels) and the registry; mounted under /api/bodies/:bodyId. */
export function administrationRoutes(sequelize: Sequelize): Router {
  const router = Router({ mergeParams: true });

  router.get('/roles', requirePermission('roles.manage'), async (req, res) => {
    res.json({ roles, permissions, mapping: await rolePermissions(req.auth!.bodyId) });
  });

  router.put('/roles/:role/permissions', requirePermission('roles.manage'), async (req, res) => {
    const role = roleSchema.safeParse(req.params.role);
    if (!role.success) throw new ApiError('VALIDATION_FAILED', [{ path: 'role', code: 'UNKNOWN_ROLE' }]);
    const input = parseInput(permissionsSchema, req.body);
    // An admin cannot lock the body out of its own administration.
    if (role.data === 'admin' && !input.permissions.includes('roles.manage')) {
      throw new ApiError('VALIDATION_FAILED', [{ path: 'permissions', code: 'ADMIN_MUST_MANAGE_ROLES' }]);
    }
    const unique = [...new Set(input.permissions)];
    await setRolePermissions(sequelize, { bodyId: req.auth!.bodyId, role: role.data, permissions: unique, by: req.auth!.userId, requestId: String(req.id) });
    res.json({ role: role.data, permissions: unique.sort() });
  });

  router.get('/registry', requirePermission('registry.read'), async (req, res) => {
    const q = parseInput(registryQuerySchema, req.query);
    res.json(await searchRegistry(req.auth!.bodyId, { text: q.q, limit: q.limit, offset: q.offset }));
  });

  return router;
}
