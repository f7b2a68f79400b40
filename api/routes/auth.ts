import { Router } from 'express';
import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import type { Config } from '../../config';
import { appendAudit } from '../../db/repositories/audit';
import {
  consumeRefreshToken,
  findUserByEmail,
  isMember,
  findUserById,
  recordFailedLogin,
  resetFailedLogins,
  revokeFamily,
} from '../../db/repositories/users';
import { decoyHash, verifyPassword } from '../auth/passwords';
import { chooseBody, describeSession, issueSession, readCookie, REFRESH_COOKIE, REFRESH_COOKIE_PATH } from '../auth/session';
import { requireAuth } from '../auth/middleware';
import { hashRefreshToken } from '../auth/tokens';
import { ApiError } from '../errors';
import { parseInput } from '../validation';

const loginSchema = z.object({
  email: z.string().trim().min(3).max(254),
  password: z.string().min(1).max(200),
  bodyId: z.uuid().optional(),
});
const switchSchema = z.object({ bodyId: z.uuid() });

export function authRoutes(sequelize: Sequelize, config: Config): Router {
  const router = Router();

  router.post('/login', async (req, res) => {
    const input = parseInput(loginSchema, req.body);
    const user = await findUserByEmail(input.email);
    if (!user || user.disabled) {
      await verifyPassword(await decoyHash(), input.password);
      throw new ApiError('INVALID_CREDENTIALS');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) throw new ApiError('ACCOUNT_LOCKED');
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      await recordFailedLogin(sequelize, user.id, config.LOGIN_MAX_FAILURES, config.LOGIN_LOCKOUT_SECONDS);
      await appendAudit({ bodyId: null, userId: user.id, action: 'auth.login_failed', entityType: 'user', entityId: user.id, requestId: String(req.id) });
      throw new ApiError('INVALID_CREDENTIALS');
    }
    await resetFailedLogins(user.id);
    const bodyId = await chooseBody(sequelize, user.id, input.bodyId);
    const session = await issueSession(res, sequelize, config, user, bodyId);
    await appendAudit({ bodyId, userId: user.id, action: 'auth.login', entityType: 'user', entityId: user.id, requestId: String(req.id) });
    res.json(session);
  });

  router.post('/refresh', async (req, res) => {
    const presented = readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (!presented) throw new ApiError('REFRESH_INVALID');
    const outcome = await consumeRefreshToken(sequelize, hashRefreshToken(presented));
    if (!outcome.ok) {
      if (outcome.reason === 'reused') req.log.warn({ reason: outcome.reason }, 'refresh token reuse: family revoked');
      throw new ApiError('REFRESH_INVALID');
    }
    const user = await findUserById(outcome.token.userId);
    if (!user || user.disabled) throw new ApiError('REFRESH_INVALID');
    // The session stays in the body it was in (switch-body changes it); a body left since then falls back.
    const bodyId = (await isMember(sequelize, user.id, outcome.token.bodyId)) ? outcome.token.bodyId : await chooseBody(sequelize, user.id);
    res.json(await issueSession(res, sequelize, config, user, bodyId, outcome.token.familyId));
  });

  router.post('/switch-body', requireAuth(config.JWT_ACCESS_SECRET), async (req, res) => {
    const input = parseInput(switchSchema, req.body);
    const user = await findUserById(req.auth!.userId);
    if (!user || user.disabled) throw new ApiError('UNAUTHENTICATED');
    const bodyId = await chooseBody(sequelize, user.id, input.bodyId);
    // Rotate the current refresh token into the new session rather than leaving a second family alive.
    const presented = readCookie(req.headers.cookie, REFRESH_COOKIE);
    const current = presented ? await consumeRefreshToken(sequelize, hashRefreshToken(presented)) : null;
    const familyId = current?.ok && current.token.userId === user.id ? current.token.familyId : undefined;
    res.json(await issueSession(res, sequelize, config, user, bodyId, familyId));
  });

  router.post('/logout', async (req, res) => {
    const presented = readCookie(req.headers.cookie, REFRESH_COOKIE);
    if (presented) {
      const outcome = await consumeRefreshToken(sequelize, hashRefreshToken(presented));
      if (outcome.ok) {
        await revokeFamily(outcome.token.familyId);
        await appendAudit({ bodyId: outcome.token.bodyId, userId: outcome.token.userId, action: 'auth.logout', entityType: 'user', entityId: outcome.token.userId, requestId: String(req.id) });
      }
    }
    res.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
    res.status(204).end();
  });

  return router;
}

export function meRoute(sequelize: Sequelize, config: Config): Router {
  const router = Router();
  router.get('/me', requireAuth(config.JWT_ACCESS_SECRET), async (req, res) => {
    const user = await findUserById(req.auth!.userId);
    if (!user || user.disabled) throw new ApiError('UNAUTHENTICATED');
    res.json(await describeSession(sequelize, user, req.auth!.bodyId));
  });
  return router;
}
