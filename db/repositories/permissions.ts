import type { Sequelize } from 'sequelize';
import type { Permission, Role } from '../../domain/access/roles';
import { RolePermission } from '../models';
import { appendAudit } from './audit';

/** The body's role→permission mapping, role by role. */
export async function rolePermissions(bodyId: string): Promise<Record<string, string[]>> {
  const rows = await RolePermission.findAll({ where: { bodyId }, order: [['role', 'ASC'], ['permission', 'ASC']] });
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.role] ??= []).push(r.permission);
  return out;
}

/** Replaces what a role may do in the body; the change and its audit row commit together. */
export async function setRolePermissions(
  sequelize: Sequelize,
  change: { bodyId: string; role: Role; permissions: Permission[]; by: string; requestId?: string },
): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const before = (await RolePermission.findAll({ where: { bodyId: change.bodyId, role: change.role }, transaction })).map((r) => r.permission);
    await RolePermission.destroy({ where: { bodyId: change.bodyId, role: change.role }, transaction });
    await RolePermission.bulkCreate(
      change.permissions.map((permission) => ({ bodyId: change.bodyId, role: change.role, permission })),
      { transaction },
    );
    await appendAudit(
      {
        bodyId: change.bodyId,
        userId: change.by,
        action: 'roles.permissions_changed',
        entityType: 'role',
        entityId: change.role,
        requestId: change.requestId ?? null,
        details: { before: before.sort(), after: [...change.permissions].sort() },
      },
      transaction,
    );
  });
}
