import type { Sequelize } from 'sequelize';
import { listBodiesWithPec } from '../db/repositories/communication-settings';
import type { CommunicationsGateway } from './communications-gateway';

/**
 * Starts the PEC receipt poller of every body with a PEC account (at API start), so receipts are
 * read even if no PEC is sent and no setting saved after a restart or an upgrade. Idempotent: one
 * workflow ID per body (signal-with-start wakes a running poller instead of starting another).
 * Returns the bodies it started or woke; one failing body does not stop the others.
 */
export async function ensurePecPollers(sequelize: Sequelize, gateway: CommunicationsGateway, intervalSeconds: number): Promise<{ started: string[]; failed: string[] }> {
  const started: string[] = [];
  const failed: string[] = [];
  for (const bodyId of await listBodiesWithPec(sequelize)) {
    try {
      await gateway.ensurePecPoller(bodyId, intervalSeconds);
      started.push(bodyId);
    } catch {
      failed.push(bodyId);
    }
  }
  return { started, failed };
}
