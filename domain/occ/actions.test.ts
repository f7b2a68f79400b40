import { allowedActions, courtEventsAllowed, type ActionContext } from './actions';

const ctx = (over: Partial<ActionContext>): ActionContext => ({ procedure: 'RISTRUTTURAZIONE_CONSUMATORE', stage: 'ISTANZA_RICEVUTA', designationPending: false, managerAccepted: false, quoteOpen: false, ...over });

describe('allowed actions per stage', () => {
  it.each<[Partial<ActionContext>, string[]]>([
    [{}, ['issueQuote', 'withdraw']],
    [{ stage: 'PREVENTIVO_EMESSO', quoteOpen: true }, ['issueQuote', 'acceptQuote', 'withdraw']],
    [{ stage: 'PREVENTIVO_ACCETTATO' }, ['designateManager', 'withdraw']],
    [{ stage: 'GESTORE_DESIGNATO', designationPending: true }, ['answerAppointment', 'withdraw']],
    [{ stage: 'INCARICO_ACCETTATO', managerAccepted: true }, ['notifyTaxOffices', 'withdraw']],
    [{ stage: 'ISTRUTTORIA' }, ['submitReport', 'recordNegativeOutcome', 'withdraw']],
    [{ stage: 'RELAZIONE_REDATTA' }, ['fileWithCourt', 'recordNegativeOutcome', 'withdraw']],
    [{ stage: 'DEPOSITATO' }, ['recordCourtEvent']],
    [{ stage: 'DECRETO_AMMISSIBILITA' }, ['recordCourtEvent', 'communicateToCreditors']],
    [{ stage: 'RELAZIONE_OSSERVAZIONI' }, ['recordCourtEvent', 'fileObservationsReport']],
    [{ stage: 'IN_ESECUZIONE', reportDue: true }, ['recordCourtEvent', 'fileExecutionReport', 'fileFinalAccount']],
    [{ stage: 'REVOCATO' }, ['recordCourtEvent', 'closeFile']],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA', stage: 'SENTENZA_APERTURA' }, ['updateCreditorList']],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA', stage: 'PROGETTO_STATO_PASSIVO' }, ['recordStatoPassivoObservations']],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA', stage: 'PROGETTO_STATO_PASSIVO', statoPassivoObservations: true }, ['recordCourtEvent']],
    [{ procedure: 'LIQUIDAZIONE_CONTROLLATA', stage: 'LIQUIDAZIONE' }, ['fileFinalAccount', 'recordDistribution']],
    [{ procedure: 'ESDEBITAZIONE_INCAPIENTE', stage: 'MONITORAGGIO_4_ANNI', declarationDue: true }, ['recordCourtEvent', 'fileAnnualDeclaration']],
    [{ stage: 'RINUNCIA' }, []],
    [{ stage: 'CHIUSURA', procedure: 'LIQUIDAZIONE_CONTROLLATA' }, []],
    [{ stage: 'ISTRUTTORIA', busy: true }, []],
  ])('%j → %j', (over, actions) => expect(allowedActions(ctx(over))).toEqual(actions));
});

describe('court events per procedure and stage', () => {
  it.each<[ActionContext['procedure'], ActionContext['stage'], Record<string, string | null>]>([
    ['RISTRUTTURAZIONE_CONSUMATORE', 'DEPOSITATO', { RIGETTO: 'RIGETTATO', DECRETO_AMMISSIBILITA: 'DECRETO_AMMISSIBILITA' }],
    ['CONCORDATO_MINORE', 'DEPOSITATO', { RIGETTO: 'RIGETTATO', APERTURA_CONCORDATO: 'VOTAZIONE' }],
    ['LIQUIDAZIONE_CONTROLLATA', 'DEPOSITATO', { RIGETTO: 'RIGETTATO', SENTENZA_APERTURA: 'SENTENZA_APERTURA' }],
    ['ESDEBITAZIONE_INCAPIENTE', 'DEPOSITATO', { RIGETTO: 'RIGETTATO', DECRETO_ESDEBITAZIONE: 'MONITORAGGIO_4_ANNI' }],
    ['RISTRUTTURAZIONE_CONSUMATORE', 'RELAZIONE_OSSERVAZIONI', { MISURE_PROTETTIVE: null, RIGETTO: 'RIGETTATO', OMOLOGA: 'IN_ESECUZIONE' }],
    ['CONCORDATO_MINORE', 'VOTAZIONE', {}],
    ['CONCORDATO_MINORE', 'VOTAZIONE_CHIUSA', { OMOLOGA: 'IN_ESECUZIONE', RIGETTO: 'RIGETTATO' }],
    ['CONCORDATO_MINORE', 'IN_ESECUZIONE', { REVOCA: 'REVOCATO' }],
    ['RISTRUTTURAZIONE_CONSUMATORE', 'RENDICONTO_DEPOSITATO', { REVOCA: 'REVOCATO', LIQUIDAZIONE_COMPENSO: 'COMPENSO_LIQUIDATO' }],
    ['RISTRUTTURAZIONE_CONSUMATORE', 'REVOCATO', { CONVERSIONE: 'SENTENZA_APERTURA' }],
    ['LIQUIDAZIONE_CONTROLLATA', 'RENDICONTO', { CHIUSURA: 'CHIUSURA' }],
    ['ESDEBITAZIONE_INCAPIENTE', 'MONITORAGGIO_4_ANNI', { REVOCA_ESDEBITAZIONE: 'ESDEBITAZIONE_REVOCATA' }],
  ])('%s in %s', (procedure, stage, events) => expect(courtEventsAllowed(procedure, stage)).toEqual(events));
});
