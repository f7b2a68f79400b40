import pino, { type Logger } from 'pino';
import type { Config } from './schema';

/** pino, JSON lines; never given request bodies, config values or personal data — IDs only. */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, process: string): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { process },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
  });
}
