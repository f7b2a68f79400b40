/**
 * Secrets of the embedded default, generated once and kept in .data/secrets.json (git-ignored,
 * mode 0600): token signing secrets, the payload encryption key, the database and demo passwords.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalSecrets {
  jwtAccessSecret: string;
  linkSigningSecret: string;
  signingKeysSecret: string;
  payloadKeys: string;
  postgresPassword: string;
  demoPassword: string;
}

function generate(): LocalSecrets {
  return {
    jwtAccessSecret: randomBytes(48).toString('base64url'),
    linkSigningSecret: randomBytes(48).toString('base64url'),
    signingKeysSecret: randomBytes(48).toString('base64url'),
    payloadKeys: `local1:${randomBytes(32).toString('base64')}`,
    postgresPassword: randomBytes(18).toString('base64url'),
    demoPassword: `Demo-${randomBytes(6).toString('base64url')}`,
  };
}

export function loadOrCreateSecrets(file: string): LocalSecrets {
  if (existsSync(file)) {
    // Secrets added by a later release are generated once and kept beside the existing ones.
    const existing = JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>;
    const missing = Object.entries(generate()).filter(([k]) => !(k in existing));
    if (missing.length === 0) return existing as LocalSecrets;
    const merged = { ...Object.fromEntries(missing), ...existing } as LocalSecrets;
    writeFileSync(file, JSON.stringify(merged, null, 2), { mode: 0o600 });
    return merged;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secrets = generate();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fresh throw-away secrets for a test run. */
export function ephemeralSecrets(): LocalSecrets {
  return generate();
}
