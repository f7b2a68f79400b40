/**
 * Pre-filing (spec §A.3.1): quote issued and accepted, crisis manager designated and accepting with
 * the independence declaration, notice to the tax offices within 7 days of the mandate,
 * investigation, report, filing with the court; withdrawal and negative outcome.
 */
import { log, upsertSearchAttributes } from '@temporalio/workflow';
import type { DesignationCriteria } from '../../domain/mediation/designation';
import type { OccAction } from '../../domain/occ/actions';
import { CrisisManagerIdAttr } from '../shared/search-attributes';
import type { OccActionRequest } from './contract';
import { asUpdateFailure, economics, occ, refuse, type FileEnv } from './state';

export type Handlers = { [K in OccAction]?: { run(req: OccActionRequest<K>): Promise<void>; check?(req: OccActionRequest<K>): void } };

/** A date of an act: `YYYY-MM-DD`, not after today in Rome (coarse check in the sandbox; the API checks exactly). */
export function checkDate(date: unknown, path = 'date'): void {
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) refuse('VALIDATION_FAILED', `${path} must be a date`);
  if (Date.parse(date) > Date.now() + 2 * 3_600_000) refuse('VALIDATION_FAILED', `${path} cannot be in the future`);
}

const today = () => new Date().toISOString().slice(0, 10);

