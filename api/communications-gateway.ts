/**
 * The communications part of the API's door to Temporal (mailings, notifications, the PEC receipt
 * poller). It uses the client of api/temporal-client.ts (the only connection) and the workflow
 * contracts; a refusal by a workflow validator becomes a DomainError with its code.
 */
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type ErrorCode } from '../domain/errors';
import {
  MAILING_WORKFLOW_TYPE,
  mailingStatusQuery,
  mailingWorkflowId,
  type MailingActionRequest,
  type MailingInput,
  type MailingStatus,
} from '../workflows/mailing/contract';
import { cancelMailingUpdate, pauseMailingUpdate, resumeMailingUpdate } from '../workflows/mailing/contract';
import { BodyIdAttr, ProcedureKindAttr } from '../workflows/shared/search-attributes';
import {
  NOTIFICATION_WORKFLOW_TYPE,
  PEC_POLLER_WORKFLOW_TYPE,
  notificationWorkflowId,
  pecPollerWorkflowId,
  pollNowSignal,
  type NotificationInput,
} from '../workflows/notify/contract';
import type { TemporalGateway } from './temporal-client';

const refusalCodes = new Set<ErrorCode>(['ACTION_NOT_ALLOWED', 'VALIDATION_FAILED']);

function refusal(err: unknown): ErrorCode | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure && e.type && refusalCodes.has(e.type as ErrorCode)) return e.type as ErrorCode;
  }
  return null;
}

export type MailingAction = 'pause' | 'resume' | 'cancel';
const updates = { pause: pauseMailingUpdate, resume: resumeMailingUpdate, cancel: cancelMailingUpdate } as const;

export interface CommunicationsGateway {
  startMailing(input: MailingInput): Promise<string>;
  mailingStatus(bodyId: string, mailingId: string): Promise<MailingStatus | null>;
  mailingAction(bodyId: string, mailingId: string, action: MailingAction, request: MailingActionRequest, updateId?: string): Promise<MailingStatus>;
  /** Starts (once per key) the workflow that sends one message and follows it to its outcome. */
  startNotification(input: NotificationInput, key: string): Promise<string>;
  /** Starts the body's PEC receipt poller if it is not running, and wakes it. */
  ensurePecPoller(bodyId: string, intervalSeconds: number): Promise<void>;
}

export function createCommunicationsGateway(temporal: TemporalGateway, taskQueue: string): CommunicationsGateway {
  const client = temporal.client;
  return {
    async startMailing(input) {
      const workflowId = mailingWorkflowId(input.bodyId, input.mailingId);
      await client.workflow.start(MAILING_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'mailing' },
        ],
        staticSummary: 'Spedizione massiva',
      });
      return workflowId;
    },

    async mailingStatus(bodyId, mailingId) {
      try {
        return await client.workflow.getHandle(mailingWorkflowId(bodyId, mailingId)).query(mailingStatusQuery);
      } catch {
        return null; // no worker to answer, or the workflow is gone: the caller reads the outbox
      }
    },

    async startNotification(input, key) {
      const workflowId = notificationWorkflowId(input.message.bodyId, key);
      await client.workflow.start(NOTIFICATION_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.message.bodyId },
          { key: ProcedureKindAttr, value: 'notification' },
        ],
      }).catch((err: unknown) => {
        if ((err as { name?: string }).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
      });
      return workflowId;
    },

    async ensurePecPoller(bodyId, intervalSeconds) {
      await client.workflow.signalWithStart(PEC_POLLER_WORKFLOW_TYPE, {
        workflowId: pecPollerWorkflowId(bodyId),
        taskQueue,
        args: [{ bodyId, intervalSeconds }],
        signal: pollNowSignal,
        signalArgs: [],
        typedSearchAttributes: [
          { key: BodyIdAttr, value: bodyId },
          { key: ProcedureKindAttr, value: 'pec-receipts' },
        ],
      });
    },

    async mailingAction(bodyId, mailingId, action, request, updateId) {
      try {
        return await client.workflow
          .getHandle(mailingWorkflowId(bodyId, mailingId))
          .executeUpdate(updates[action], { args: [request], ...(updateId ? { updateId } : {}) });
      } catch (err) {
        const code = refusal(err);
        if (code) throw new DomainError(code);
        // The workflow has finished: nothing left to pause, resume or cancel.
        if ((err as { name?: string }).name === 'WorkflowNotFoundError') throw new DomainError('ACTION_NOT_ALLOWED');
        throw err;
      }
    },
  };
}
