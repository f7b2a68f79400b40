/**
 * A worker process that kills itself (SIGKILL) at a chosen point of the mailbox registration, to test
 * crash recovery. CRASH_AT = `after-register` (the entry is committed, the activity never completes),
 * `before-move` (the move activity starts and dies first), `after-move` (the IMAP MOVE is done, the
 * activity never completes). Run with tsx; configuration from the environment like `npm run worker`.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/worker';
import { loadConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { createDataConverter } from '../../temporal/data-converter';

const crashAt = process.env.CRASH_AT;
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

void (async () => {
  const config = loadConfig();
  const sequelize = connectDatabase(config.DATABASE_URL, 2);
  const activities = createActivities({ sequelize, config });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../../workflows'),
    dataConverter: createDataConverter(config.TEMPORAL_PAYLOAD_KEYS),
    activities: {
      ...activities,
      async registerMailMessage(input: Parameters<typeof activities.registerMailMessage>[0]) {
        const result = await activities.registerMailMessage(input);
        if (crashAt === 'after-register') die();
        return result;
      },
      async moveRegisteredMessage(input: Parameters<typeof activities.moveRegisteredMessage>[0]) {
        if (crashAt === 'before-move') die();
        const result = await activities.moveRegisteredMessage(input);
        if (crashAt === 'after-move') die();
        return result;
      },
    },
  });
  await worker.run();
})();
