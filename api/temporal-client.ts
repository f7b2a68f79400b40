/**
 * The API's only door to Temporal: typed helpers that start, update and query procedure workflows.
 */
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import {
  Client,
  Connection,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Config } from '../config';
import { nameBasedId } from '../db/name-based-id';
import { DomainError, type ErrorCode } from '../domain/errors';
import { createDataConverter } from '../temporal/data-converter';
import { temporalConnectionOptions } from '../temporal/connection-options';
import {
  MEDIATION_WORKFLOW_TYPE,
  PROCEDURES_TASK_QUEUE,
  mediationWorkflowId,
  registrationUpdate,
  stateQuery,
  type MediationInput,
  type MediationState,
  type MediationWorkflow,
  type Registration,
} from '../workflows/mediation/contract';
import { BodyIdAttr, ProcedureKindAttr, StageAttr } from '../workflows/shared/search-attributes';

/** The case's UUID, derived from the body and the filing's idempotency key (a repeated request, same case). */
export function caseIdFor(bodyId: string, idempotencyKey: string): string {
  return nameBasedId('mediation', bodyId, idempotencyKey);
}

export interface FiledCase {
  caseId: string;
  workflowId: string;
  /** null when the worker has not registered the case within the wait. */
  registration: Registration | null;
}

/** Failure types the workflow's validators and handlers use, answered as such by the API. */
const actionErrorCodes = new Set<ErrorCode>([
  'ACTION_NOT_ALLOWED',
  'NOT_ASSIGNED_MEDIATOR',
  'DECLARATION_REQUIRED',
  'VALIDATION_FAILED',
  'NO_ELIGIBLE_MEDIATOR',
  'MEDIATOR_NOT_ELIGIBLE',
  'MANUAL_CHOICE_REASON_REQUIRED',
  'MEETING_OUTSIDE_LEGAL_WINDOW',
  'ROOM_ALREADY_BOOKED',
  'ROOM_NOT_FOUND',
  'MEETING_MOVE_NOT_ALLOWED',
  'EXTENSION_NOT_ALLOWED',
  'PROPOSAL_REPLY_TERM_TOO_SHORT',
  'LAWYER_REQUIRED',
]);

/** The refusal's code and field details (a handler's rule failure carries them as its first detail). */
function failureOf(err: unknown): DomainError | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const type = e instanceof ApplicationFailure ? e.type : null;
    if (type && actionErrorCodes.has(type as ErrorCode)) {
      const details = (e as ApplicationFailure).details?.[0];
      const fields = Array.isArray(details) ? (details as { path: string; code: string }[]).filter((f) => typeof f?.path === 'string' && typeof f?.code === 'string') : [];
      return new DomainError(type as ErrorCode, fields);
    }
  }
  return null;
}

export interface TemporalGateway {
  client: Client;
  startMediation(input: MediationInput, waitMs?: number): Promise<FiledCase>;
  /** Sends a user action to a mediation; a refusal by the workflow becomes a DomainError with its code. */
  updateMediation<Arg>(workflowId: string, update: UpdateDefinition<MediationState, [Arg]>, arg: Arg, updateId?: string): Promise<MediationState>;
  mediationState(workflowId: string): Promise<MediationState>;
  isUp(): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectTemporal(config: Config): Promise<TemporalGateway> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: createDataConverter(config.TEMPORAL_PAYLOAD_KEYS),
  });
  return createTemporalGateway(client, config.TEMPORAL_TASK_QUEUE);
}

export function createTemporalGateway(client: Client, taskQueue: string = PROCEDURES_TASK_QUEUE): TemporalGateway {
  return {
    client,

    async startMediation(input, waitMs = 10_000) {
      const workflowId = mediationWorkflowId(input.bodyId, input.caseId);
      const startOp = new WithStartWorkflowOperation<MediationWorkflow>(MEDIATION_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'mediation' },
          { key: StageAttr, value: 'DEPOSITATA' },
        ],
        staticSummary: 'Mediazione',
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      const update = client.workflow.executeUpdateWithStart(registrationUpdate, { startWorkflowOperation: startOp });
      try {
        const registration = await Promise.race([update, timeout]);
        if (registration === null) {
          update.catch(() => undefined);
          // The start is acknowledged before the update completes; make sure it happened.
          await Promise.race([startOp.workflowHandle(), new Promise((r) => setTimeout(r, 5_000))]);
        }
        return { caseId: input.caseId, workflowId, registration };
      } catch (err) {
        // A closed workflow with this ID: the same filing was already processed (and closed).
        if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowUpdateFailedError) {
          return { caseId: input.caseId, workflowId, registration: null };
        }
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },

    async updateMediation(workflowId, update, arg, updateId) {
      try {
        return await client.workflow.getHandle(workflowId).executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
      } catch (err) {
        throw failureOf(err) ?? err;
      }
    },

    mediationState(workflowId) {
      return client.workflow.getHandle(workflowId).query(stateQuery);
    },

    async isUp() {
      try {
        await client.connection.withDeadline(Date.now() + 3_000, () => client.connection.workflowService.getSystemInfo({}));
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      await client.connection.close();
    },
  };
}
