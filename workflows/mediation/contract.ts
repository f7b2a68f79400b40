/**
 * The mediation workflow's public contract: IDs, task queue and messages. The API's temporal client
 * and the worker import these; nothing spells the strings elsewhere.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MediationStage } from '../../domain/mediation/stages';
import type { FilingInput } from '../../domain/mediation/matters';

export const PROCEDURES_TASK_QUEUE = 'procedures';
export const MEDIATION_WORKFLOW_TYPE = 'mediation';

/** Business key: the case UUID, itself derived from the body and the filing's idempotency key. */
export function mediationWorkflowId(bodyId: string, caseId: string): string {
  return `mediation:${bodyId}:${caseId}`;
}

export interface MediationInput {
  caseId: string;
  bodyId: string;
  /** User who filed (secretariat now, the online portal later). */
  filedBy: string;
  /** ISO instant of the filing (deposito); the case year is computed from it in Europe/Rome. */
  filedAt: string;
  filing: FilingInput;
}

export interface MediationState {
  stage: MediationStage;
  caseNumber: string | null;
  allowedActions: MediationAction[];
}

export type MediationAction = 'withdraw';

export interface Registration {
  caseNumber: string;
  year: number;
  number: number;
}

export interface WithdrawRequest {
  by: string;
  reason: string;
}

/** The workflow function's type, for typed starts by name from outside the bundle. */
export type MediationWorkflow = (input: MediationInput) => Promise<MediationState>;

export const stateQuery = defineQuery<MediationState>('state');
/** Resolves once the case has its register number (answers at once when it already has one). */
export const registrationUpdate = defineUpdate<Registration>('registration');
/** The applicant withdraws (rinuncia): the case is archived. */
export const withdrawUpdate = defineUpdate<MediationState, [WithdrawRequest]>('withdraw');