export function prefilingHandlers(env: FileEnv): Handlers {
  const { s, input, workflowId } = env;
  const ref = { bodyId: input.bodyId, caseId: input.caseId };

  async function designate(criteria: DesignationCriteria | null, chosenBy: string | null) {
    const seq = s.designationSeq + 1;
    const d = await asUpdateFailure(
      occ.designateCrisisManager({ ...ref, workflowId, seq, criteria, chosenBy, excluded: [...s.excludedManagers], designatedAt: new Date().toISOString() }),
    );
    s.designationSeq = seq;
    s.designation = { id: d.id, seq, crisisManagerId: d.crisisManagerId, criterion: d.criterion, reason: d.reason };
    s.crisisManagerId = d.crisisManagerId;
    s.designationBlocked = false;
    env.moveTo('GESTORE_DESIGNATO');
    upsertSearchAttributes([{ key: CrisisManagerIdAttr, value: d.crisisManagerId }]);
    env.changed();
  }

  return {
    issueQuote: {
      async run(req) {
        const number = s.quotes + 1;
        const q = await asUpdateFailure(economics.issueOccFeeQuote({ ...ref, idempotencyKey: `${workflowId}:quote-${number}`, issuedBy: req.by }));
        await env.step({ action: 'quote_issued', by: req.by, stage: 'PREVENTIVO_EMESSO', kind: 'PREVENTIVO_EMESSO', date: today(), documentId: q.documentId, details: { quoteId: q.quoteId, number: q.number } });
        s.quotes = number;
        s.quote = { quoteId: q.quoteId, number: q.number, documentId: q.documentId, minCents: q.minCents, averageCents: q.averageCents, maxCents: q.maxCents, acceptedOn: null };
      },
    },
    acceptQuote: {
      check: (req) => checkDate(req.acceptedOn, 'acceptedOn'),
      async run(req) {
        const quote = s.quote!;
        await asUpdateFailure(economics.acceptOccFeeQuote({ ...ref, quoteId: quote.quoteId, acceptedBy: req.by, acceptedAt: new Date().toISOString(), evidenceDocumentId: req.evidenceDocumentId ?? null }));
        await env.step({ action: 'quote_accepted', by: req.by, stage: 'PREVENTIVO_ACCETTATO', kind: 'PREVENTIVO_ACCETTATO', date: req.acceptedOn, documentId: req.evidenceDocumentId ?? null, details: { quoteId: quote.quoteId } });
        quote.acceptedOn = req.acceptedOn;
      },
    },
    designateManager: {
      check(req) {
        if (req.criterion === 'manual' && (!req.crisisManagerId || !req.reason?.trim())) refuse('VALIDATION_FAILED', 'a manual designation names the crisis manager and gives a reason');
      },
      async run(req) {
        const criteria: DesignationCriteria = req.criterion === 'manual' ? { criterion: 'manual', mediatorId: req.crisisManagerId!, reason: req.reason! } : { criterion: req.criterion };
        await designate(criteria, req.by);
      },
    },
    answerAppointment: {
      check(req) {
        if (req.by !== s.designation?.crisisManagerId) refuse('NOT_ASSIGNED_CRISIS_MANAGER', 'only the designated crisis manager answers');
        if (req.accept && (!req.declaration?.accepted || !req.declaration.text?.trim() || !req.declaration.version)) refuse('DECLARATION_REQUIRED', 'accepting requires the signed independence declaration');
      },
      async run(req) {
        const d = s.designation!;
        const at = new Date().toISOString();
        await occ.recordCrisisManagerAnswer({
          ...ref, workflowId, designationId: d.id, accept: req.accept, by: req.by, at,
          declaration: req.accept && req.declaration ? { text: req.declaration.text, version: req.declaration.version } : null,
          refusalReason: req.accept ? null : (req.refusalReason ?? null),
        });
        if (req.accept) {
          s.managerAccepted = true;
          env.moveTo('INCARICO_ACCETTATO');
          // The mandate starts the 7-day term for the notice to the tax offices (art. 68 co. 4).
          await env.startDeadline('TAX_OFFICE_NOTICE', at);
          return;
        }
        s.excludedManagers.push(d.crisisManagerId);
        s.designation = null;
        s.crisisManagerId = null;
        env.moveTo('PREVENTIVO_ACCETTATO');
        upsertSearchAttributes([{ key: CrisisManagerIdAttr, value: null }]);
        env.changed();
        try {
          await designate(null, null);
        } catch (err) {
          s.designationBlocked = true;
          log.warn('automatic re-designation found no eligible crisis manager', { error: String((err as Error).name) });
        }
      },
    },
    notifyTaxOffices: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await env.step({ action: 'tax_offices_notified', by: req.by, stage: 'NOTIFICA_ENTI_FISCALI', kind: 'NOTIFICA_ENTI_FISCALI', date: req.date, documentId: req.documentId ?? null });
        env.completeDeadline('TAX_OFFICE_NOTICE');
        await env.startDeadline('TAX_OFFICE_REPLY', new Date().toISOString());
      },
    },
    startInvestigation: {
      async run(req) {
        await env.step({ action: 'investigation_started', by: req.by, stage: 'ISTRUTTORIA', kind: 'ISTRUTTORIA', date: today() });
      },
    },
    submitReport: {
      check: (req) => checkDate(req.date),
      async run(req) {
        await env.step({ action: 'report_drafted', by: req.by, stage: 'RELAZIONE_REDATTA', kind: 'RELAZIONE_REDATTA', date: req.date, documentId: req.documentId, file: { reportDocumentId: req.documentId } });
        s.reportDocumentId = req.documentId;
      },
    },
    fileWithCourt: {
      check(req) {
        checkDate(req.date);
        if (!req.court?.trim()) refuse('VALIDATION_FAILED', 'the court is required');
      },
      async run(req) {
        await env.step({ action: 'filed_with_court', by: req.by, stage: 'DEPOSITATO', kind: 'DEPOSITATO', date: req.date, documentId: req.documentId, details: { court: req.court }, file: { filedWithCourtOn: req.date, court: req.court } });
        s.filing = { documentId: req.documentId, date: req.date, court: req.court };
      },
    },
    withdraw: {
      check: (req) => void (req.reason?.trim() || refuse('VALIDATION_FAILED', 'a reason is required')),
      async run(req) {
        await env.step({ action: 'withdrawn', by: req.by, stage: 'RINUNCIA', kind: 'RINUNCIA', date: today(), details: { reason: req.reason }, file: { outcome: 'RINUNCIA' } });
        s.outcome = { stage: 'RINUNCIA', reason: req.reason, at: new Date().toISOString() };
      },
    },
    recordNegativeOutcome: {
      check: (req) => void (req.reason?.trim() || refuse('VALIDATION_FAILED', 'a reason is required')),
      async run(req) {
        await env.step({ action: 'negative_outcome', by: req.by, stage: 'ESITO_NEGATIVO', kind: 'ESITO_NEGATIVO', date: today(), details: { reason: req.reason }, file: { outcome: 'ESITO_NEGATIVO' } });
        s.outcome = { stage: 'ESITO_NEGATIVO', reason: req.reason, at: new Date().toISOString() };
      },
    },
  };
}
