import { createHash } from 'node:crypto';

/**
 * A UUID derived from names (RFC 9562 v5 layout over SHA-256, truncated): the same names always give
 * the same ID, so a retried request or activity finds the row it created instead of making another.
 */
export function nameBasedId(...names: string[]): string {
  const h = createHash('sha256').update(names.join('\0')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
