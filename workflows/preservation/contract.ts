/**
 * The preservation cycle's public contract: one workflow per submission package (PdV). Callers
 * (the signature cycle, the protocol's daily closure, the API) start it as a child or directly:
 *
 *   executeChild(PRESERVATION_WORKFLOW_TYPE, { workflowId: preservationWorkflowId(bodyId, submissionId), args: [input] })
 *
 * and get back the archival package (PdA) and its ingest receipt (rapporto di versamento).
 */
import { defineQuery } from '@temporalio/workflow';

export const PRESERVATION_WORKFLOW_TYPE = 'preservationSubmission';
export const PRESERVATION_AUDIT_WORKFLOW_TYPE = 'preservationAudit';

export function preservationWorkflowId(bodyId: string, submissionId: string): string {
  return `preservation:${bodyId}:${submissionId}`;
}

export function preservationAuditScheduleId(bodyId: string | null): string {
  return bodyId ? `preservation-audit:${bodyId}` : 'preservation-audit';
}

export interface PreservationItem {
  documentId: string;
  /** Metadata of the document class (required keys checked on ingest). */
  metadata: Record<string, string>;
}

export interface PreservationInput {
  bodyId: string;
  /** Idempotency: one submission per ID (derived by the caller, e.g. from its workflow ID). */
  submissionId: string;
  classCode: string;
  items: PreservationItem[];
  submittedBy: string | null;
  /** Where it comes from, for the index (e.g. the signature cycle's workflow ID). */
  source: string;
}

export interface PreservationResult {
  status: 'preserved' | 'rejected';
  packageId: string | null;
  /** The ingest receipt (rapporto di versamento) in the document store. */
  receiptDocumentId: string | null;
  rejection: { code: string; message: { it: string; en: string } } | null;
}

export const preservationStateQuery = defineQuery<{ status: string; packageId: string | null }>('preservationState');
