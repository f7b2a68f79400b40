/**
 * One preservation submission (PdV → PdA + rapporto di versamento) and the periodic audit that a
 * Temporal Schedule runs. The work is in the activities (one idempotent ingest per submission);
 * the workflows record the outcome in history and in search attributes.
 */
import { proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createPreservationActivities } from '../../activities/preservation';
import { IntegrityAlertAttr, StageAttr } from '../shared/search-attributes';
import { preservationStateQuery, type PreservationInput, type PreservationResult } from './contract';

const preservation = proxyActivities<ReturnType<typeof createPreservationActivities>>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', backoffCoefficient: 2 },
});

export async function preservationSubmission(input: PreservationInput): Promise<PreservationResult> {
  let status = 'PDV_INVIATO';
  let packageId: string | null = null;
  setHandler(preservationStateQuery, () => ({ status, packageId }));
  upsertSearchAttributes([{ key: StageAttr, value: status }]);
  const result = await preservation.ingestSubmission(input);
  status = result.status === 'preserved' ? 'CONSERVATO' : 'RIFIUTATO';
  packageId = result.packageId;
  upsertSearchAttributes([{ key: StageAttr, value: status }]);
  return result;
}

export async function preservationAudit(input: { bodyId: string | null }): Promise<{ checked: number; failed: { packageId: string; problems: string[] }[]; proposedForDiscard: string[] }> {
  const result = await preservation.auditPackages({ bodyId: input.bodyId, auditRunId: workflowInfo().workflowId });
  // Operators find failed audits in the Web UI with `IntegrityAlert = true`.
  upsertSearchAttributes([
    { key: IntegrityAlertAttr, value: result.failed.length > 0 },
    { key: StageAttr, value: result.failed.length > 0 ? 'VERIFICA_ANOMALIE' : 'VERIFICA_OK' },
  ]);
  return result;
}
