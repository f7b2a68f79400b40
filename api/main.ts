/** `npm run api`: the HTTP API as its own process (production). */
import { loadConfig } from '../config';
import { createLogger } from '../config/logger';
import { safeError } from '../config/safe-error';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { startApi } from './server';

const config = loadConfig();
const logger = createLogger(config, 'api');
const sequelize = connectDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX);

void (async () => {
  await migrate(sequelize);
  const api = await startApi(config, logger, sequelize);
  const shutdown = async () => {
    await api.stop();
    await sequelize.close();
    process.exit(0);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void shutdown());
})().catch((err: unknown) => {
  logger.fatal({ error: safeError(err) }, 'api failed to start');
  process.exit(1);
});
