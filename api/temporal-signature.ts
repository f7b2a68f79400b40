/**
 * Typed helpers for the signature and preservation workflows, over the client that
 * api/temporal-client.ts connects (this module imports no Temporal package itself). Refusals by a
 * workflow's validators or handlers become DomainErrors with their codes.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { DomainError, type ErrorCode } from '../domain/errors';
import { PRESERVATION_WORKFLOW_TYPE, preservationWorkflowId, type PreservationInput, type PreservationResult } from '../workflows/preservation/contract';
import {
  SIGNATURE_WORKFLOW_TYPE,
  cycleStateQuery,
  signerOpenedSignal,
  type SignatureCycleInput,
  type SignatureCycleState,
} from '../workflows/signature/contract';
import { BodyIdAttr, ProcedureKindAttr, StageAttr } from '../workflows/shared/search-attributes';
import type { TemporalGateway } from './temporal-client';

const codes = new Set<ErrorCode>(['ACTION_NOT_ALLOWED', 'VALIDATION_FAILED', 'SIGNER_NOT_FOUND', 'OTP_INVALID', 'OTP_EXPIRED', 'OTP_LOCKED', 'NO_PHONE']);

function failureCode(err: unknown): ErrorCode | null {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const type = (e as { type?: unknown }).type;
    if (typeof type === 'string' && codes.has(type as ErrorCode)) return type as ErrorCode;
  }
  return null;
}


export function signatureGateway(gw: TemporalGateway, taskQueue: string) {
  const handle = (workflowId: string) => gw.client.workflow.getHandle(workflowId);
  return {
    /** Starts the cycle's workflow; 'already' when a workflow with this ID exists (a retried start). */
    async startCycle(workflowId: string, input: SignatureCycleInput): Promise<'started' | 'already'> {
      try {
        await gw.client.workflow.start(SIGNATURE_WORKFLOW_TYPE, {
          workflowId,
          taskQueue,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: BodyIdAttr, value: input.bodyId },
            { key: ProcedureKindAttr, value: 'signature' },
            { key: StageAttr, value: 'FIRMA_RUNNING' },
          ],
          staticSummary: 'Processo di firma',
        });
        return 'started';
      } catch (err) {
        if ((err as { name?: unknown }).name === 'WorkflowExecutionAlreadyStartedError') return 'already';
        throw err;
      }
    },
    async state(workflowId: string): Promise<SignatureCycleState> {
      try {
        return await handle(workflowId).query(cycleStateQuery);
      } catch {
        throw new DomainError('SIGNATURE_CYCLE_NOT_FOUND');
      }
    },
    async opened(workflowId: string, signerId: string): Promise<void> {
      await handle(workflowId)
        .signal(signerOpenedSignal, { signerId })
        .catch(() => undefined);
    },
    async update<R, A>(workflowId: string, def: UpdateDefinition<R, [A]>, arg: A): Promise<R> {
      try {
        return await handle(workflowId).executeUpdate(def, { args: [arg] });
      } catch (err) {
        const code = failureCode(err);
        if (code) throw new DomainError(code);
        throw err;
      }
    },
    async preserve(input: PreservationInput): Promise<PreservationResult> {
      return gw.client.workflow.execute(PRESERVATION_WORKFLOW_TYPE, {
        workflowId: preservationWorkflowId(input.bodyId, input.submissionId),
        taskQueue,
        args: [input],
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
        typedSearchAttributes: [
          { key: BodyIdAttr, value: input.bodyId },
          { key: ProcedureKindAttr, value: 'preservation' },
        ],
      }) as Promise<PreservationResult>;
    },
  };
}

export type SignatureGateway = ReturnType<typeof signatureGateway>;
