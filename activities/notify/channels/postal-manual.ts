import type { ChannelAdapter } from './types';

/**
 * Registered mail, priority mail and fax by hand: the message is recorded as a task (`recorded`) on
 * the "Posta e fax" page; the operator records the posting (date, tracking number, cost, scan) and
 * the return receipt (date, delivered or not, scan): recorded → posted → delivered | returned
 * (db/repositories/postal-dispatches.ts). A provider with an API would implement the same interface.
 */
export function createManualPostalAdapter(): ChannelAdapter {
  return {
    provider: 'manual',
    submit: async () => ({ status: 'recorded', provider: 'manual', detail: { task: 'post_by_hand' } }),
    // Nothing leaves automatically, so nothing can have left twice.
    wasAccepted: async () => false,
  };
}
