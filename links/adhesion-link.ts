/**
 * The invited party's personal access to the adhesion page: a code (sent in the convocation, asked
 * on the page together with the case number) and a link carrying a signed, expiring token. Both are
 * derived from LINK_SIGNING_SECRET, so a retried convocation sends the same code and nothing secret
 * is kept in clear: the database holds the code's hash, the workflow history holds neither.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { nameBasedId } from '../db/name-based-id';

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: read over the phone

export interface AdhesionTokenClaims {
  /** The invitation (adhesion_invitations.id). */
  inv: string;
  bid: string;
  cid: string;
  pos: number;
}

/** Name-based UUID of the invitation of a party of a case (stable across retries). */
export function invitationIdFor(caseId: string, position: number): string {
  return nameBasedId('adhesion', caseId, String(position));
}

/** The party's personal code, `XXXXX-XXXXX` (50 bits). */
export function adhesionCodeFor(secret: string, caseId: string, position: number): string {
  const mac = createHmac('sha256', secret).update(`adhesion-code\0${caseId}\0${position}`).digest();
  let code = '';
  for (let i = 0; i < 10; i++) code += CODE_ALPHABET[mac[i]! % CODE_ALPHABET.length];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the database keeps of a code; codes are compared case- and dash-insensitively. */
export function hashAdhesionCode(code: string): string {
  const normal = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return createHash('sha256').update(`adhesion-code\0${normal}`).digest('hex');
}

export function codeMatches(given: string, storedHash: string): boolean {
  const a = Buffer.from(hashAdhesionCode(given), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function signAdhesionToken(secret: string, claims: AdhesionTokenClaims, expiresAt: Date): string {
  return jwt.sign({ ...claims, typ: 'adhesion', exp: Math.floor(expiresAt.getTime() / 1000) }, secret, { algorithm: 'HS256' });
}

export type TokenCheck = { ok: true; claims: AdhesionTokenClaims } | { ok: false; reason: 'expired' | 'invalid' };

export function verifyAdhesionToken(secret: string, token: string): TokenCheck {
  try {
    const p = jwt.verify(token, secret, { algorithms: ['HS256'] }) as Partial<AdhesionTokenClaims> & { typ?: string };
    if (p.typ !== 'adhesion' || typeof p.inv !== 'string' || typeof p.bid !== 'string' || typeof p.cid !== 'string' || typeof p.pos !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return { ok: true, claims: { inv: p.inv, bid: p.bid, cid: p.cid, pos: p.pos } };
  } catch (err) {
    return { ok: false, reason: err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}
