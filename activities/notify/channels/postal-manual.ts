import type { ChannelAdapter } from './types';

/**
 * Registered mail, priority mail and fax by hand: the message becomes a task on the "Spedizioni
 * postali" page; the operator records the posting (date, tracking number) and, for registered mail,
 * the return receipt (date and scanned receipt). A provider with an API would implement the same
 * interface and answer `sent` at once.
 */
export function createManualPostalAdapter(): ChannelAdapter {
  return {
    provider: 'manual',
    submit: async () => ({ status: 'pending', provider: 'manual', detail: { task: 'post_by_hand' } }),
    // Nothing leaves automatically, so nothing can have left twice.
    wasAccepted: async () => false,
  };
}
