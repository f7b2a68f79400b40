/**
 * Contracts of the notification workflows: the PEC receipt signal any sending workflow may handle
 * (the mediation workflow included), the single-notification workflow and the PEC receipt poller.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { MessageStatus } from '../../domain/notify/channels';
import type { PecReceiptKind } from '../../domain/notify/pec';
import type { NotifyInput } from '../../activities/notify/notify';

/** A PEC receipt read from the body's mailbox, sent to the workflow recorded on the message (outbox.workflow_id). */
export interface PecReceiptEvent {
  outboxId: string;
  receiptId: string;
  kind: PecReceiptKind;
  /** The message's status after the receipt. */
  status: MessageStatus;
  /** The recipient the receipt is about ('' for acceptance). */
  recipient: string;
  /** Legal timestamp given by the provider. */
  eventAt: string | null;
  /** The original receipt (.eml) in the document store: the legal proof. */
  documentId: string;
}
export const pecReceiptSignal = defineSignal<[PecReceiptEvent]>('pecReceipt');

export const NOTIFICATION_WORKFLOW_TYPE = 'notification';
export const notificationWorkflowId = (bodyId: string, key: string) => `notification:${bodyId}:${key}`;

export interface NotificationInput {
  message: NotifyInput;
  /** PEC only: where the registered letter goes if the PEC is not delivered. */
  fallbackPostalAddress?: string | null;
  /** PEC only: how long to wait for the delivery receipt before treating it as not delivered (24 h by law). */
  receiptTimeoutSeconds?: number;
}

export interface NotificationState {
  outboxId: string | null;
  status: string;
  receipts: PecReceiptKind[];
  /** The registered letter's outbox ID when a PEC was not delivered. */
  fallbackOutboxId: string | null;
  secretariatAlerted: boolean;
}
export const notificationStateQuery = defineQuery<NotificationState>('notificationState');

export const PEC_POLLER_WORKFLOW_TYPE = 'pecReceiptPoller';
export const pecPollerWorkflowId = (bodyId: string) => `pec-receipts:${bodyId}`;
export interface PecPollerInput {
  bodyId: string;
  intervalSeconds: number;
}
/** Wakes the poller at once (after sending a PEC, or from a test). */
export const pollNowSignal = defineSignal('pollNow');
