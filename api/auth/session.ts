import type { Response } from 'express';
import type { Sequelize } from 'sequelize';
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config';
import type { User } from '../../db/models';
import { bodiesOfUser, permissionsInBody, storeRefreshToken } from '../../db/repositories/users';
import type { Session, SessionBody, SessionView } from '../../domain/views/session';
import { ApiError } from '../errors';
import { newRefreshToken, signAccessToken } from './tokens';

export const REFRESH_COOKIE = 'mz_refresh';
/** Sent to /api/auth (refresh, logout), /api/codec and /temporal/ (the operators' Web UI). */
export const REFRESH_COOKIE_PATH = '/';

export async function describeSession(sequelize: Sequelize, user: User, bodyId: string): Promise<SessionView> {
  const bodies = await bodiesOfUser(sequelize, user.id);
  if (!bodies.some((b) => b.id === bodyId)) throw new ApiError('BODY_FORBIDDEN');
  return {
    user: { id: user.id, email: user.email, fullName: user.fullName, isOperator: user.isOperator },
    bodies: bodies as SessionBody[],
    activeBodyId: bodyId,
    permissions: await permissionsInBody(sequelize, user.id, bodyId),
  };
}

/** Chooses the body to act in: the requested one if the user belongs to it, else the first. */
export async function chooseBody(sequelize: Sequelize, userId: string, requested?: string): Promise<string> {
  const bodies = await bodiesOfUser(sequelize, userId);
  if (requested) {
    if (!bodies.some((b) => b.id === requested)) throw new ApiError('BODY_FORBIDDEN');
    return requested;
  }
  const first = bodies[0];
  if (!first) throw new ApiError('BODY_FORBIDDEN');
  return first.id;
}

/** Issues an access token for the body, and a new refresh token in the family (a new family at login). */
export async function issueSession(
  res: Response,
  sequelize: Sequelize,
  config: Config,
  user: User,
  bodyId: string,
  familyId: string = randomUUID(),
) {
  const session = await describeSession(sequelize, user, bodyId);
  const refresh = newRefreshToken();
  await storeRefreshToken({
    userId: user.id,
    familyId,
    hash: refresh.hash,
    bodyId,
    expiresAt: new Date(Date.now() + config.REFRESH_TOKEN_TTL_SECONDS * 1000),
  });
  res.cookie(REFRESH_COOKIE, refresh.token, {
    httpOnly: true,
    secure: config.COOKIE_SECURE,
    sameSite: 'lax',
    path: REFRESH_COOKIE_PATH,
    maxAge: config.REFRESH_TOKEN_TTL_SECONDS * 1000,
  });
  const accessToken = signAccessToken({ sub: user.id, bid: bodyId }, config.JWT_ACCESS_SECRET, config.ACCESS_TOKEN_TTL_SECONDS);
  const issued: Session = { accessToken, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, ...session };
  return issued;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
