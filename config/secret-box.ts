/**
 * Encrypts per-body secrets kept in the database (a PEC mailbox password) with AES-256-GCM. The key
 * is SETTINGS_ENCRYPTION_KEY, or, when unset, derived from LINK_SIGNING_SECRET with HKDF (so the
 * embedded default needs no new secret). Sealed values are `v1.<iv>.<tag>.<ciphertext>` (base64url).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from './schema';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function createSecretBox(config: Pick<Config, 'SETTINGS_ENCRYPTION_KEY' | 'LINK_SIGNING_SECRET'>): SecretBox {
  const key = config.SETTINGS_ENCRYPTION_KEY
    ? Buffer.from(config.SETTINGS_ENCRYPTION_KEY, 'base64')
    : Buffer.from(hkdfSync('sha256', config.LINK_SIGNING_SECRET, 'mediazione-aperta', 'settings-encryption-v1', 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    open(sealed) {
      const [v, iv, tag, data] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
