/**
 * Key material of a body: RSA key pairs, and their private keys sealed with AES-256-GCM under a key
 * derived from SIGNING_KEYS_SECRET. The sealed blob is bound to its owner (additional data), so a
 * blob copied onto another body's row does not open.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, generateKeyPair, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

const generate = promisify(generateKeyPair);

export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function generateRsaKeyPair(bits = 2048): Promise<KeyPair> {
  const { privateKey, publicKey } = await generate('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  return { privateKey, publicKey };
}

const VERSION = 1;

function wrappingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('mediazione-aperta'), Buffer.from('signing-keys-v1'), 32));
}

/** version(1) ‖ iv(12) ‖ tag(16) ‖ AES-256-GCM(PKCS#8 DER). */
export function sealPrivateKey(key: KeyObject, secret: string, owner: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret), iv);
  cipher.setAAD(Buffer.from(owner, 'utf8'));
  const body = Buffer.concat([cipher.update(key.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export class SealedKeyError extends Error {}

export function openPrivateKey(blob: Buffer, secret: string, owner: string): KeyObject {
  if (blob.length < 29 || blob[0] !== VERSION) throw new SealedKeyError('unknown sealed key format');
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret), blob.subarray(1, 13));
  decipher.setAAD(Buffer.from(owner, 'utf8'));
  decipher.setAuthTag(blob.subarray(13, 29));
  let der: Buffer;
  try {
    der = Buffer.concat([decipher.update(blob.subarray(29)), decipher.final()]);
  } catch {
    throw new SealedKeyError('the signing key does not open with this secret (wrong SIGNING_KEYS_SECRET or tampered row)');
  }
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
