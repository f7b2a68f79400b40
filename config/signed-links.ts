/**
 * Signed tokens for public links sent to people (newsletter unsubscription): an HMAC-SHA256 over the
 * payload with LINK_SIGNING_SECRET, compared in constant time. No expiry: an unsubscribe link in an
 * old newsletter must keep working.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaim {
  bodyId: string;
  list: 'newsletter';
  address: string;
}

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(`unsubscribe.${payload}`).digest('base64url');

export function signUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  const payload = Buffer.from(JSON.stringify([claim.bodyId, claim.list, claim.address])).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeClaim | null {
  const [payload, signature] = token.split('.');
  if (!payload || !signature || token.length > 2000) return null;
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [bodyId, list, address] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    if (typeof bodyId !== 'string' || list !== 'newsletter' || typeof address !== 'string') return null;
    return { bodyId, list, address };
  } catch {
    return null;
  }
}
