import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from '../config';
import { safeError } from '../config/safe-error';
import { listScheduledRegisters } from '../db/repositories/protocol/registers';
import { createApp } from './app';
import { createCommunicationsGateway } from './communications-gateway';
import { ensurePecPollers } from './pec-pollers';
import { connectTemporal } from './temporal-client';

/** Starts the HTTP API; `stop()` stops accepting, lets requests finish, closes the Temporal client. */
export async function startApi(config: Config, logger: Logger, sequelize: Sequelize): Promise<{ server: Server; stop(): Promise<void> }> {
  const temporal = await connectTemporal(config);
  // The protocol registers' daily-closure Schedules, reconciled idempotently at every start.
  await temporal.ensureProtocolDaySchedules(await listScheduledRegisters(sequelize)).catch((err: unknown) => {
    logger.error({ error: safeError(err) }, 'protocol day-closure schedules not reconciled');
  });
  // Every body's PEC receipt poller, started (or woken) idempotently at every start.
  await ensurePecPollers(sequelize, createCommunicationsGateway(temporal, config.TEMPORAL_TASK_QUEUE), config.PEC_POLL_INTERVAL_SECONDS)
    .then((r) => {
      if (r.failed.length > 0) logger.error({ bodies: r.failed }, 'PEC receipt pollers not started');
    })
    .catch((err: unknown) => logger.error({ error: safeError(err) }, 'PEC receipt pollers not started'));
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
