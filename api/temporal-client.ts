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
import { DomainError, errorMessages, type ErrorCode } from '../domain/errors';
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
import { ensureProtocolDaySchedules, syncProtocolDaySchedule, type ScheduledRegister } from '../temporal/protocol-day-schedules';
import {
  PROTOCOL_DAY_WORKFLOW_TYPE,
  protocolDayWorkflowId,
  type ProtocolDayInput,
  type ProtocolDayResult,
  type ProtocolDayWorkflow,
} from '../workflows/protocol-day/contract';
import {
  PROTOCOL_MAIL_WORKFLOW_TYPE,
  protocolMailWorkflowId,
  type ProtocolMailInput,
  type ProtocolMailResult,
  type ProtocolMailWorkflow,
} from '../workflows/protocol-mail/contract';

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

/**
 * The refusal inside a failed Update or start: the first ApplicationFailure in the cause chain whose
 * type `isRefusal` accepts becomes a DomainError with its code and field details (a handler's rule
 * failure carries them as its first detail). Anything else is not a refusal (null).
 */
export function refusalOf(err: unknown, isRefusal: (type: string) => boolean): DomainError | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const type = e instanceof ApplicationFailure ? e.type : null;
    if (type && isRefusal(type)) {
      const details = (e as ApplicationFailure).details?.[0];
      const fields = Array.isArray(details) ? (details as { path: string; code: string }[]).filter((f) => typeof f?.path === 'string' && typeof f?.code === 'string') : [];
      return new DomainError(type as ErrorCode, fields);
    }
  }
  return null;
}

const failureOf = (err: unknown) => refusalOf(err, (type) => actionErrorCodes.has(type as ErrorCode));

/** The business failure of a mailbox registration (the activity's ApplicationFailure type), if any. */
function mailFailureCode(err: unknown): ErrorCode | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const type = e instanceof ApplicationFailure ? e.type : null;
    if (type && type in errorMessages) return type as ErrorCode;
  }
  return null;
}

export interface TemporalGateway {
  client: Client;
  startMediation(input: MediationInput, waitMs?: number): Promise<FiledCase>;
  /** Sends a user action to a mediation; a refusal by the workflow becomes a DomainError with its code. */
  updateMediation<Arg>(workflowId: string, update: UpdateDefinition<MediationState, [Arg]>, arg: Arg, updateId?: string): Promise<MediationState>;
  mediationState(workflowId: string): Promise<MediationState>;
  /**
   * Registers a protocol mailbox message (workflows/protocol-mail) and waits for it: the result, or
   * null when it is still running after `waitMs`. A second call for the same message joins the first.
   */
  registerMailMessage(input: ProtocolMailInput, waitMs?: number): Promise<{ workflowId: string; result: ProtocolMailResult | null }>;
  /** Closes a register's day (workflows/protocol-day) and waits for the outcome, or null after `waitMs`. */
  closeProtocolDay(input: ProtocolDayInput, waitMs?: number): Promise<{ workflowId: string; result: ProtocolDayResult | null }>;
  /** Creates, updates or deletes a register's daily-closure Schedule. */
  syncProtocolDaySchedule(register: ScheduledRegister): Promise<string>;
  ensureProtocolDaySchedules(registers: readonly ScheduledRegister[]): Promise<Record<string, string>>;
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

    async closeProtocolDay(input, waitMs = 15_000) {
      const workflowId = protocolDayWorkflowId(input.bodyId, input.registerId, input.day);
      const handle = await client.workflow.start<ProtocolDayWorkflow>(PROTOCOL_DAY_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [input],
        // A closure running for that day is joined; a failed or finished one may be run again (it skips a preserved day).
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'protocol_day' },
        ],
        staticSummary: 'Chiusura giornaliera del registro di protocollo',
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      try {
        return { workflowId, result: await Promise.race([handle.result(), timeout]) };
      } finally {
        clearTimeout(timer);
      }
    },

    syncProtocolDaySchedule(register) {
      return syncProtocolDaySchedule(client, taskQueue, register);
    },

    ensureProtocolDaySchedules(registers) {
      return ensureProtocolDaySchedules(client, taskQueue, registers);
    },

    async registerMailMessage(input, waitMs = 20_000) {
      const workflowId = protocolMailWorkflowId(input.bodyId, input.accountId, input.uidValidity, input.uid);
      let handle;
      try {
        handle = await client.workflow.start<ProtocolMailWorkflow>(PROTOCOL_MAIL_WORKFLOW_TYPE, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          // A failed attempt (e.g. an unknown classification) may be tried again; a completed one stands.
          workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
          typedSearchAttributes: [
            { key: BodyIdAttr, value: input.bodyId },
            { key: ProcedureKindAttr, value: 'protocol_mail' },
          ],
          staticSummary: 'Protocollazione da casella di posta',
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        handle = client.workflow.getHandle<ProtocolMailWorkflow>(workflowId);
      }
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      try {
        const result = await Promise.race([handle.result(), timeout]);
        return { workflowId, result };
      } catch (err) {
        const code = mailFailureCode(err);
        if (code) throw new DomainError(code);
        throw err;
      } finally {
        clearTimeout(timer);
      }
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

/** For the per-procedure gateways beside this module (api/temporal-occ.ts). */
export { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError } from '@temporalio/client';
