/** Signature cycles for the body's staff (docs/api.md "Signature cycles", "Signature verification"). */
import type { SignerCandidate } from '@domain/signature/candidates';
import type { CycleFormat, CycleStatus, SignerRole, SignerStatus } from '@domain/signature/cycle';
import type { VerificationProblemCode, VerificationReport } from '@domain/signature/verification';
import { bodyPath, request, requestFile } from './http';

export type { SignerCandidate } from '@domain/signature/candidates';
export type { VerificationReport } from '@domain/signature/verification';

export interface SignatureBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface CycleSignerInput {
  id: string;
  givenName: string;
  surname: string;
  taxCode: string;
  email: string;
  phone: string | null;
  role: SignerRole;
  box: SignatureBox | null;
}

export interface CycleRequestBody {
  title: string;
  documentIds: string[];
  format: CycleFormat;
  signers: CycleSignerInput[];
  steps: string[][];
  verifyBetweenSteps: boolean;
  deadlineSeconds: number;
  reminderEverySeconds: number | null;
}

export interface CycleRow {
  id: string;
  workflowId: string;
  parentKind: string;
  parentId: string;
  seq: number;
  title: string;
  status: CycleStatus | 'starting';
  createdAt: string;
}

export interface SignerStateView {
  id: string;
  name: string;
  role: SignerRole;
  step: number;
  status: SignerStatus;
  method: 'own-device' | 'one-shot' | null;
  signedAt: string | null;
  refusalReason: string | null;
  rejectedUploads: { at: string; problems: VerificationProblemCode[] }[];
  actions: string[];
}

export interface CycleStateView {
  status: CycleStatus;
  currentStep: number;
  deadlineAt: string;
  signers: SignerStateView[];
  documents: { originalId: string; currentId: string | null }[];
  problems: VerificationProblemCode[];
  finalDocumentIds: string[];
  preservationWorkflowId: string | null;
  actions: string[];
}

export type CycleDetail = CycleRow & { state: CycleStateView };

export interface VerificationAnswer {
  id: string;
  reportDocumentId: string;
  report: VerificationReport;
  messages: Record<string, { it: string; en: string }>;
}

const cyclePath = (bodyId: string, cycleId: string) => bodyPath(bodyId, `/signature-cycles/${encodeURIComponent(cycleId)}`);

export async function listSignerCandidates(bodyId: string, caseId: string): Promise<SignerCandidate[]> {
  return (await request<{ items: SignerCandidate[] }>('GET', bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/signer-candidates`))).items;
}

export async function listCaseCycles(bodyId: string, caseId: string): Promise<CycleRow[]> {
  return (await request<{ items: CycleRow[] }>('GET', bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/signature-cycles`))).items;
}

/** Starts a cycle; the idempotency key makes a retry after a failure reuse the same cycle. */
export function startCaseCycle(bodyId: string, caseId: string, body: CycleRequestBody, idempotencyKey: string) {
  return request<{ id: string; workflowId: string; seq: number }>('POST', bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}/signature-cycles`), {
    body,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export const getCycle = (bodyId: string, cycleId: string) => request<CycleDetail>('GET', cyclePath(bodyId, cycleId));
export const cancelCycle = (bodyId: string, cycleId: string, reason: string) => request<CycleDetail>('POST', `${cyclePath(bodyId, cycleId)}/cancel`, { body: { reason } });
export const resendInvitation = (bodyId: string, cycleId: string, signerId: string) => request<CycleDetail>('POST', `${cyclePath(bodyId, cycleId)}/resend`, { body: { signerId } });
export const downloadCycleDocument = (bodyId: string, cycleId: string, documentId: string) => requestFile(`${cyclePath(bodyId, cycleId)}/documents/${encodeURIComponent(documentId)}/content`);

/** Verifies any signed file (raw body); the answer carries the report, its PDF is downloaded apart. */
export function verifySignedFile(bodyId: string, file: File): Promise<VerificationAnswer> {
  return request<VerificationAnswer>('POST', bodyPath(bodyId, '/signature-verifications'), { raw: file, headers: { 'X-Filename': encodeURIComponent(file.name) } });
}

export const downloadVerificationReport = (bodyId: string, verificationId: string) => requestFile(bodyPath(bodyId, `/signature-verifications/${encodeURIComponent(verificationId)}/report`));
