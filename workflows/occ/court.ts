/**
 * After the filing: court events recorded by the secretariat with their document and date, and the
 * OCC's acts of each procedure (spec §A.3.2–A.3.5), with the deadlines each one starts or fulfils.
 */
import { upsertSearchAttributes } from '@temporalio/workflow';
import { courtEventsAllowed, type CourtEventKind } from '../../domain/occ/actions';
import { startOfRomeDay } from '../../domain/occ/deadlines';
import type { OccStage } from '../../domain/occ/stages';
import { ProcedureKindAttr } from '../shared/search-attributes';
import type { OccActionRequest } from './contract';
import { checkDate, type Handlers } from './prefiling';
import { asUpdateFailure, economics, refuse, type FileEnv } from './state';

const today = () => new Date().toISOString().slice(0, 10);

export function courtHandlers(env: FileEnv): Handlers {
  const { s, input } = env;
  const ref = { bodyId: input.bodyId, caseId: input.caseId };
  /** The legal start of a term triggered by an act of `date` (its Rome day). */
  const dayStart = (date: string) => startOfRomeDay(date).toISOString();

  async function openLiquidation(req: OccActionRequest<'recordCourtEvent'>) {
    const start = dayStart(req.date);
    env.dropPending('EXECUTION_REPORT');
    s.claimsDays = req.claimsDays!;
    await env.startDeadline('DEBTOR_CREDITOR_LIST', start);
    await env.startDeadline('CLAIMS', start, { amount: req.claimsDays! });
    await env.startDeadline('CREDITOR_LIST_UPDATE', start);
    await env.startDeadline('INVENTORY_PROGRAMME', start);
    await env.startDeadline('DISCHARGE', start);
  }

  /** What each court event does beyond recording itself and moving the stage. */
  const effects: Partial<Record<CourtEventKind, (req: OccActionRequest<'recordCourtEvent'>) => Promise<void>>> = {
    DECRETO_AMMISSIBILITA: async (req) => void (await env.startDeadline('CREDITORS_COMMUNICATION', dayStart(req.date))),
    MISURE_PROTETTIVE: async () => void (s.protectiveMeasures = true),
    APERTURA_CONCORDATO: async (req) => {
      const vote = await env.startDeadline('VOTE', dayStart(req.date));
      const opensAt = new Date().toISOString();
      await asUpdateFailure(economics.openOccVote({ ...ref, opensAt, closesAt: vote.timerAt }));
      s.vote = { opensAt, closesAt: vote.timerAt, result: null };
    },
    SENTENZA_APERTURA: openLiquidation,
    CONVERSIONE: async (req) => {
      s.convertedFrom = s.procedure;
      s.procedure = 'LIQUIDAZIONE_CONTROLLATA';
      upsertSearchAttributes([{ key: ProcedureKindAttr, value: s.procedure }]);
      await openLiquidation(req);
    },
    OMOLOGA: async (req) => void (await env.startDeadline('EXECUTION_REPORT', dayStart(req.date), { times: 1 })),
    REVOCA: async () => env.dropPending('EXECUTION_REPORT'),
    CHIUSURA: async () => void (s.discharged = true),
    DECRETO_ESDEBITAZIONE: async (req) => {
      s.discharged = true;
      await env.startDeadline('ANNUAL_DECLARATION', dayStart(req.date), { times: 1 });
      await env.startDeadline('MONITORING_END', dayStart(req.date));
    },
    REVOCA_ESDEBITAZIONE: async () => {
      s.discharged = false;
      env.dropPending('ANNUAL_DECLARATION');
      env.dropPending('MONITORING_END');
    },
  };

  const finalOutcome: Partial<Record<CourtEventKind, OccStage>> = { RIGETTO: 'RIGETTATO', LIQUIDAZIONE_COMPENSO: 'COMPENSO_LIQUIDATO', CHIUSURA: 'CHIUSURA', REVOCA_ESDEBITAZIONE: 'ESDEBITAZIONE_REVOCATA' };

  const act = (action: string, stage: OccStage | undefined, kind: string) => async (req: { by: string; date: string; documentId?: string | null }) =>
    env.step({ action, by: req.by, ...(stage ? { stage } : {}), kind, date: req.date, documentId: req.documentId ?? null });

  return {
    recordCourtEvent: {
      check(req) {
        checkDate(req.date);
        const allowed = courtEventsAllowed(s.procedure, s.stage, env.context());
        if (!(req.kind in allowed)) refuse('ACTION_NOT_ALLOWED', `${req.kind} cannot be recorded in stage ${s.stage}`);
        if ((req.kind === 'SENTENZA_APERTURA' || req.kind === 'CONVERSIONE') && !(Number.isInteger(req.claimsDays) && req.claimsDays! >= 1 && req.claimsDays! <= 60)) {
          refuse('VALIDATION_FAILED', 'the judgement sets the term for claims: 1 to 60 days');
        }
      },
      async run(req) {
        const next = courtEventsAllowed(s.procedure, s.stage, env.context())[req.kind] ?? undefined;
        const converting = req.kind === 'CONVERSIONE';
        const fileChanges: Record<string, unknown> = {
          ...(converting ? { procedure: 'LIQUIDAZIONE_CONTROLLATA', convertedFrom: s.procedure } : {}),
          ...(req.claimsDays ? { claimsDays: req.claimsDays } : {}),
          ...(finalOutcome[req.kind] ? { outcome: finalOutcome[req.kind] } : {}),
          ...(req.kind === 'CHIUSURA' || req.kind === 'DECRETO_ESDEBITAZIONE' ? { dischargedAt: new Date().toISOString() } : {}),
          ...(req.kind === 'REVOCA_ESDEBITAZIONE' ? { dischargedAt: null } : {}),
        };
        await env.step({
          action: `court_event.${req.kind.toLowerCase()}`, by: req.by, ...(next ? { stage: next } : {}), kind: req.kind, date: req.date, documentId: req.documentId,
          details: { ...(req.claimsDays ? { claimsDays: req.claimsDays } : {}), ...(req.notes ? { notes: req.notes } : {}) }, file: fileChanges,
        });
        s.courtEvents.push({ kind: req.kind, date: req.date, documentId: req.documentId, recordedAt: new Date().toISOString(), by: req.by });
        await effects[req.kind]?.(req);
        const final = finalOutcome[req.kind];
        if (final) s.outcome = { stage: final, reason: req.notes ?? null, at: new Date().toISOString() };
        env.changed();
      },
    },
    communicateToCreditors: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await env.step({ action: 'creditors_notified', by: req.by, stage: 'FINESTRA_OSSERVAZIONI', kind: 'COMUNICAZIONE_CREDITORI_INVIATA', date: req.date, documentId: req.documentId ?? null });
        env.completeDeadline('CREDITORS_COMMUNICATION');
        await env.startDeadline('CREDITOR_OBSERVATIONS', new Date().toISOString());
      },
    },
    fileObservationsReport: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await act('observations_report_filed', undefined, 'RELAZIONE_OSSERVAZIONI')(req);
        env.completeDeadline('OBSERVATIONS_REPORT');
        s.observationsReportFiled = true;
      },
    },
    updateCreditorList: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await act('creditor_list_updated', 'ELENCO_CREDITORI_AGGIORNATO', 'ELENCO_CREDITORI_AGGIORNATO')(req);
        env.completeDeadline('CREDITOR_LIST_UPDATE');
      },
    },
    fileInventory: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await act('inventory_filed', 'INVENTARIO_E_PROGRAMMA', 'INVENTARIO_E_PROGRAMMA')(req);
        env.completeDeadline('INVENTORY_PROGRAMME');
      },
    },
    fileDraftStatoPassivo: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await act('draft_stato_passivo_filed', 'PROGETTO_STATO_PASSIVO', 'PROGETTO_STATO_PASSIVO')(req);
        await env.startDeadline('STATO_PASSIVO_OBSERVATIONS', new Date().toISOString());
      },
    },
    recordStatoPassivoObservations: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await env.step({ action: 'stato_passivo_observations', by: req.by, kind: 'OSSERVAZIONI_STATO_PASSIVO', date: req.date, details: { count: req.count } });
        s.statoPassivoObservations += req.count;
      },
    },
    fileExecutionReport: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await act('execution_report_filed', undefined, 'RELAZIONE_SEMESTRALE')(req);
        const done = env.completeDeadline('EXECUTION_REPORT');
        if (done) await nextOccurrence(env, 'EXECUTION_REPORT', done);
      },
    },
    fileFinalAccount: {
      check: (req) => checkDate(req.date),
      async run(req) {
        const stage: OccStage = s.procedure === 'LIQUIDAZIONE_CONTROLLATA' ? 'RENDICONTO' : 'RENDICONTO_DEPOSITATO';
        await act('final_account_filed', stage, stage)(req);
        // The six-monthly reports run until the rendiconto (art. 71).
        env.dropPending('EXECUTION_REPORT');
      },
    },
    recordDistribution: {
      check(req) {
        checkDate(req.date);
        if (!Number.isInteger(req.amountCents) || req.amountCents <= 0) refuse('VALIDATION_FAILED', 'a distribution needs a positive amount');
      },
      async run(req) {
        await env.step({ action: 'distribution', by: req.by, stage: 'RIPARTI', kind: 'RIPARTO', date: req.date, documentId: req.documentId, details: { amountCents: req.amountCents } });
        s.distributions.push({ documentId: req.documentId, date: req.date, amountCents: req.amountCents });
      },
    },
    fileAnnualDeclaration: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await env.step({ action: 'annual_declaration', by: req.by, kind: 'DICHIARAZIONE_ANNUALE', date: req.date, documentId: req.documentId, details: { newAssets: req.newAssets } });
        const done = env.completeDeadline('ANNUAL_DECLARATION');
        if (done) await nextOccurrence(env, 'ANNUAL_DECLARATION', done);
      },
    },
    closeFile: {
      check: (req) => void (req.reason?.trim() || refuse('VALIDATION_FAILED', 'a reason is required')),
      async run(req) {
        await env.step({ action: 'archived', by: req.by, stage: 'ARCHIVIATO', kind: 'ARCHIVIATO', date: today(), details: { reason: req.reason }, file: { outcome: 'ARCHIVIATO' } });
        s.outcome = { stage: 'ARCHIVIATO', reason: req.reason, at: new Date().toISOString() };
      },
    },
  };
}

/** Recurring terms: the next six-monthly report; the next yearly declaration (four in all). */
export async function nextOccurrence(env: FileEnv, code: 'EXECUTION_REPORT' | 'ANNUAL_DECLARATION', previous: { startedAt: string; plannedAt: string }): Promise<void> {
  const n = env.s.deadlines.filter((d) => d.code === code).length + 1;
  if (code === 'ANNUAL_DECLARATION' && n > 4) return;
  if (code === 'EXECUTION_REPORT' && env.s.stage !== 'IN_ESECUZIONE') return;
  await env.startDeadline(code, previous.startedAt, { times: n, plannedAt: previous.plannedAt });
}
