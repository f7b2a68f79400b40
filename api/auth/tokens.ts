import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { ApiError } from '../errors';

const ISSUER = 'mediazione-aperta';
const AUDIENCE = 'mediazione-aperta/api';

export interface AccessClaims {
  /** user id */
  sub: string;
  /** the body this token acts in */
  bid: string;
}

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ bid: claims.bid }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

export function verifyAccessToken(token: string, secret: string): AccessClaims {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.bid !== 'string') {
      throw new ApiError('TOKEN_INVALID');
    }
    return { sub: payload.sub, bid: payload.bid };
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new ApiError('TOKEN_EXPIRED');
    throw new ApiError('TOKEN_INVALID');
  }
}

/** Opaque refresh token: 256 random bits; only its SHA-256 is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
