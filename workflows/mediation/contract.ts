/**
 * The mediation workflow's public contract: IDs, task queue and messages. The API's temporal client
 * and the worker import these; nothing spells the strings elsewhere.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { FilingInput } from '../../domain/mediation/matters';
import type {
  AnswerProposalBody,
  AppointExpertBody,
  ConveneBody,
  DepositMinutesBody,
  ExtendDurationBody,
  HoldMeetingBody,
  MakeProposalBody,
  MoveMeetingBody,
  RecordOutcomeBody,
  ScheduleMeetingBody,
  SignMinutesBody,
} from '../../domain/views/mediation-actions';
import type { MediationState } from '../../domain/views/mediation-state';

// The state and the action bodies are API views shared with the web UI (domain/views/).
export type { MeetingPlan } from '../../domain/views/mediation-actions';
export type {
  ExpertState,
  InvitedPartyState,
  MediationAction,
  ConvocationDelivery,
  MediationState,
  MeetingState,
  MinutesSignatureState,
  PendingDesignation,
  ProposalState,
} from '../../domain/views/mediation-state';

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

export interface ConveneRequest extends ConveneBody {
  by: string;
}

export interface AdhesionAnswer {
  /** Position of the invited party in the filing. */
  position: number;
  adhere: boolean;
  /** The lawyer assisting the party (required to adhere where assistance is mandatory). */
  lawyer?: { firstName: string; lastName: string; taxCode: string; pec: string } | null;
  refusalReason?: string | null;
  /** Documents attached to the adhesion (IDs in the document store). */
  documentIds?: string[];
}

export interface ScheduleMeetingRequest extends ScheduleMeetingBody {
  by: string;
}

export interface MoveMeetingRequest extends MoveMeetingBody {
  by: string;
}

export interface HoldMeetingRequest extends HoldMeetingBody {
  by: string;
}

export interface AppointExpertRequest extends AppointExpertBody {
  by: string;
}

export interface ProposalRequest extends MakeProposalBody {
  by: string;
}

export interface ProposalAnswer extends AnswerProposalBody {
  by: string;
}

export interface ExtensionRequest extends ExtendDurationBody {
  by: string;
}

export interface OutcomeRequest extends RecordOutcomeBody {
  by: string;
}

export interface DepositMinutesRequest extends DepositMinutesBody {
  by: string;
}

/** The secretariat convenes the parties: first meeting fixed, personal adhesion codes sent. */
export const conveneUpdate = defineUpdate<MediationState, [ConveneRequest]>('convene');
/** An invited party adheres or refuses (through the public link, checked by the API). */
export const answerAdhesionUpdate = defineUpdate<MediationState, [AdhesionAnswer]>('answerAdhesion');
export const scheduleMeetingUpdate = defineUpdate<MediationState, [ScheduleMeetingRequest]>('scheduleMeeting');
export const moveMeetingUpdate = defineUpdate<MediationState, [MoveMeetingRequest]>('moveMeeting');
/** The mediator records that a meeting took place, with the attendance. */
export const holdMeetingUpdate = defineUpdate<MediationState, [HoldMeetingRequest]>('holdMeeting');
export const appointExpertUpdate = defineUpdate<MediationState, [AppointExpertRequest]>('appointExpert');
export const makeProposalUpdate = defineUpdate<MediationState, [ProposalRequest]>('makeProposal');
/** The secretariat records a party's written reply to the proposal. */
export const answerProposalUpdate = defineUpdate<MediationState, [ProposalAnswer]>('answerProposal');
export const extendDurationUpdate = defineUpdate<MediationState, [ExtensionRequest]>('extendDuration');
/** The mediator records how the procedure ends; the minutes are produced. */
export const recordOutcomeUpdate = defineUpdate<MediationState, [OutcomeRequest]>('recordOutcome');
/** The signed minutes are deposited with the secretariat: the procedure is concluded. */
export const depositMinutesUpdate = defineUpdate<MediationState, [DepositMinutesRequest]>('depositMinutes');

export interface SignMinutesRequest extends SignMinutesBody {
  by: string;
}

/** The secretariat starts (or restarts) the digital signature of the minutes: a signature cycle as a child workflow. */
export const signMinutesUpdate = defineUpdate<MediationState, [SignMinutesRequest]>('signMinutes');
