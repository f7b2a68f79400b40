/**
 * The mailing workflow's public contract (mass e-mail/PEC/SMS, newsletter): IDs, inputs, messages.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MailingAction, MailingChannel, MailingProgress, MailingState } from '../../domain/notify/mailing';

export const MAILING_WORKFLOW_TYPE = 'mailing';
export const MAILING_BATCH_WORKFLOW_TYPE = 'mailingBatch';

export function mailingWorkflowId(bodyId: string, mailingId: string): string {
  return `mailing:${bodyId}:${mailingId}`;
}

export interface MailingInput {
  bodyId: string;
  mailingId: string;
  channel: MailingChannel;
  /** Recipients per child workflow. */
  batchSize: number;
  /** Recipients per activity call. */
  chunkSize: number;
  /** Child workflows running at once. */
  parallelBatches: number;
  /** Messages per second for this mailing's channel (0: no limit). */
  ratePerSecond: number;
}

export interface MailingStatus {
  state: MailingState;
  progress: MailingProgress;
  allowedActions: MailingAction[];
}

export interface MailingActionRequest {
  /** The user asking. */
  by: string;
}

export interface BatchInput {
  bodyId: string;
  mailingId: string;
  index: number;
  from: number;
  to: number;
  chunkSize: number;
  ratePerSecond: number;
  parallelBatches: number;
  paused: boolean;
}

export interface BatchCounts {
  sent: number;
  failed: number;
  skipped: number;
}

export type BatchControl = 'pause' | 'resume' | 'cancel';

export type MailingWorkflow = (input: MailingInput) => Promise<MailingStatus>;

export const mailingStatusQuery = defineQuery<MailingStatus>('mailingStatus');
export const pauseMailingUpdate = defineUpdate<MailingStatus, [MailingActionRequest]>('pauseMailing');
export const resumeMailingUpdate = defineUpdate<MailingStatus, [MailingActionRequest]>('resumeMailing');
export const cancelMailingUpdate = defineUpdate<MailingStatus, [MailingActionRequest]>('cancelMailing');
/** Child → parent: the counts of a batch so far. */
export const batchProgressSignal = defineSignal<[{ index: number } & BatchCounts]>('batchProgress');
/** Parent → child: pause, resume or cancel the batch between chunks. */
export const batchControlSignal = defineSignal<[BatchControl]>('batchControl');
