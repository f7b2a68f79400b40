/**
 * What an OCC file allows now: the user actions per stage (used by the workflow's Query and every
 * Update validator, and by the UI to show the forms) and the court events the secretariat may
 * record in each stage of each procedure, with the stage each one leads to.
 */
import type { OccProcedure } from './procedures';
import { isFinalStage, type OccStage } from './stages';

export const occActions = [
  'issueQuote',
  'acceptQuote',
  'designateManager',
  'answerAppointment',
  'notifyTaxOffices',
  'startInvestigation',
  'submitReport',
  'fileWithCourt',
  'withdraw',
  'recordNegativeOutcome',
  'recordCourtEvent',
  'communicateToCreditors',
  'fileObservationsReport',
  'updateCreditorList',
  'fileInventory',
  'fileDraftStatoPassivo',
  'recordStatoPassivoObservations',
  'fileExecutionReport',
  'fileFinalAccount',
  'recordDistribution',
  'fileAnnualDeclaration',
  'closeFile',
] as const;
export type OccAction = (typeof occActions)[number];

/**
 * Who acts: `secretariat` (permission cases.advance: secretariat, referente), `conduct` (the file's
 * crisis manager, or the secretariat), `appointee` (only the designated crisis manager).
 */
export const actionActor: Record<OccAction, 'secretariat' | 'conduct' | 'appointee'> = {
  issueQuote: 'secretariat',
  acceptQuote: 'secretariat',
  designateManager: 'secretariat',
  answerAppointment: 'appointee',
  notifyTaxOffices: 'conduct',
  startInvestigation: 'conduct',
  submitReport: 'conduct',
  fileWithCourt: 'conduct',
  withdraw: 'secretariat',
  recordNegativeOutcome: 'conduct',
  recordCourtEvent: 'secretariat',
  communicateToCreditors: 'conduct',
  fileObservationsReport: 'conduct',
  updateCreditorList: 'conduct',
  fileInventory: 'conduct',
  fileDraftStatoPassivo: 'conduct',
  recordStatoPassivoObservations: 'conduct',
  fileExecutionReport: 'conduct',
  fileFinalAccount: 'conduct',
  recordDistribution: 'conduct',
  fileAnnualDeclaration: 'conduct',
  closeFile: 'secretariat',
};

/** Actions that carry a document (its id in the case's document store) and a date. */
export const documentActions: readonly OccAction[] = [
  'submitReport',
  'fileWithCourt',
  'recordCourtEvent',
  'fileObservationsReport',
  'updateCreditorList',
  'fileInventory',
  'fileDraftStatoPassivo',
  'fileExecutionReport',
  'fileFinalAccount',
  'recordDistribution',
  'fileAnnualDeclaration',
];

export const courtEventKinds = [
  'DECRETO_AMMISSIBILITA',
  'MISURE_PROTETTIVE',
  'APERTURA_CONCORDATO',
  'SENTENZA_APERTURA',
  'OMOLOGA',
  'RIGETTO',
  'STATO_PASSIVO_ESECUTIVO',
  'REVOCA',
  'CONVERSIONE',
  'LIQUIDAZIONE_COMPENSO',
  'CHIUSURA',
  'DECRETO_ESDEBITAZIONE',
  'REVOCA_ESDEBITAZIONE',
] as const;
export type CourtEventKind = (typeof courtEventKinds)[number];

export interface ActionContext {
  procedure: OccProcedure;
  stage: OccStage;
  /** A crisis manager is designated and has not answered yet. */
  designationPending: boolean;
  managerAccepted: boolean;
  /** The current quote (issued, not yet accepted). */
  quoteOpen: boolean;
  observationsReportFiled?: boolean;
  statoPassivoObservations?: boolean;
  /** An execution report term or a yearly declaration term is open. */
  reportDue?: boolean;
  declarationDue?: boolean;
  /** One action at a time: another update is still working. */
  busy?: boolean;
}

const plan = (p: OccProcedure) => p === 'RISTRUTTURAZIONE_CONSUMATORE' || p === 'CONCORDATO_MINORE';

