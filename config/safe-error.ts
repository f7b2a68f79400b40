/**
 * What of an error may be logged. Error messages and driver details carry data (a Sequelize error
 * holds the SQL and its bound values; PostgreSQL quotes the offending value), so logs keep only
 * the error's kind and the code-frame part of its stack. Messages of our own coded errors are safe
 * and useful (e.g. the codec's "key id … is not in TEMPORAL_PAYLOAD_KEYS") and are kept.
 */
const SAFE_MESSAGE_TYPES = new Set(['PayloadKeyUnknown', 'PayloadDecryptionFailed', 'TenantScopeError', 'ConfigError']);

export interface SafeError {
  name?: string;
  type?: string;
  code?: string;
  message?: string;
  stack?: string;
}

export function safeError(err: unknown): SafeError | undefined {
  if (err === undefined || err === null) return undefined;
  if (typeof err !== 'object') return { name: typeof err };
  const e = err as { name?: unknown; type?: unknown; code?: unknown; parent?: { code?: unknown }; message?: unknown; stack?: unknown; cause?: unknown };
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const name = str(e.name);
  const type = str(e.type);
  const out: SafeError = { name, type, code: str(e.code) ?? str(e.parent?.code) };
  if ((type && SAFE_MESSAGE_TYPES.has(type)) || (name && SAFE_MESSAGE_TYPES.has(name))) out.message = str(e.message);
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 12).join('\n');
  for (const k of Object.keys(out) as (keyof SafeError)[]) if (out[k] === undefined) delete out[k];
  return out;
}
