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
 * The mediation procedure's state and actions (docs/api.md, "Case actions"). They mirror
 * `MediationState` and the update requests of workflows/mediation/contract.ts, which the web UI may
 * not import (it imports domain/ only): keep both in step until they move to domain/views/.
 */

export type MediationAction = 'withdraw' | 'designateMediator' | 'answerAppointment' | 'changeAnswerDeadline';

/** The designation awaiting the mediator's answer. */
export interface PendingDesignation {
  id: string;
  seq: number;
  mediatorId: string;
  /** ISO instant: the end of the mediator's term to answer. */
  answerDueAt: string;
}

/** GET /cases/:caseId/state, and the answer of every action. */
export interface MediationState {
  stage: string;
  caseNumber: string | null;
  /** The designated mediator (pending or accepted); null before designation or after a refusal. */
  mediatorId: string | null;
  designation: PendingDesignation | null;
  mediatorAccepted: boolean;
  /** Automatic re-designation found nobody: the secretariat must designate by hand. */
  designationBlocked: boolean;
  /** Mediators who refused or let the term pass, excluded from later designations. */
  excludedMediators: string[];
  allowedActions: MediationAction[];
}

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
