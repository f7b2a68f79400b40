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

export interface PendingDesignation {
  id: string;
  seq: number;
  mediatorId: string;
  /** ISO instant: the end of the mediator's term to answer. */
  answerDueAt: string;
}

export interface MediationState {
  stage: MediationStage;
  caseNumber: string | null;
  /** The designated mediator (pending or accepted); null before designation or after a refusal. */
  mediatorId: string | null;
  /** The designation awaiting the mediator's answer. */
  designation: PendingDesignation | null;
  mediatorAccepted: boolean;
  /** Automatic re-designation found nobody: the secretariat must designate by hand. */
  designationBlocked: boolean;
  /** Mediators who refused or let the term pass, excluded from later designations. */
  excludedMediators: string[];
  allowedActions: MediationAction[];
}

export type MediationAction = 'withdraw' | 'designateMediator' | 'answerAppointment' | 'changeAnswerDeadline';

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

export interface DesignateRequest {
  by: string;
  criterion: 'rotation' | 'availability' | 'manual';
  /** Manual choice only. */
  mediatorId?: string;
  /** Manual choice only: why (e.g. the parties' concordant indication). */
  reason?: string;
}

export interface AppointmentAnswer {
  /** The mediator answering: must be the designated one. */
  by: string;
  accept: boolean;
  /** Accepting requires the declaration of independence and impartiality, as signed. */
  declaration?: { text: string; version: string; accepted: boolean };
  refusalReason?: string;
}

export interface AnswerDeadlineChange {
  by: string;
  /** ISO instant, in the future. */
  dueAt: string;
}

export const stateQuery = defineQuery<MediationState>('state');
/** Resolves once the case has its register number (answers at once when it already has one). */
export const registrationUpdate = defineUpdate<Registration>('registration');
/** The applicant withdraws (rinuncia): the case is archived. */
export const withdrawUpdate = defineUpdate<MediationState, [WithdrawRequest]>('withdraw');
/** The responsabile designates the mediator (by the body's criterion or by hand with a reason). */
export const designateMediatorUpdate = defineUpdate<MediationState, [DesignateRequest]>('designateMediator');
/** The designated mediator accepts (with the declaration) or refuses. */
export const answerAppointmentUpdate = defineUpdate<MediationState, [AppointmentAnswer]>('answerAppointment');
/** The secretariat moves the mediator's term to answer. */
export const changeAnswerDeadlineUpdate = defineUpdate<MediationState, [AnswerDeadlineChange]>('changeAnswerDeadline');
