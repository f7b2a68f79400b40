/** Signed, expiring personal links of signers (JWT HS256 with LINK_SIGNING_SECRET). */
import jwt from 'jsonwebtoken';

export interface SignerLinkClaims {
  bodyId: string;
  workflowId: string;
  signerId: string;
}

const AUDIENCE = 'signature-signer';

export function createSignerToken(claims: SignerLinkClaims, secret: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return jwt.sign({ bid: claims.bodyId, wid: claims.workflowId, sid: claims.signerId, exp }, secret, { algorithm: 'HS256', audience: AUDIENCE });
}

export class LinkError extends Error {
  constructor(readonly code: 'LINK_EXPIRED' | 'LINK_INVALID') {
    super(code);
  }
}

export function readSignerToken(token: string, secret: string): SignerLinkClaims {
  try {
    const p = jwt.verify(token, secret, { algorithms: ['HS256'], audience: AUDIENCE }) as { bid?: unknown; wid?: unknown; sid?: unknown };
    if (typeof p.bid !== 'string' || typeof p.wid !== 'string' || typeof p.sid !== 'string') throw new LinkError('LINK_INVALID');
    return { bodyId: p.bid, workflowId: p.wid, signerId: p.sid };
  } catch (err) {
    if (err instanceof LinkError) throw err;
    throw new LinkError((err as Error).name === 'TokenExpiredError' ? 'LINK_EXPIRED' : 'LINK_INVALID');
  }
}
