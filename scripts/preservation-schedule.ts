import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { createDataConverter } from '../temporal/data-converter';
import { temporalConnectionOptions } from '../temporal/connection-options';
import { ensurePreservationAuditSchedule } from '../temporal/preservation-schedule';

/** Creates the archive audit schedule if missing (npm start; `npm run temporal:setup` in production would do the same). */
export async function ensureAuditSchedule(config: Config): Promise<void> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(config.TEMPORAL_PAYLOAD_KEYS) });
    await ensurePreservationAuditSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, every: config.PRESERVATION_AUDIT_EVERY });
  } finally {
    await connection.close();
  }
}
