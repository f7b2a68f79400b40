/**
 * Shapes of the HTTP API (docs/api.md). Requests, codes and response views come from domain/,
 * shared with the server; this file adds the client-side names.
 */

import type { Permission, Role } from '@domain/access/roles';
import type { FilingRequestBody, MediationType } from '@domain/mediation/matters';
import type { PartyRole } from '@domain/registry/contact';
import type { SubjectView } from '@domain/views/case';

export type { MediationType, PartyRole, Permission, Role };
export type { CaseDetail, CaseList, CaseSummary, FileCaseResponse, PartyView, SubjectView } from '@domain/views/case';
export type { BodyKind, Session, SessionBody, SessionUser } from '@domain/views/session';

export type Locale = 'it' | 'en';
export type LocalizedText = Record<Locale, string>;

export interface ApiFieldError {
  path: string;
  code: string;
}

export interface ApiErrorBody {
  error: { code: string; message: LocalizedText; fields?: ApiFieldError[] };
}

/** The filing body, exactly as the domain schema that the API applies reads it. */
export type FileCaseRequest = FilingRequestBody;

export interface Matter {
  code: string;
  label: LocalizedText;
  mandatory: boolean;
}

/** GET /roles: the body's role→permission mapping (roles without any permission may be absent). */
export interface RoleMapping {
  roles: Role[];
  permissions: Permission[];
  mapping: Partial<Record<Role, Permission[]>>;
}

/** PUT /roles/:role/permissions answer: what the role may now do. */
export interface RolePermissions {
  role: Role;
  permissions: Permission[];
}

/** GET /registry: one page of the body's persons and companies. */
export interface RegistryList {
  items: SubjectView[];
  total: number;
}

/*
 * The mediation procedure's state and actions (docs/api.md, "Case actions"): the state and the action
 * bodies are domain/views, shared with the workflow's contract; the designation-phase requests below
 * are the API's own shapes (discriminated by criterion / accept).
 */
export type {
  AdhesionStatus,
  ConvocationDelivery,
  MinutesSignatureState,
  ExpertState,
  InvitedPartyState,
  MediationAction,
  MediationState,
  MeetingState,
  MeetingStatus,
  PendingDesignation,
  ProposalState,
} from '@domain/views/mediation-state';
export type {
  AnswerProposalBody,
  AppointExpertBody,
  AttendanceEntry,
  ConveneBody,
  DepositMinutesBody,
  ExtendDurationBody,
  HoldMeetingBody,
  MakeProposalBody,
  MeetingPlan,
  MoveMeetingBody,
  RecordOutcomeBody,
  ScheduleMeetingBody,
  SignMinutesBody,
} from '@domain/views/mediation-actions';
export type { AgendaEntryView, CaseFees, RoomView, Timeline, TimelineItem } from '@domain/views/case-file';
export type { DocumentView } from '@domain/views/document';
export type { MediatorView } from '@domain/views/case';
export type { FeeLine, MediationFeeBreakdown } from '@domain/mediation/fees';
export type { MeetingMode, OutcomeCode, OutcomeKind } from '@domain/mediation/outcomes';

export type DesignateMediatorRequest =
  | { criterion: 'rotation' | 'availability' }
  | { criterion: 'manual'; mediatorId: string; reason: string };

/** The declaration of independence and impartiality as shown to and signed by the mediator. */
export interface SignedDeclaration {
  text: string;
  version: string;
  accepted: true;
}

export type AnswerAppointmentRequest = { accept: true; declaration: SignedDeclaration } | { accept: false; refusalReason: string };

export interface ChangeAnswerDeadlineRequest {
  /** Future ISO instant (with its offset). */
  dueAt: string;
}

export interface WithdrawRequest {
  reason: string;
}
