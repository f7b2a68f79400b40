/**
 * The file's state inside the workflow and the helpers every part of it uses: the view answered by
 * the Query, recorded steps (activity first, state after), deadlines started and completed, stage
 * moves with their search attributes.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { createOccActivities } from '../../activities/occ';
import type { OccEconomicsActivities } from '../../activities/occ/economics-contract';
import { allowedActions, courtEventsAllowed, type ActionContext, type CourtEventKind } from '../../domain/occ/actions';
import type { OccDeadlineCode } from '../../domain/occ/deadlines';
import { phaseOf, type OccStage } from '../../domain/occ/stages';
import type { OccDeadlineState, OccState } from '../../domain/views/occ-state';
import { CrisisManagerIdAttr, ProcedureKindAttr, StageAttr } from '../shared/search-attributes';
import type { OccCarried, OccInput } from './contract';

export const occ = proxyActivities<ReturnType<typeof createOccActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'] },
});
export const economics = proxyActivities<OccEconomicsActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2, nonRetryableErrorTypes: ['PayloadKeyUnknown', 'PayloadDecryptionFailed'] },
});

export type RefusalCode = 'ACTION_NOT_ALLOWED' | 'VALIDATION_FAILED' | 'NOT_ASSIGNED_CRISIS_MANAGER' | 'DECLARATION_REQUIRED';

export function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

/** A rule an activity found broken fails the Update with the rule's code (the file does not move). */
export async function asUpdateFailure<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
      throw ApplicationFailure.create({ type: err.cause.type ?? 'VALIDATION_FAILED', message: err.cause.message, details: err.cause.details ?? [], nonRetryable: true });
    }
    throw err;
  }
}

export function initialState(input: OccInput): OccCarried {
  return {
    caseId: input.caseId,
    caseNumber: null,
    procedure: input.file.procedure,
    convertedFrom: null,
    debtorCategory: input.file.debtorCategory,
    stage: 'ISTANZA_RICEVUTA',
    run: 1,
    quote: null,
    crisisManagerId: null,
    designation: null,
    managerAccepted: false,
    designationBlocked: false,
    excludedManagers: [],
    reportDocumentId: null,
    filing: null,
    courtEvents: [],
    protectiveMeasures: false,
    observationsReportFiled: false,
    statoPassivoObservations: 0,
    vote: null,
    distributions: [],
    discharged: false,
    claimsDays: null,
    deadlines: [],
    nextDeadline: null,
    outcome: null,
    steps: 0,
    designationSeq: 0,
    quotes: 0,
  };
}

export interface FileEnv {
  input: OccInput;
  workflowId: string;
  s: OccCarried;
  busy: { on: boolean };
  /** Bumped on every change of the deadlines: the deadline loop re-plans. */
  changed(): void;
  context(): ActionContext;
  view(): OccState;
  /** Records a step (event row, stage, fields, audit) and then moves the stage. */
  step(p: { action: string; by: string | null; stage?: OccStage; kind: string; date: string; documentId?: string | null; details?: Record<string, unknown>; file?: Record<string, unknown>; caseManagerId?: string | null }): Promise<void>;
  startDeadline(code: OccDeadlineCode, startAt: string, opts?: { times?: number; amount?: number; plannedAt?: string }): Promise<OccDeadlineState>;
  completeDeadline(code: OccDeadlineCode): OccDeadlineState | null;
  /** Moves the stage (when an activity already recorded it) and upserts the search attribute. */
  moveTo(stage: OccStage): void;
  /** Drops the pending occurrences of a term that no longer runs (e.g. execution reports after revocation). */
  dropPending(code: OccDeadlineCode): void;
  /** A background message (a slow mail server never holds the file up). */
  background(work: Promise<unknown>): void;
}

export function hasPending(s: OccCarried, code: OccDeadlineCode): boolean {
  return s.deadlines.some((d) => d.code === code && d.status === 'pending');
}

export function createEnv(input: OccInput, workflowId: string, s: OccCarried, background: (w: Promise<unknown>) => void): FileEnv {
  const busy = { on: false };
  let version = 0;
  const context = (): ActionContext => ({
    procedure: s.procedure,
    stage: s.stage,
    designationPending: s.designation !== null && !s.managerAccepted,
    managerAccepted: s.managerAccepted,
    quoteOpen: s.quote !== null && s.quote.acceptedOn === null,
    observationsReportFiled: s.observationsReportFiled,
    statoPassivoObservations: s.statoPassivoObservations > 0,
    reportDue: hasPending(s, 'EXECUTION_REPORT'),
    declarationDue: hasPending(s, 'ANNUAL_DECLARATION'),
    busy: busy.on,
  });
  const env: FileEnv & { version(): number } = {
    input,
    workflowId,
    s,
    busy,
    background,
    version: () => version,
    changed: () => void version++,
    context,
    view: () => {
      const { steps: _steps, designationSeq: _d, quotes: _q, ...rest } = s;
      return {
        ...(JSON.parse(JSON.stringify(rest)) as typeof rest),
        phase: phaseOf(s.stage),
        allowedActions: allowedActions(context()),
        allowedCourtEvents: busy.on ? [] : (Object.keys(courtEventsAllowed(s.procedure, s.stage, context())) as CourtEventKind[]),
      };
    },
    async step(p) {
      const eventKey = `${++s.steps}:${p.action}`;
      await occ.recordOccStep({
        bodyId: input.bodyId,
        caseId: input.caseId,
        workflowId,
        eventKey,
        action: `occ.${p.action}`,
        by: p.by,
        ...(p.stage ? { stage: p.stage } : {}),
        ...(p.file ? { file: p.file } : {}),
        ...(p.caseManagerId !== undefined ? { caseManagerId: p.caseManagerId } : {}),
        event: { kind: p.kind, date: p.date, documentId: p.documentId ?? null, details: p.details ?? {} },
      });
      if (p.stage && p.stage !== s.stage) {
        s.stage = p.stage;
        upsertSearchAttributes([{ key: StageAttr, value: p.stage }]);
      }
      version++;
    },
    async startDeadline(code, startAt, opts = {}) {
      const { plannedAt = new Date().toISOString(), ...rest } = opts;
      const plan = await occ.planOccDeadline({ code, startAt, now: plannedAt, ...rest });
      const n = s.deadlines.filter((d) => d.code === code).length + 1;
      const d: OccDeadlineState = { id: `${code}-${n}`, code, ...plan, startedAt: startAt, plannedAt, status: 'pending', doneAt: null, reminded: false };
      s.deadlines.push(d);
      version++;
      return d;
    },
    moveTo(stage) {
      if (stage === s.stage) return;
      s.stage = stage;
      upsertSearchAttributes([{ key: StageAttr, value: stage }]);
      version++;
    },
    completeDeadline(code) {
      const d = s.deadlines.find((x) => x.code === code && x.status === 'pending');
      if (!d) return null;
      d.status = 'done';
      d.doneAt = new Date().toISOString();
      version++;
      return d;
    },
    dropPending(code) {
      s.deadlines = s.deadlines.filter((d) => !(d.code === code && d.status === 'pending'));
      version++;
    },
  };
  return env;
}

/** Search attributes of the file (opaque IDs and codes only). */
export function upsertFileAttributes(s: OccCarried): void {
  upsertSearchAttributes([
    { key: StageAttr, value: s.stage },
    { key: ProcedureKindAttr, value: s.procedure },
    { key: CrisisManagerIdAttr, value: s.crisisManagerId },
  ]);
}
