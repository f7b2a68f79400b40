/**
 * Bodies of the procedure's actions from the convocation to the closing, as the API receives them
 * (POST /cases/:id/actions/<action>, docs/api.md). The workflow's requests are these plus the
 * acting user (`by`, added by the API from the token): workflows/mediation/contract.ts extends them.
 */
import type { MeetingMode, OutcomeKind } from '../mediation/outcomes';

export interface MeetingPlan {
  /** ISO instant the meeting starts. */
  startsAt: string;
  durationMinutes: number;
  mode: MeetingMode;
  /** Required unless the meeting is by video only. */
  roomId?: string | null;
}

export interface ConveneBody {
  firstMeeting: MeetingPlan;
  /** The parties concordantly indicated a date outside the 20–40 day window (art. 8 c.1). */
  partiesAgreedOtherwise?: boolean;
  /** Invited parties' postal addresses: where a registered letter goes if the PEC convocation is not delivered. */
  postalAddresses?: { position: number; address: string }[];
}

export interface ScheduleMeetingBody {
  meeting: MeetingPlan;
}

export interface MoveMeetingBody {
  meetingId: string;
  meeting: MeetingPlan;
  reason: string;
  partiesAgreedOtherwise?: boolean;
}

export interface AttendanceEntry {
  /** The party's position in the filing. */
  position: number;
  present: boolean;
  /** Present through a representative with a written delegation. */
  delegate?: boolean;
  lawyerPresent?: boolean;
}

export interface HoldMeetingBody {
  meetingId: string;
  /** Who attended, by party position. */
  attendance: AttendanceEntry[];
}

export interface AppointExpertBody {
  name: string;
  question: string;
  producibleInCourt: boolean;
}

export interface MakeProposalBody {
  text: string;
  /** Longer reply term set by the mediator (days ≥ the legal 7). */
  replyDays?: number;
}

export interface AnswerProposalBody {
  position: number;
  accepted: boolean;
}

export interface ExtendDurationBody {
  months: number;
  /** When the parties' written agreement was made (ISO). */
  agreedAt: string;
}

export interface RecordOutcomeBody {
  kind: OutcomeKind;
  /** Text of the agreement (annexed to the minutes) or notes for the minutes. */
  text?: string;
}

export interface DepositMinutesBody {
  /** The minutes as signed (uploaded to the case); the generated ones when absent. */
  signedDocumentId?: string | null;
}

/** How a signer of the minutes signs: with an own device (upload), one-shot (code + certificate of the body), or either. */
export type MinutesSigningMethod = 'own-device' | 'one-shot' | 'any';

/** A signer the case file does not know (e.g. a company's legal representative), added by the secretariat. */
export interface ExtraMinutesSigner {
  givenName: string;
  surname: string;
  taxCode: string;
  email: string;
  phone?: string | null;
  role: 'party' | 'lawyer' | 'other';
  /** The party (position in the filing) this person signs for. */
  forPosition?: number | null;
}

export interface SignMinutesBody {
  /** Method per signer key (`party-0`, `lawyer-1`, `mediator`, `extra-0`…); defaults: parties one-shot, lawyers and mediator either. */
  methods?: Record<string, MinutesSigningMethod>;
  extraSigners?: ExtraMinutesSigner[];
}
