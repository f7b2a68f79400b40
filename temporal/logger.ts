import type { Logger as PinoLogger } from 'pino';
import { Runtime, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';
import { safeError } from '../config/safe-error';

/** Routes the SDK's and workflows' logs into pino; installed once per process before any Worker. */
export function installTemporalRuntime(logger: PinoLogger): void {
  // The SDK logs failed activities with the error itself: keep only what is safe (config/safe-error.ts).
  const fields = (meta?: LogMetadata) => {
    const { error, ...rest } = meta ?? {};
    return { ...rest, ...(error === undefined ? {} : { error: safeError(error) }), component: 'temporal' };
  };
  const methods = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
  const sdkLogger: Logger = {
    log: (level: LogLevel, message: string, meta?: LogMetadata) => logger[methods[level]](fields(meta), message),
    trace: (m, meta) => logger.trace(fields(meta), m),
    debug: (m, meta) => logger.debug(fields(meta), m),
    info: (m, meta) => logger.info(fields(meta), m),
    warn: (m, meta) => logger.warn(fields(meta), m),
    error: (m, meta) => logger.error(fields(meta), m),
  };
  Runtime.install({ logger: sdkLogger, shutdownSignals: [] });
}
