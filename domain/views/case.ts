/**
 * Shapes of cases as the API returns them (docs/api.md): written by db/repositories/cases.ts,
 * read by the web UI. One definition for both sides.
 */
import type { MediationType } from '../mediation/matters';
import type { PartyRole } from '../registry/contact';

export interface CaseSummary {
  id: string;
  caseNumber: string;
  year: number;
  number: number;
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

/** A person, company or lawyer in the registry (fields not given are null). */
export interface SubjectView {
  id: string;
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
  facts: string | null;
  valueIndeterminable: boolean;
  parties: PartyView[];
  filedBy: { id: string; fullName: string } | null;
  /** The designated mediator (awaiting the answer or accepted). */
  mediator: { id: string; fullName: string } | null;
}

export interface MediatorView {
  id: string;
  fullName: string;
  competences: string[];
  available: boolean;
}

export interface FileCaseResponse {
  caseId: string;
  workflowId: string;
  caseNumber: string | null;
  stage: string;
}
