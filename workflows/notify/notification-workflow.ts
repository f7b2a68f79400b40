/**
 * One message through the notification service, followed to its outcome. For a PEC it waits for the
 * receipts (signalled by the receipt poller): acceptance, then delivery; on non-acceptance,
 * non-delivery, or no delivery receipt within the term (24 h by law), it diverts: a registered
 * letter with return receipt (manual postal provider: a task for the secretariat) when a postal
 * address is known, and an alert e-mail to the secretariat.
 */
import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createNotifyActivities } from '../../activities/notify';
import { isNonDelivery, type PecReceiptKind } from '../../domain/notify/pec';
import { notificationStateQuery, pecReceiptSignal, type NotificationInput, type NotificationState } from './contract';

const acts = proxyActivities<ReturnType<typeof createNotifyActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: {
    initialInterval: '5 seconds',
    maximumInterval: '10 minutes',
    backoffCoefficient: 2,
    nonRetryableErrorTypes: ['MESSAGE_REJECTED', 'INVALID_RECIPIENT', 'RECIPIENT_NOT_FOUND', 'RECIPIENT_HAS_NO_ADDRESS', 'PEC_NOT_CONFIGURED', 'UNKNOWN_BODY', 'VALIDATION_FAILED', 'ATTACHMENT_NOT_FOUND'],
  },
});

export async function notification(input: NotificationInput): Promise<NotificationState> {
  const { workflowId } = workflowInfo();
  const state: NotificationState = { outboxId: null, status: 'pending', receipts: [], fallbackOutboxId: null, secretariatAlerted: false };
  let outcome = null as PecReceiptKind | 'timeout' | null;
  setHandler(notificationStateQuery, () => state);
  setHandler(pecReceiptSignal, (e) => {
    if (state.outboxId !== null && e.outboxId !== state.outboxId) return;
    state.receipts.push(e.kind);
    state.status = e.status;
    if (e.kind === 'avvenuta-consegna' || isNonDelivery(e.kind)) outcome ??= e.kind;
  });

  const sent = await acts.notify({ ...input.message, workflowId });
  state.outboxId = sent.outboxId;
  // Receipts may have arrived before the send returned (a replayed signal): keep the newer status.
  if (state.receipts.length === 0) state.status = sent.status;
  if (input.message.channel !== 'pec') return state;

  const delivered = await condition(() => outcome !== null, (input.receiptTimeoutSeconds ?? 24 * 3600) * 1000);
  if (!delivered) outcome = 'timeout';
  if (outcome === 'avvenuta-consegna') return state;

  if (input.fallbackPostalAddress) {
    const letter = await acts.notify({
      ...input.message,
      channel: 'registered_mail',
      recipient: { address: input.fallbackPostalAddress, name: sent.address },
      attachments: input.message.attachments ?? [],
      idempotencyKey: `${input.message.idempotencyKey}:fallback-registered-mail`,
      workflowId,
    });
    state.fallbackOutboxId = letter.outboxId;
  }
  await acts.alertPecNotDelivered({ bodyId: input.message.bodyId, outboxId: sent.outboxId, kind: outcome! });
  state.secretariatAlerted = true;
  return state;
}
