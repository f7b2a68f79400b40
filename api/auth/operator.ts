import type { Request } from 'express';
import { findLiveRefreshToken, findUserById } from '../../db/repositories/users';
import { readCookie, REFRESH_COOKIE } from './session';
import { hashRefreshToken, verifyAccessToken } from './tokens';

/**
 * Who is calling, for endpoints used outside our own UI (the Temporal Web UI's codec calls): a bearer
 * access token, or the HttpOnly session cookie the browser sends along. Null when neither is valid.
 */
export async function identifyCaller(req: Request, accessSecret: string): Promise<{ userId: string; isOperator: boolean } | null> {
  let userId: string | undefined;
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    try {
      userId = verifyAccessToken(header.slice(7).trim(), accessSecret).sub;
    } catch {
      return null;
    }
  } else {
    const cookie = readCookie(req.headers.cookie, REFRESH_COOKIE);
    const live = cookie ? await findLiveRefreshToken(hashRefreshToken(cookie)) : null;
    userId = live?.userId;
  }
  if (!userId) return null;
  const user = await findUserById(userId);
  if (!user || user.disabled) return null;
  return { userId: user.id, isOperator: user.isOperator };
}
