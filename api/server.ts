import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { safeError } from '../config/safe-error';
import { listScheduledRegisters } from '../db/repositories/protocol/registers';
import { createApp } from './app';
import { connectTemporal } from './temporal-client';

/** Starts the HTTP API; `stop()` stops accepting, lets requests finish, closes the Temporal client. */
export async function startApi(config: Config, logger: Logger, sequelize: Sequelize): Promise<{ server: Server; stop(): Promise<void> }> {
  const temporal = await connectTemporal(config);
  // The protocol registers' daily-closure Schedules, reconciled idempotently at every start.
  await temporal.ensureProtocolDaySchedules(await listScheduledRegisters(sequelize)).catch((err: unknown) => {
    logger.error({ error: safeError(err) }, 'protocol day-closure schedules not reconciled');
  });
  const app = createApp({ config, sequelize, temporal, logger });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.APP_PORT, config.APP_HOST, () => resolve(s));
    s.once('error', reject);
  });
  logger.info({ port: config.APP_PORT }, 'api listening');
  return {
    server,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      });
      await temporal.close();
      logger.info('api stopped');
    },
  };
}
