import type { Logger as PinoLogger } from 'pino';
import { Runtime, type LogLevel, type LogMetadata, type Logger } from '@temporalio/worker';

/** Routes the SDK's and workflows' logs into pino; installed once per process before any Worker. */
export function installTemporalRuntime(logger: PinoLogger): void {
  const sdkLogger: Logger = {
    log: (level: LogLevel, message: string, meta?: LogMetadata) => {
      const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[level];
      logger[method]({ ...meta, component: 'temporal' }, message);
    },
    trace: (m, meta) => logger.trace({ ...meta, component: 'temporal' }, m),
    debug: (m, meta) => logger.debug({ ...meta, component: 'temporal' }, m),
    info: (m, meta) => logger.info({ ...meta, component: 'temporal' }, m),
    warn: (m, meta) => logger.warn({ ...meta, component: 'temporal' }, m),
    error: (m, meta) => logger.error({ ...meta, component: 'temporal' }, m),
  };
  Runtime.install({ logger: sdkLogger, shutdownSignals: [] });
}
