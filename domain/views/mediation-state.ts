/**
 * The mediation procedure's state as its workflow reports it (GET /cases/:id/state and the answer of
 * every action, docs/api.md): defined here once, used by the workflow contract
 * (workflows/mediation/contract.ts re-exports it) and by the web UI.
 */
import type { DeadlineKind } from '../mediation/deadlines';
import type { MeetingMode, OutcomeCode } from '../mediation/outcomes';
import type { MediationStage } from '../mediation/stages';

/** Every action of the procedure, as the workflow names it in `allowedActions`. */
export const mediationActions = [
  'withdraw',
  'designateMediator',
  'answerAppointment',
  'changeAnswerDeadline',
  'convene',
  'answerAdhesion',
  'scheduleMeeting',
  'moveMeeting',
  'holdMeeting',
  'appointExpert',
  'makeProposal',
  'answerProposal',
  'extendDuration',
  'recordOutcome',
  'depositMinutes',
  'signMinutes',
] as const;
export type MediationAction = (typeof mediationActions)[number];

export interface PendingDesignation {
  id: string;
  seq: number;
  mediatorId: string;
  /** ISO instant: the end of the mediator's term to answer. */
  answerDueAt: string;
}

export type AdhesionStatus = 'pending' | 'adhered' | 'refused' | 'no_answer';

export interface InvitedPartyState {
  /** The party's position in the filing (0-based), its stable reference. */
  position: number;
  adhesion: AdhesionStatus;
  answeredAt: string | null;
  /** End of the term to answer the convocation. */
  dueAt: string;
  /** How the convocation reached the party, when it went by PEC (absent for e-mail and older cases). */
  delivery?: ConvocationDelivery | null;
}

/** The convocation sent by PEC to an invited party, followed to its receipts. */
export interface ConvocationDelivery {
  channel: 'pec';
  /** sending: no delivery receipt yet; not_delivered: non-delivery/non-acceptance/no receipt in time; failed: not sent. */
  status: 'sending' | 'delivered' | 'not_delivered' | 'failed';
  /** When the outcome was known. */
  at: string | null;
  /** The receipt (or failure) behind a non-delivery, e.g. `errore-consegna`, `timeout`. */
  detail: string | null;
  /** A registered letter was prepared for the secretariat to post (the party's postal address was given). */
  registeredLetter: boolean;
}

export const minutesSignatureStatuses = ['preparing', 'needs_signers', 'running', 'completed', 'refused', 'expired', 'cancelled', 'failed'] as const;
export type MinutesSignatureStatus = (typeof minutesSignatureStatuses)[number];

/** The digital signature of the minutes (art. 8-bis): a signature cycle run as a child of the mediation. */
export interface MinutesSignatureState {
  /** 1, 2, … one per start (a restart after a refusal or cancellation is a new attempt). */
  attempt: number;
  status: MinutesSignatureStatus;
  /** The cycle (GET /signature-cycles/:cycleId, page /firme/:cycleId); null until it is reserved. */
  cycleId: string | null;
  workflowId: string | null;
  /** needs_signers: candidates that cannot sign as they are (e.g. `mediator` without a tax code, `party-1` a company without a lawyer). */
  missing: string[];
  /** The signed minutes, deposited, once completed. */
  signedDocumentId: string | null;
  startedAt: string;
  endedAt: string | null;
}

export type MeetingStatus = 'scheduled' | 'held' | 'cancelled';

export interface MeetingState {
  id: string;
  seq: number;
  kind: 'first' | 'further';
  startsAt: string;
  endsAt: string;
  mode: MeetingMode;
  roomId: string | null;
  status: MeetingStatus;
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
  /** The minutes' signature cycle, once started (absent for cases that predate it). */
  minutesSignature?: MinutesSignatureState | null;
  allowedActions: MediationAction[];
}
