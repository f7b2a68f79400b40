import type { CourtEventKind, OccAction } from '@domain/occ/actions';
import type { OccDeadlineCode } from '@domain/occ/deadlines';
import type { OccActionBodies } from '@domain/occ/file';
import type { DebtorCategory, OccProcedure } from '@domain/occ/procedures';
import type { OccStage } from '@domain/occ/stages';
import type { OccState } from '@domain/views/occ-state';
import { bodyPath, queryString, request } from './http';

export type { CourtEventKind, DebtorCategory, OccAction, OccDeadlineCode, OccProcedure, OccStage, OccState };

/** One row of the OCC register (GET /occ-files). */
export interface OccFileSummary {
  id: string;
  caseNumber: string;
  year: number;
  number: number;
  subject: string;
  stage: OccStage;
  procedure: OccProcedure;
  convertedFrom: OccProcedure | null;
  debtorCategory: DebtorCategory;
  debtorName: string;
  crisisManager: { id: string; fullName: string } | null;
  filedAt: string;
  nextDeadline: string | null;
  workflowId: string;
}

export interface OccFileDetail extends OccFileSummary {
  state: OccState;
}

export interface OccCalendarRow {
  code: OccDeadlineCode;
  label: { it: string; en: string };
  source: string;
  owner: 'OCC' | 'tax_offices' | 'creditors' | 'debtor' | 'court';
  kind: 'duty' | 'window';
  amount: number;
  unit: 'days' | 'months' | 'years';
  id: string | null;
  dueDate: string | null;
  dueAt: string | null;
  status: 'pending' | 'done' | 'expired' | 'not_started';
  doneAt: string | null;
}

export interface OccEventView {
  kind: string;
  date: string;
  documentId: string | null;
  details: Record<string, unknown>;
  recordedAt: string;
  recordedBy: { id: string; fullName: string } | null;
}

export interface OccListFilters {
  procedure?: string;
  stage?: string;
  crisisManagerId?: string;
  year?: string;
  number?: string;
  limit: number;
  offset: number;
}

/** The request that opens a file (domain/occ/file.ts occFileSchema, before defaults). */
export interface NewOccFile {
  procedure: OccProcedure;
  debtor:
    | { kind: 'person'; firstName: string; lastName: string; taxCode: string; email?: string; pec?: string; phone?: string }
    | { kind: 'company'; companyName: string; vatNumber: string; taxCode?: string; email?: string; pec?: string; phone?: string };
  debtorCategory: DebtorCategory;
  householdSize: number;
  annualNetIncomeCents: number;
  disposableIncomeCents?: number | null;
  previousDischarges: { date: string; incapiente: boolean }[];
  subject: string;
}

const files = (bodyId: string) => bodyPath(bodyId, '/occ-files');
const file = (bodyId: string, caseId: string) => `${files(bodyId)}/${encodeURIComponent(caseId)}`;

/** `issueQuote` → `issue-quote` (the API's action paths). */
export const actionPath = (a: OccAction): string => a.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const listOccFiles = (bodyId: string, filters: OccListFilters) =>
  request<{ items: OccFileSummary[]; total: number }>('GET', `${files(bodyId)}${queryString({ ...filters })}`);

export const createOccFile = (bodyId: string, input: NewOccFile, idempotencyKey: string) =>
  request<{ caseId: string; workflowId: string; caseNumber: string | null }>('POST', files(bodyId), { body: input, headers: { 'Idempotency-Key': idempotencyKey } });

export const getOccFile = (bodyId: string, caseId: string) => request<OccFileDetail>('GET', file(bodyId, caseId));

export const getOccDeadlines = (bodyId: string, caseId: string) =>
  request<{ items: OccCalendarRow[] }>('GET', `${file(bodyId, caseId)}/deadlines`).then((r) => r.items);

export const getOccEvents = (bodyId: string, caseId: string) =>
  request<{ items: OccEventView[] }>('GET', `${file(bodyId, caseId)}/events`).then((r) => r.items);

/** One action on the file (an Update of its workflow); answers the new state. */
export function actOnOccFile<A extends OccAction>(bodyId: string, caseId: string, action: A, body: Omit<OccActionBodies[A], never> | Record<string, unknown>, idempotencyKey: string) {
  return request<OccState>('POST', `${file(bodyId, caseId)}/actions/${actionPath(action)}`, { body, headers: { 'Idempotency-Key': idempotencyKey } });
}

export interface CrisisManagerView {
  id: string;
  fullName: string;
  available: boolean;
  activeFiles: number;
}

/** The body's crisis managers (secretariat and referente only). */
export const listCrisisManagers = (bodyId: string) =>
  request<{ items: CrisisManagerView[] }>('GET', bodyPath(bodyId, '/occ-crisis-managers')).then((r) => r.items);
