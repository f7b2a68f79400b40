import type { RequestHandler } from 'express';
import type { Sequelize } from 'sequelize';
import type { Permission } from '../../domain/access/roles';
import { isMember, permissionsInBody } from '../../db/repositories/users';
import { ApiError } from '../errors';
import { verifyAccessToken } from './tokens';

export interface AuthContext {
  userId: string;
  bodyId: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
    permissions?: Set<string>;
  }
}

/** Requires a valid bearer access token; sets req.auth. */
export function requireAuth(secret: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(new ApiError('UNAUTHENTICATED'));
    const claims = verifyAccessToken(header.slice('Bearer '.length).trim(), secret);
    req.auth = { userId: claims.sub, bodyId: claims.bid };
    next();
  };
}

/**
 * For routes under /bodies/:bodyId: the token must be for that body and the user still a member;
 * loads the user's permissions in the body (read per request: a body may change its mapping).
 */
export function requireBody(sequelize: Sequelize): RequestHandler {
  return async (req, _res, next) => {
    const auth = req.auth;
    if (!auth) throw new ApiError('UNAUTHENTICATED');
    if (req.params.bodyId !== auth.bodyId) throw new ApiError('BODY_MISMATCH');
    if (!(await isMember(sequelize, auth.userId, auth.bodyId))) throw new ApiError('BODY_FORBIDDEN');
    req.permissions = new Set(await permissionsInBody(sequelize, auth.userId, auth.bodyId));
    next();
  };
}

export function requirePermission(permission: Permission): RequestHandler {
  return (req, _res, next) => {
    if (!req.permissions?.has(permission)) return next(new ApiError('PERMISSION_DENIED'));
    next();
  };
}
