/** The state of an OCC file as the workflow's Query answers it (API response, shared with the UI). */
import type { CourtEventKind, OccAction } from '../occ/actions';
import type { OccDeadlineCode } from '../occ/deadlines';
import type { DebtorCategory, OccProcedure } from '../occ/procedures';
import type { OccPhase, OccStage } from '../occ/stages';

export interface OccDeadlineState {
  /** Stable within the file: `<code>-<n>`. */
  id: string;
  code: OccDeadlineCode;
  /** Legal last day (Rome) and the instant it ends. */
  dueDate: string;
  dueAt: string;
  /** When the durable timer fires (= dueAt unless DEADLINE_TIME_SCALE compresses time). */
  timerAt: string;
  reminderAt: string | null;
  startedAt: string;
  /** When the term was planned: recurring terms are laid on the same (compressed) timeline. */
  plannedAt: string;
  status: 'pending' | 'done' | 'expired';
  doneAt: string | null;
  reminded: boolean;
}

export interface OccCourtEvent {
  kind: CourtEventKind;
  date: string;
  documentId: string;
  recordedAt: string;
  by: string;
}

export interface OccQuoteState {
  quoteId: string;
  number: number;
  documentId: string;
  minCents: number;
  averageCents: number;
  maxCents: number;
  acceptedOn: string | null;
}

export interface OccVoteResult {
  approved: boolean;
  admittedCents: number;
  consentingCents: number;
  dissentingCents: number;
  /** Creditors who did not answer within the term: counted as consenting (art. 79 co. 3 CCII). */
  silentCents: number;
  lateVotes: number;
  /** Why the proposal passed or failed, in Italian and English (shown in the UI and the timeline). */
  explanation: { it: string; en: string };
}

export interface OccVoteState {
  opensAt: string;
  closesAt: string;
  result: OccVoteResult | null;
}

export interface OccState {
  caseId: string;
  caseNumber: string | null;
  procedure: OccProcedure;
  /** The procedure the file was converted from (revoked plan → liquidazione controllata). */
  convertedFrom: OccProcedure | null;
  debtorCategory: DebtorCategory;
  phase: OccPhase | 'closed';
  stage: OccStage;
  /** Run of the workflow (1 = first; continue-as-new at each phase boundary). */
  run: number;
  quote: OccQuoteState | null;
  crisisManagerId: string | null;
  designation: { id: string; seq: number; crisisManagerId: string; criterion: string; reason: { it: string; en: string } } | null;
  managerAccepted: boolean;
  designationBlocked: boolean;
  excludedManagers: string[];
  reportDocumentId: string | null;
  filing: { documentId: string; date: string; court: string } | null;
  courtEvents: OccCourtEvent[];
  protectiveMeasures: boolean;
  observationsReportFiled: boolean;
  statoPassivoObservations: number;
  vote: OccVoteState | null;
  distributions: { documentId: string; date: string; amountCents: number }[];
  discharged: boolean;
  claimsDays: number | null;
  deadlines: OccDeadlineState[];
  nextDeadline: { id: string; code: OccDeadlineCode; dueAt: string; timerAt: string } | null;
  outcome: { stage: OccStage; reason: string | null; at: string } | null;
  allowedActions: OccAction[];
  /** Court events the secretariat may record now (the `recordCourtEvent` form lists these). */
  allowedCourtEvents: CourtEventKind[];
}
