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
