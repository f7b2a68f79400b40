/**
 * Typed helpers for the overindebtedness workflow over the client api/temporal-client.ts connects:
 * start (update-with-start, joining an existing file for the same key), actions as Updates (a
 * refusal becomes a DomainError with its code and fields), the state Query. Clients address the
 * file by workflow ID only, so every call reaches the latest run after a continue-as-new.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, refusalOf, type TemporalGateway } from './temporal-client';
import { nameBasedId } from '../db/name-based-id';
import { DomainError, errorMessages, type ErrorCode } from '../domain/errors';
import { OCC_WORKFLOW_TYPE, occRegistrationUpdate, occStateQuery, occWorkflowId, type OccInput, type OccRegistration, type OccState, type OccWorkflow } from '../workflows/occ/contract';
import { BodyIdAttr, ProcedureKindAttr, StageAttr } from '../workflows/shared/search-attributes';

const codes = new Set<ErrorCode>([
  'ACTION_NOT_ALLOWED',
  'VALIDATION_FAILED',
  'NOT_ASSIGNED_CRISIS_MANAGER',
  'DECLARATION_REQUIRED',
  'NO_ELIGIBLE_CRISIS_MANAGER',
  'CRISIS_MANAGER_NOT_ELIGIBLE',
  'MANUAL_CHOICE_REASON_REQUIRED',
]);

/** Codes of the econ activities (fee quote, vote: `OCC_…`) pass through as they are. */
const refusal = (err: unknown) => refusalOf(err, (type) => codes.has(type as ErrorCode) || (type.startsWith('OCC_') && type in errorMessages));

/** The file's UUID, from the body and the request's idempotency key (a repeated request, same file). */
export function occCaseIdFor(bodyId: string, idempotencyKey: string): string {
  return nameBasedId('occ', bodyId, idempotencyKey);
}

export function occGateway(gw: TemporalGateway, taskQueue: string) {
  const client = gw.client;
  return {
    async start(input: OccInput, waitMs = 10_000): Promise<{ workflowId: string; registration: OccRegistration | null }> {
      const workflowId = occWorkflowId(input.bodyId, input.caseId);
      const startOp = new WithStartWorkflowOperation<OccWorkflow>(OCC_WORKFLOW_TYPE, {
        workflowId,
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: input.file.procedure },
          { key: StageAttr, value: 'ISTANZA_RICEVUTA' },
        ],
        staticSummary: 'Pratica di sovraindebitamento (OCC)',
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
      const update = client.workflow.executeUpdateWithStart(occRegistrationUpdate, { startWorkflowOperation: startOp });
      try {
        const registration = await Promise.race([update, timeout]);
        if (registration === null) update.catch(() => undefined);
        return { workflowId, registration };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError || err instanceof WorkflowUpdateFailedError) return { workflowId, registration: null };
        throw err;
      } finally {
        clearTimeout(timer);
      }
    },
    async update<A>(workflowId: string, def: UpdateDefinition<OccState, [A]>, arg: A, updateId?: string): Promise<OccState> {
      try {
        return await client.workflow.getHandle(workflowId).executeUpdate(def, { args: [arg], ...(updateId ? { updateId } : {}) });
      } catch (err) {
        // The file has ended (its last run completed): nothing is allowed any more.
        if ((err as Error).name === 'WorkflowNotFoundError') throw new DomainError('ACTION_NOT_ALLOWED');
        throw refusal(err) ?? err;
      }
    },
    state(workflowId: string): Promise<OccState> {
      return client.workflow.getHandle(workflowId).query(occStateQuery);
    },
  };
}

export type OccGateway = ReturnType<typeof occGateway>;
