/**
 * Registers one message of a protocol mailbox and then moves it to `sfera_msg_prot`: two activities,
 * each idempotent on the message key, so a worker killed between (or during) them resumes without a
 * second entry and without a second move.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createProtocolMailActivities } from '../../activities/protocol/mail';
import type { ProtocolMailInput, ProtocolMailResult } from './contract';

const mail = proxyActivities<ReturnType<typeof createProtocolMailActivities>>({
  // IMAP round trips plus one transaction: a dead worker is noticed within 15 s.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: ['VALIDATION_FAILED', 'CLASSIFICATION_UNKNOWN', 'REGISTER_NOT_FOUND', 'REGISTER_INACTIVE', 'MAIL_ACCOUNT_NOT_FOUND', 'MAIL_MESSAGE_NOT_FOUND', 'PROTOCOL_FILE_NOT_FOUND', 'PayloadKeyUnknown', 'PayloadDecryptionFailed'],
  },
});

export async function protocolMailRegistration(input: ProtocolMailInput): Promise<ProtocolMailResult> {
  const registered = await mail.registerMailMessage({ ...input, workflowId: workflowInfo().workflowId });
  const move = await mail.moveRegisteredMessage({
    bodyId: input.bodyId,
    accountId: input.accountId,
    uidValidity: input.uidValidity,
    uid: input.uid,
    messageId: registered.messageId,
  });
  return { ...registered, move };
}
