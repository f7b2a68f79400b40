import { randomUUID } from 'node:crypto';
import { Op, QueryTypes, type Sequelize } from 'sequelize';
import { RefreshToken, User } from '../models';

export interface BodyAccess {
  id: string;
  code: string;
  name: string;
  kind: string;
  roles: string[];
}

export async function findUserByEmail(email: string): Promise<User | null> {
  return User.findOne({ where: { email: { [Op.iLike]: email.replace(/[\\%_]/g, (m) => `\\${m}`) } } });
}

export async function findUserById(id: string): Promise<User | null> {
  return User.findByPk(id);
}

/** Counts a failed login; at `maxFailures` the account locks for `lockSeconds`. */
export async function recordFailedLogin(sequelize: Sequelize, userId: string, maxFailures: number, lockSeconds: number) {
  await sequelize.query(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= :max THEN now() + make_interval(secs => :lock) ELSE locked_until END
     WHERE id = :id`,
    { replacements: { id: userId, max: maxFailures, lock: lockSeconds } },
  );
}

export async function resetFailedLogins(userId: string): Promise<void> {
  await User.update({ failedLogins: 0, lockedUntil: null }, { where: { id: userId } });
}

/** The bodies a user belongs to, with the roles held in each. */
export async function bodiesOfUser(sequelize: Sequelize, userId: string): Promise<BodyAccess[]> {
  const rows = await sequelize.query<{ id: string; code: string; name: string; kind: string; roles: string[] }>(
    `SELECT b.id, b.code, b.name, b.kind, array_agg(m.role ORDER BY m.role) AS roles
     FROM memberships m JOIN bodies b ON b.id = m.body_id
     WHERE m.user_id = :userId GROUP BY b.id ORDER BY b.name`,
    { type: QueryTypes.SELECT, replacements: { userId } },
  );
  return rows;
}

/** Permissions the user holds in the body through the body's own role→permission mapping. */
export async function permissionsInBody(sequelize: Sequelize, userId: string, bodyId: string): Promise<string[]> {
  const rows = await sequelize.query<{ permission: string }>(
    `SELECT DISTINCT rp.permission FROM memberships m
     JOIN role_permissions rp ON rp.body_id = m.body_id AND rp.role = m.role
     WHERE m.user_id = :userId AND m.body_id = :bodyId ORDER BY rp.permission`,
    { type: QueryTypes.SELECT, replacements: { userId, bodyId } },
  );
  return rows.map((r) => r.permission);
}

export async function isMember(sequelize: Sequelize, userId: string, bodyId: string): Promise<boolean> {
  const rows = await sequelize.query('SELECT 1 FROM memberships WHERE user_id = :userId AND body_id = :bodyId LIMIT 1', {
    type: QueryTypes.SELECT,
    replacements: { userId, bodyId },
  });
  return rows.length > 0;
}

export async function storeRefreshToken(t: { userId: string; familyId: string; hash: string; bodyId: string; expiresAt: Date }) {
  await RefreshToken.create({
    id: randomUUID(),
    userId: t.userId,
    familyId: t.familyId,
    tokenHash: t.hash,
    bodyId: t.bodyId,
    expiresAt: t.expiresAt,
    usedAt: null,
    revokedAt: null,
  });
}

/** A token presented again within this window (concurrent tabs) is not treated as stolen. */
const REUSE_GRACE_MS = 10_000;

export type RefreshOutcome =
  | { ok: true; token: RefreshToken }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' };

/**
 * Consumes a refresh token (atomic compare-and-set on used_at). Presenting a token that was already
 * used — after a short grace for concurrent tabs — means it was stolen or replayed: the whole family
 * is revoked.
 */
export async function consumeRefreshToken(sequelize: Sequelize, hash: string): Promise<RefreshOutcome> {
  const token = await RefreshToken.findOne({ where: { tokenHash: hash } });
  if (!token) return { ok: false, reason: 'unknown' };
  if (token.revokedAt) return { ok: false, reason: 'revoked' };
  if (token.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  const [, affected] = await sequelize.query('UPDATE refresh_tokens SET used_at = now() WHERE id = :id AND used_at IS NULL', {
    replacements: { id: token.id },
  });
  if ((affected as { rowCount?: number }).rowCount !== 1) {
    // Two tabs refreshing at once present the same token: tolerate that for a few seconds.
    const fresh = await RefreshToken.findByPk(token.id);
    if (fresh?.usedAt && Date.now() - fresh.usedAt.getTime() < REUSE_GRACE_MS && !fresh.revokedAt) return { ok: true, token };
    await revokeFamily(token.familyId);
    return { ok: false, reason: 'reused' };
  }
  return { ok: true, token };
}

/** A live session cookie: not used, not revoked, not expired. Used by the codec endpoint. */
export async function findLiveRefreshToken(hash: string): Promise<RefreshToken | null> {
  return RefreshToken.findOne({ where: { tokenHash: hash, usedAt: null, revokedAt: null, expiresAt: { [Op.gt]: new Date() } } });
}

export async function revokeFamily(familyId: string): Promise<void> {
  await RefreshToken.update({ revokedAt: new Date() }, { where: { familyId, revokedAt: null } });
}
