/**
 * Daily closure of a protocol register (registro giornaliero, ProtoSFERA P3): produce the day's
 * register (PDF + XML), seal the PDF with the body's certificate, send both to preservation (child
 * workflow), record every outcome for the control panel; on failure record it and alert the
 * protocol managers. `protocolDayScheduled` is what each register's Schedule runs in the afternoon:
 * it closes every day not yet closed up to yesterday (an empty day still gets its empty register).
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ApplicationFailure, executeChild, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createDayClosureActivities } from '../../activities/protocol/day-closure';
import type { createSigningActivities } from '../../activities/signing';
import { PRESERVATION_WORKFLOW_TYPE, preservationWorkflowId, type PreservationInput, type PreservationResult } from '../preservation/contract';
import { BodyIdAttr, ProcedureKindAttr, StageAttr } from '../shared/search-attributes';
import { DAILY_REGISTER_CLASS, PROTOCOL_DAY_WORKFLOW_TYPE, protocolDayWorkflowId, type ProtocolDayInput, type ProtocolDayResult, type ProtocolDayWorkflow } from './contract';

const closure = proxyActivities<ReturnType<typeof createDayClosureActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', backoffCoefficient: 2, maximumAttempts: 10, nonRetryableErrorTypes: ['REGISTER_NOT_FOUND', 'DAY_NOT_OVER'] },
});

const signing = proxyActivities<ReturnType<typeof createSigningActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** The code of the innermost business failure (e.g. NOT_A_PDF), else one for the step that failed (SEAL_FAILED). */
function failureCode(err: unknown, step: string): string {
  let code: string | undefined;
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ApplicationFailure && e.type && /^[A-Z][A-Z0-9_]+$/.test(e.type)) code = e.type;
  }
  return code ?? `${step}_FAILED`;
}

export async function protocolDayClosure(input: ProtocolDayInput): Promise<ProtocolDayResult> {
  const { workflowId } = workflowInfo();
  const result = (over: Partial<ProtocolDayResult>): ProtocolDayResult => ({
    day: input.day, status: 'failed', closureId: null, alreadyClosed: false, entryCount: 0, sealedDocumentId: null, packageId: null, errorCode: null, ...over,
  });
  let step = 'REGISTER';
  let prepared;
  try {
    prepared = await closure.prepareDailyRegister({ ...input, workflowId, generatedAt: new Date().toISOString() });
  } catch (err) {
    // Nothing recorded yet (e.g. the day is not over): the caller sees the failure.
    return result({ errorCode: failureCode(err, step) });
  }
  if (prepared.alreadyPreserved) return result({ status: 'preserved', closureId: prepared.closureId, alreadyClosed: true, entryCount: prepared.entryCount });
  try {
    step = 'SEAL';
    upsertSearchAttributes([{ key: StageAttr, value: 'SIGILLO' }]);
    const sealed = await signing.sealPdf({ bodyId: input.bodyId, documentId: prepared.pdfDocumentId, reason: `Registro giornaliero di protocollo ${prepared.registerCode} del ${input.day}` });
    await closure.recordDayClosure({ bodyId: input.bodyId, closureId: prepared.closureId, status: 'sealed', workflowId, sealedDocumentId: sealed.documentId });

    step = 'PRESERVATION';
    upsertSearchAttributes([{ key: StageAttr, value: 'VERSAMENTO' }]);
    const metadata = {
      oggetto: `Registro giornaliero di protocollo ${prepared.registerCode} del ${input.day}`,
      data_documento: input.day,
      data_registro: input.day,
      primo_numero: String(prepared.firstNumber ?? 0),
      ultimo_numero: String(prepared.lastNumber ?? 0),
      registro: prepared.registerCode,
    };
    const submissionId = `protocol-day:${input.registerId}:${input.day}:${prepared.attempt}`;
    const preserved = await executeChild<(i: PreservationInput) => Promise<PreservationResult>>(PRESERVATION_WORKFLOW_TYPE, {
      workflowId: preservationWorkflowId(input.bodyId, submissionId),
      args: [{
        bodyId: input.bodyId, submissionId, classCode: DAILY_REGISTER_CLASS, submittedBy: input.by, source: workflowId,
        items: [{ documentId: sealed.documentId, metadata }, { documentId: prepared.xmlDocumentId, metadata }],
      }],
    });
    if (preserved.status !== 'preserved') throw ApplicationFailure.nonRetryable('preservation rejected the daily register', preserved.rejection?.code ?? 'PRESERVATION_REJECTED');
    await closure.recordDayClosure({ bodyId: input.bodyId, closureId: prepared.closureId, status: 'preserved', workflowId, preservationId: preserved.packageId });
    upsertSearchAttributes([{ key: StageAttr, value: 'CONSERVATO' }]);
    return result({ status: 'preserved', closureId: prepared.closureId, entryCount: prepared.entryCount, sealedDocumentId: sealed.documentId, packageId: preserved.packageId });
  } catch (err) {
    const errorCode = failureCode(err, step);
    await closure.recordDayClosure({ bodyId: input.bodyId, closureId: prepared.closureId, status: 'failed', workflowId, errorCode });
    upsertSearchAttributes([{ key: StageAttr, value: 'ERRORE' }]);
    await closure.alertDayClosureFailed({ bodyId: input.bodyId, registerId: input.registerId, registerCode: prepared.registerCode, day: input.day, errorCode, workflowId });
    return result({ closureId: prepared.closureId, entryCount: prepared.entryCount, errorCode });
  }
}

export async function protocolDayScheduled(input: { bodyId: string; registerId: string }): Promise<ProtocolDayResult[]> {
  const days = await closure.daysToClose(input);
  const results: ProtocolDayResult[] = [];
  for (const day of days) {
    try {
      results.push(
        await executeChild<ProtocolDayWorkflow>(PROTOCOL_DAY_WORKFLOW_TYPE, {
          workflowId: protocolDayWorkflowId(input.bodyId, input.registerId, day),
          args: [{ ...input, day, trigger: 'schedule', by: null }],
          workflowIdReusePolicy: 'ALLOW_DUPLICATE',
          typedSearchAttributes: [{ key: BodyIdAttr, value: input.bodyId }, { key: ProcedureKindAttr, value: 'protocol_day' }],
        }),
      );
    } catch (err) {
      // The manager is closing that day right now: that run records the outcome.
      if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
      throw err;
    }
  }
  return results;
}