/** Court events the secretariat may record now, each with the stage it leads to (null: no stage change). */
export function courtEventsAllowed(procedure: OccProcedure, stage: OccStage, c: Pick<ActionContext, 'statoPassivoObservations'> = {}): Partial<Record<CourtEventKind, OccStage | null>> {
  const out: Partial<Record<CourtEventKind, OccStage | null>> = {};
  if (stage === 'DEPOSITATO') {
    out.RIGETTO = 'RIGETTATO';
    if (procedure === 'RISTRUTTURAZIONE_CONSUMATORE') out.DECRETO_AMMISSIBILITA = 'DECRETO_AMMISSIBILITA';
    if (procedure === 'CONCORDATO_MINORE') out.APERTURA_CONCORDATO = 'VOTAZIONE';
    if (procedure === 'LIQUIDAZIONE_CONTROLLATA') out.SENTENZA_APERTURA = 'SENTENZA_APERTURA';
    if (procedure === 'ESDEBITAZIONE_INCAPIENTE') out.DECRETO_ESDEBITAZIONE = 'MONITORAGGIO_4_ANNI';
  }
  if (procedure === 'RISTRUTTURAZIONE_CONSUMATORE') {
    if (stage === 'DECRETO_AMMISSIBILITA' || stage === 'FINESTRA_OSSERVAZIONI' || stage === 'RELAZIONE_OSSERVAZIONI') {
      out.MISURE_PROTETTIVE = null;
      out.RIGETTO = 'RIGETTATO';
    }
    if (stage === 'RELAZIONE_OSSERVAZIONI') out.OMOLOGA = 'IN_ESECUZIONE';
  }
  if (procedure === 'CONCORDATO_MINORE' && stage === 'VOTAZIONE_CHIUSA') {
    out.OMOLOGA = 'IN_ESECUZIONE';
    out.RIGETTO = 'RIGETTATO';
  }
  if (plan(procedure)) {
    if (stage === 'IN_ESECUZIONE' || stage === 'RENDICONTO_DEPOSITATO') out.REVOCA = 'REVOCATO';
    if (stage === 'RENDICONTO_DEPOSITATO') out.LIQUIDAZIONE_COMPENSO = 'COMPENSO_LIQUIDATO';
    if (stage === 'REVOCATO') out.CONVERSIONE = 'SENTENZA_APERTURA';
  }
  if (procedure === 'LIQUIDAZIONE_CONTROLLATA') {
    if (stage === 'PROGETTO_STATO_PASSIVO' && c.statoPassivoObservations) out.STATO_PASSIVO_ESECUTIVO = 'LIQUIDAZIONE';
    if (stage === 'RENDICONTO') out.CHIUSURA = 'CHIUSURA';
  }
  if (procedure === 'ESDEBITAZIONE_INCAPIENTE' && stage === 'MONITORAGGIO_4_ANNI') out.REVOCA_ESDEBITAZIONE = 'ESDEBITAZIONE_REVOCATA';
  return out;
}

const prefilingOpen: readonly OccStage[] = ['ISTANZA_RICEVUTA', 'PREVENTIVO_EMESSO', 'PREVENTIVO_ACCETTATO', 'GESTORE_DESIGNATO', 'INCARICO_ACCETTATO', 'NOTIFICA_ENTI_FISCALI', 'ISTRUTTORIA', 'RELAZIONE_REDATTA'];

/** The actions the file allows now. */
export function allowedActions(c: ActionContext): OccAction[] {
  if (c.busy || isFinalStage(c.stage)) return [];
  const a: OccAction[] = [];
  const s = c.stage;
  if (s === 'ISTANZA_RICEVUTA' || s === 'PREVENTIVO_EMESSO') a.push('issueQuote');
  if (s === 'PREVENTIVO_EMESSO' && c.quoteOpen) a.push('acceptQuote');
  if (s === 'PREVENTIVO_ACCETTATO' && !c.designationPending) a.push('designateManager');
  if (c.designationPending) a.push('answerAppointment');
  if (s === 'INCARICO_ACCETTATO') a.push('notifyTaxOffices');
  if (s === 'NOTIFICA_ENTI_FISCALI') a.push('startInvestigation');
  if (s === 'ISTRUTTORIA') a.push('submitReport', 'recordNegativeOutcome');
  if (s === 'RELAZIONE_REDATTA') a.push('fileWithCourt', 'recordNegativeOutcome');
  if (prefilingOpen.includes(s)) a.push('withdraw');
  if (Object.keys(courtEventsAllowed(c.procedure, s, c)).length > 0) a.push('recordCourtEvent');
  if (c.procedure === 'RISTRUTTURAZIONE_CONSUMATORE' && s === 'DECRETO_AMMISSIBILITA') a.push('communicateToCreditors');
  if (s === 'RELAZIONE_OSSERVAZIONI' && !c.observationsReportFiled) a.push('fileObservationsReport');
  if (s === 'SENTENZA_APERTURA') a.push('updateCreditorList');
  if (s === 'ELENCO_CREDITORI_AGGIORNATO') a.push('fileInventory');
  if (s === 'INVENTARIO_E_PROGRAMMA') a.push('fileDraftStatoPassivo');
  if (s === 'PROGETTO_STATO_PASSIVO' && !c.statoPassivoObservations) a.push('recordStatoPassivoObservations');
  if (s === 'IN_ESECUZIONE' && c.reportDue) a.push('fileExecutionReport');
  if (s === 'IN_ESECUZIONE' || s === 'LIQUIDAZIONE' || s === 'RIPARTI') a.push('fileFinalAccount');
  if (s === 'LIQUIDAZIONE' || s === 'RIPARTI') a.push('recordDistribution');
  if (s === 'MONITORAGGIO_4_ANNI' && c.declarationDue) a.push('fileAnnualDeclaration');
  if (s === 'REVOCATO') a.push('closeFile');
  return a;
}
