import { randomBytes } from 'node:crypto';
import { ConfigError, parseConfig } from './index';

const key = randomBytes(32).toString('base64');
const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  JWT_ACCESS_SECRET: 'x'.repeat(40),
  LINK_SIGNING_SECRET: 'y'.repeat(40),
  SIGNING_KEYS_SECRET: 'z'.repeat(40),
  TEMPORAL_PAYLOAD_KEYS: `k1:${key}`,
};

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const c = parseConfig(valid);
    expect(c).toMatchObject({ APP_PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TLS: false });
    expect(c.TEMPORAL_PAYLOAD_KEYS).toEqual([{ id: 'k1', key: Buffer.from(key, 'base64') }]);
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL', /is missing/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ JWT_ACCESS_SECRET: 'short' }, 'JWT_ACCESS_SECRET', /at least 32/],
    [{ TEMPORAL_PAYLOAD_KEYS: 'k1:abc' }, 'TEMPORAL_PAYLOAD_KEYS', /32-byte/],
    [{ TEMPORAL_PAYLOAD_KEYS: `a:${key},a:${key}` }, 'TEMPORAL_PAYLOAD_KEYS', /twice/],
    [{ TEMPORAL_TLS: 'yes' }, 'TEMPORAL_TLS', /invalid/],
    [{ APP_PORT: '70000' }, 'APP_PORT', /invalid/],
    [{ TEMPORAL_ADDRESS: 'localhost' }, 'TEMPORAL_ADDRESS', /host:port/],
  ])('names the bad variable: %o', (patch, variable, reason) => {
    const env = { ...valid, ...patch } as Record<string, string>;
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
    const err = errorOf(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(reason);
    expect(err.message).toMatch(new RegExp(`^Configuration error: ${variable} `));
    expect(err.message).not.toContain('\n');
  });

  it('parses booleans literally ("false" is false)', () => {
    expect(parseConfig({ ...valid, TEMPORAL_TLS: 'false' }).TEMPORAL_TLS).toBe(false);
    expect(parseConfig({ ...valid, TEMPORAL_TLS: 'true' }).TEMPORAL_TLS).toBe(true);
  });

  it('never echoes a secret value in the message', () => {
    const err = errorOf({ ...valid, JWT_ACCESS_SECRET: 'supersecret' });
    expect(err.message).not.toContain('supersecret');
  });
});
