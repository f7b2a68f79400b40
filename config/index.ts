import { configSchema, type Config } from './schema';

export type { Config } from './schema';

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Configuration error: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; throws ConfigError naming the first bad variable. Never logs values. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    const cfg = result.data;
    if (cfg.TEMPORAL_TLS_CERT_PATH && !cfg.TEMPORAL_TLS_KEY_PATH) {
      throw new ConfigError('TEMPORAL_TLS_KEY_PATH', 'is required when TEMPORAL_TLS_CERT_PATH is set');
    }
    return cfg;
  }
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  const reason = env[variable] === undefined || env[variable] === '' ? 'is missing' : `is invalid: ${issue.message}`;
  throw new ConfigError(variable, reason);
}

/** Entry points call this once: on a bad configuration the process stops with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
