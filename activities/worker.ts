/**
 * The Temporal worker: runs every procedure workflow and its activities on the procedures task queue.
 * `npm run worker` in production; `npm start` runs it in-process with the API.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Sequelize } from 'sequelize';
import type { Logger } from 'pino';
import { loadConfig, type Config } from '../config';
import { safeError } from '../config/safe-error';
import { connectDatabase } from '../db/connect';
import { migrate } from '../db/migrate';
import { createDataConverter } from '../temporal/data-converter';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { installTemporalRuntime } from '../temporal/logger';
import { createLogger } from '../config/logger';
import { createDocumentActivities } from './documents';
import { createNotifyActivities } from './notify';
import { createOccEconomicsActivities } from './occ/economics';
import { createProtocolActivities } from './protocol';
import { createRecordsActivities } from './records';
import { createPreservationActivities } from './preservation';
import { createSigningActivities } from './signing';
import { createOccActivities } from './occ';

export interface WorkerDeps {
  config: Config;
  sequelize: Sequelize;
  connection: NativeConnection;
  taskQueue?: string;
}

export function createActivities(deps: { sequelize: Sequelize; config: Config }) {
  return {
    ...createRecordsActivities(deps), ...createNotifyActivities(deps), ...createDocumentActivities(deps), ...createSigningActivities(deps),
    ...createPreservationActivities(deps), ...createProtocolActivities(deps), ...createOccActivities(deps), ...createOccEconomicsActivities(deps),
  };
}

export async function createWorker({ config, sequelize, connection, taskQueue }: WorkerDeps): Promise<Worker> {
  const workflowSource = config.WORKFLOW_BUNDLE_PATH
    ? { workflowBundle: { codePath: config.WORKFLOW_BUNDLE_PATH } }
    : { workflowsPath: require.resolve('../workflows') };
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: taskQueue ?? config.TEMPORAL_TASK_QUEUE,
    ...workflowSource,
    activities: createActivities({ sequelize, config }),
    dataConverter: createDataConverter(config.TEMPORAL_PAYLOAD_KEYS),
    shutdownGraceTime: '10 seconds',
  });
}

/** Runs a worker until SIGINT/SIGTERM, draining in-flight tasks before closing. */
export async function runWorker(config: Config, logger: Logger, sequelize: Sequelize): Promise<{ stop(): Promise<void>; done: Promise<void> }> {
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await createWorker({ config, sequelize, connection });
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker started');
  const done = worker.run().finally(() => connection.close());
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
      logger.info('worker stopped');
    },
  };
}

if (require.main === module) {
  const config = loadConfig();
  const logger = createLogger(config, 'worker');
  installTemporalRuntime(logger);
  const sequelize = connectDatabase(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  void (async () => {
    await migrate(sequelize);
    const w = await runWorker(config, logger, sequelize);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void w.stop());
    await w.done;
    await sequelize.close();
  })().catch((err: unknown) => {
    logger.fatal({ error: safeError(err) }, 'worker failed');
    process.exit(1);
  });
}
