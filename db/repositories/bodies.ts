import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { defaultRolePermissions, roles, type Role } from '../../domain/access/roles';
import { Body, Branch, Membership, RolePermission, Room, User } from '../models';
import { appendAudit } from './audit';

export interface NewBody {
  code: string;
  name: string;
  kind: 'mediation_body' | 'occ' | 'order';
  taxCode?: string | null;
  registryNumber?: string | null;
  branches?: { name: string; address?: string; city?: string; rooms?: { name: string; capacity: number }[] }[];
}

/** Creates a body with its branches and rooms and the default role→permission mapping, audited. */
export async function createBody(sequelize: Sequelize, input: NewBody, by: string | null): Promise<string> {
  return sequelize.transaction(async (transaction) => {
    const id = randomUUID();
    await Body.create(
      { id, code: input.code, name: input.name, kind: input.kind, taxCode: input.taxCode ?? null, registryNumber: input.registryNumber ?? null },
      { transaction },
    );
    for (const b of input.branches ?? []) {
      const branchId = randomUUID();
      await Branch.create({ id: branchId, bodyId: id, name: b.name, address: b.address ?? null, city: b.city ?? null }, { transaction });
      for (const r of b.rooms ?? []) {
        await Room.create({ id: randomUUID(), bodyId: id, branchId, name: r.name, capacity: r.capacity }, { transaction });
      }
    }
    await RolePermission.bulkCreate(
      roles.flatMap((role) => defaultRolePermissions[role].map((permission) => ({ bodyId: id, role, permission }))),
      { transaction },
    );
    await appendAudit({ bodyId: id, userId: by, action: 'body.created', entityType: 'body', entityId: id }, transaction);
    return id;
  });
}

export async function findBodyByCode(code: string): Promise<Body | null> {
  return Body.findOne({ where: { code } });
}

export async function createUser(
  sequelize: Sequelize,
  input: { email: string; fullName: string; passwordHash: string; isOperator?: boolean; memberships: { bodyId: string; role: Role }[] },
): Promise<string> {
  return sequelize.transaction(async (transaction) => {
    const id = randomUUID();
    await User.create(
      { id, email: input.email, fullName: input.fullName, passwordHash: input.passwordHash, isOperator: input.isOperator ?? false, lockedUntil: null },
      { transaction },
    );
    for (const m of input.memberships) await Membership.create({ userId: id, bodyId: m.bodyId, role: m.role }, { transaction });
    await appendAudit({ bodyId: null, userId: null, action: 'user.created', entityType: 'user', entityId: id, details: { memberships: input.memberships } }, transaction);
    return id;
  });
}
