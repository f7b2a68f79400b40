import type { ChannelAdapter } from './types';

/**
 * The embedded default for SMS (`npm start`, SMS_PROVIDER=record): the message is kept in the outbox
 * with status `recorded` and shown as such in the UI; nothing is sent.
 */
export function createRecordOnlySmsAdapter(): ChannelAdapter {
  return {
    provider: 'record-only',
    submit: async (m) => ({ status: 'recorded', provider: 'record-only', detail: { length: m.text.length } }),
    wasAccepted: async () => false,
  };
}
