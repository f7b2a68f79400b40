/**
 * The signature cycle's public contract. A procedure starts a cycle as a child workflow:
 *
 *   const result = await executeChild(SIGNATURE_WORKFLOW_TYPE, {
 *     workflowId: signatureWorkflowId(workflowInfo().workflowId, n),   // n = 1, 2, … per parent
 *     args: [input],                                                    // SignatureCycleInput
 *   }) as SignatureCycleResult;
 *
 * and learns the outcome from the result (status, final document IDs, preservation package); while
 * it runs, `cycleStateQuery` gives every signer's status. The API starts standalone cycles the same
 * way (api/temporal-client.ts `startSignatureCycle`). Payloads carry document IDs, never bytes.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CycleAction, CycleFormat, CycleStatus, SignerAction, SignerRole, SignerStatus, SignatureBoxInput, SigningMethod } from '../../domain/signature/cycle';
import type { VerificationProblemCode } from '../../domain/signature/verification';

export const SIGNATURE_WORKFLOW_TYPE = 'signatureCycle';

/** Business key: `signature:<parent id>:<n>`; the parent is a procedure's workflow ID or `standalone:<bodyId>`. */
export function signatureWorkflowId(parentId: string, n: number): string {
  return `signature:${parentId}:${n}`;
}

export interface CycleSigner {
  id: string;
  givenName: string;
  surname: string;
  taxCode: string;
  email: string;
  phone?: string | null;
  role: SignerRole;
  box?: SignatureBoxInput | null;
  /** Only this way of signing (the procedure or the secretariat decided); absent/null: the signer chooses. */
  method?: SigningMethod | null;
}

export interface SignatureCycleInput {
  cycleId: string;
  bodyId: string;
  parent: { kind: 'case' | 'procedure' | 'standalone'; id: string };
  title: string;
  documentIds: string[];
  format: CycleFormat;
  signers: CycleSigner[];
  steps: string[][];
  verifyBetweenSteps: boolean;
  deadlineSeconds: number;
  reminderEverySeconds?: number | null;
  oneShotCertificateMinutes: number;
  preservation?: { classCode: string; metadata: Record<string, string> } | null;
  /** The user who started it (null when a procedure did). */
  createdBy: string | null;
}

export interface SignerState {
  id: string;
  name: string;
  role: SignerRole;
  step: number;
  status: SignerStatus;
  method: 'own-device' | 'one-shot' | null;
  signedAt: string | null;
  refusalReason: string | null;
  /** Rejected uploads, newest last: what was wrong with each. */
  rejectedUploads: { at: string; problems: VerificationProblemCode[] }[];
  actions: SignerAction[];
}

export interface CycleDocumentState {
  /** The document as sent. */
  originalId: string;
  /** The latest signed version (PAdES) or envelope (CAdES); null before the first signature of a CAdES cycle. */
  currentId: string | null;
}

export interface SignatureCycleState {
  status: CycleStatus;
  currentStep: number;
  deadlineAt: string;
  signers: SignerState[];
  documents: CycleDocumentState[];
  /** Problems found by the verification between steps or at the end. */
  problems: VerificationProblemCode[];
  finalDocumentIds: string[];
  preservationWorkflowId: string | null;
  actions: CycleAction[];
}

export type SignatureCycleResult = SignatureCycleState;

export interface UploadRequest {
  signerId: string;
  documentIndex: number;
  /** The uploaded file, already saved in the document store (owner `signature`/cycleId, category `upload`). */
  uploadDocumentId: string;
}

export interface UploadOutcome {
  accepted: boolean;
  problems: VerificationProblemCode[];
  /** The stored verification report of the upload. */
  reportDocumentId: string | null;
  state: SignatureCycleState;
}

export interface CodeRequest {
  signerId: string;
  channel: 'email' | 'sms';
}

export interface CodeSent {
  channel: 'email' | 'sms';
  destination: string;
  expiresAt: string;
}

export interface OneShotRequest {
  signerId: string;
  code: string;
}

export const cycleStateQuery = defineQuery<SignatureCycleState>('cycleState');
/** The signer opened the personal link (the API signals it on the first download or page view). */
export const signerOpenedSignal = defineSignal<[{ signerId: string }]>('signerOpened');
export const uploadSignedUpdate = defineUpdate<UploadOutcome, [UploadRequest]>('uploadSigned');
export const requestCodeUpdate = defineUpdate<CodeSent, [CodeRequest]>('requestCode');
export const oneShotSignUpdate = defineUpdate<SignatureCycleState, [OneShotRequest]>('oneShotSign');
export const refuseUpdate = defineUpdate<SignatureCycleState, [{ signerId: string; reason: string }]>('refuse');
export const cancelCycleUpdate = defineUpdate<SignatureCycleState, [{ by: string; reason: string }]>('cancelCycle');
export const resendInvitationUpdate = defineUpdate<SignatureCycleState, [{ by: string; signerId: string }]>('resendInvitation');
