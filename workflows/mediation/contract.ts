/**
 * The mediation workflow's public contract: IDs, task queue and messages. The API's temporal client
 * and the worker import these; nothing spells the strings elsewhere.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { MediationStage } from '../../domain/mediation/stages';
import type { FilingInput } from '../../domain/mediation/matters';
import type { DeadlineKind } from '../../domain/mediation/deadlines';
import type { MeetingMode, OutcomeCode, OutcomeKind } from '../../domain/mediation/outcomes';

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
  /** The invited parties and their answer to the convocation (empty before the convocation). */
  invited: InvitedPartyState[];
  meetings: MeetingState[];
  expert: ExpertState | null;
  proposal: ProposalState | null;
  outcome: { code: OutcomeCode; by: string | null; at: string } | null;
  minutesDocumentId: string | null;
  /** End of the maximum duration (art. 6), after the extensions agreed so far. */
  procedureEndsAt: string | null;
  extensions: { months: number; agreedAt: string }[];
  /** The earliest deadline still running (the case's visible next deadline). */
  nextDeadline: { kind: DeadlineKind; dueAt: string; partyPosition?: number } | null;
  allowedActions: MediationAction[];
}

export interface InvitedPartyState {
  /** The party's position in the filing (0-based), its stable reference. */
  position: number;
  adhesion: 'pending' | 'adhered' | 'refused' | 'no_answer';
  answeredAt: string | null;
  /** End of the term to answer the convocation. */
  dueAt: string;
}

export interface MeetingState {
  id: string;
  seq: number;
  kind: 'first' | 'further';
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  roomId: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
}

export interface ExpertState {
  name: string;
  question: string;
  /** The parties agreed the report may be produced in court (art. 8). */
  producibleInCourt: boolean;
  appointedAt: string;
}

export interface ProposalState {
  seq: number;
  communicatedAt: string;
  replyDueAt: string;
  /** Replies by party position; silence at the term counts as rejection. */
  replies: { position: number; accepted: boolean; at: string }[];
  status: 'pending' | 'accepted' | 'rejected';
}

export type MediationAction =
  | 'withdraw'
  | 'designateMediator'
  | 'answerAppointment'
  | 'changeAnswerDeadline'
  | 'convene'
  | 'answerAdhesion'
  | 'scheduleMeeting'
  | 'moveMeeting'
  | 'holdMeeting'
  | 'appointExpert'
  | 'makeProposal'
  | 'answerProposal'
  | 'extendDuration'
  | 'recordOutcome'
  | 'depositMinutes';

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

export interface MeetingPlan {
  /** ISO instant the meeting starts. */
  startsAt: string;
  durationMinutes: number;
  mode: MeetingMode;
  /** Required unless the meeting is by video only. */
  roomId?: string | null;
}

export interface ConveneRequest {
  by: string;
  firstMeeting: MeetingPlan;
  /** The parties concordantly indicated a date outside the 20–40 day window (art. 8 c.1). */
  partiesAgreedOtherwise?: boolean;
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

export interface ScheduleMeetingRequest {
  by: string;
  meeting: MeetingPlan;
}

export interface MoveMeetingRequest {
  by: string;
  meetingId: string;
  meeting: MeetingPlan;
  reason: string;
  partiesAgreedOtherwise?: boolean;
}

export interface HoldMeetingRequest {
  by: string;
  meetingId: string;
  /** Who attended, by party position; `delegate` = through a representative with a written delegation. */
  attendance: { position: number; present: boolean; delegate?: boolean; lawyerPresent?: boolean }[];
}

export interface AppointExpertRequest {
  by: string;
  name: string;
  question: string;
  producibleInCourt: boolean;
}

export interface ProposalRequest {
  by: string;
  text: string;
  /** Longer reply term set by the mediator (days ≥ the legal 7). */
  replyDays?: number;
}

export interface ProposalAnswer {
  by: string;
  position: number;
  accepted: boolean;
}

export interface ExtensionRequest {
  by: string;
  months: number;
  /** When the parties' written agreement was made (ISO). */
  agreedAt: string;
}

export interface OutcomeRequest {
  by: string;
  kind: OutcomeKind;
  /** Text of the agreement (annexed to the minutes) or notes for the minutes. */
  text?: string;
}

export interface DepositMinutesRequest {
  by: string;
  /** The minutes as signed (uploaded to the case); the generated ones when absent. */
  signedDocumentId?: string | null;
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
