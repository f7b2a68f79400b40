/**
 * Shapes of the HTTP API (docs/api.md). Request types and codes come from domain/; the response
 * shapes are restated here until api/ exports them as types.
 */

import type { FilingRequestBody, MediationType } from '@domain/mediation/matters';
import type { PartyRole } from '@domain/registry/contact';

export type { MediationType, PartyRole };

export type Locale = 'it' | 'en';
export type LocalizedText = Record<Locale, string>;

export interface ApiFieldError {
  path: string;
  code: string;
}

export interface ApiErrorBody {
  error: { code: string; message: LocalizedText; fields?: ApiFieldError[] };
}

export type BodyKind = 'mediation_body' | 'occ' | 'order';

export interface SessionBody {
  id: string;
  code: string;
  name: string;
  kind: BodyKind;
  roles: string[];
}

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  isOperator: boolean;
}

export interface Session {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
  bodies: SessionBody[];
  activeBodyId: string;
  permissions: string[];
}

export interface CaseSummary {
  id: string;
  caseNumber: string | null;
  year: number | null;
  number: number | null;
  kind: string;
  mediationType: MediationType | null;
  stage: string;
  matter: string | null;
  subject: string;
  filedAt: string;
  valueCents: number | null;
  applicants: string[];
  invited: string[];
  nextDeadline: string | null;
}

export interface CaseList {
  items: CaseSummary[];
  total: number;
}

/** A person, company or lawyer as the case detail returns it (fields not given are null). */
export interface SubjectView {
  id?: string;
  kind: 'person' | 'company';
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  taxCode: string | null;
  vatNumber: string | null;
  email: string | null;
  pec: string | null;
  phone: string | null;
}

export interface PartyView {
  role: PartyRole;
  person: SubjectView;
  lawyer: SubjectView | null;
}

export interface CaseDetail extends CaseSummary {
  workflowId: string;
  facts: string;
  valueIndeterminable: boolean;
  parties: PartyView[];
  filedBy: { id: string; fullName: string } | null;
}

/** The filing body, exactly as the domain schema that the API applies reads it. */
export type FileCaseRequest = FilingRequestBody;

export interface FileCaseResponse {
  caseId: string;
  workflowId: string;
  caseNumber: string | null;
  stage: string;
}

export interface Matter {
  code: string;
  label: LocalizedText;
  mandatory: boolean;
}
