/**
 * Stages of an OCC file (spec §A.3.1–A.3.5), with the spec's Italian state names as codes, grouped
 * in the three phases the workflow runs as separate runs (continue-as-new at each boundary):
 * pre-filing → court → execution/monitoring.
 */
import type { OccProcedure } from './procedures';

export const prefilingStages = [
  'ISTANZA_RICEVUTA',
  'PREVENTIVO_EMESSO',
  'PREVENTIVO_ACCETTATO',
  'GESTORE_DESIGNATO',
  'INCARICO_ACCETTATO',
  'NOTIFICA_ENTI_FISCALI',
  'ISTRUTTORIA',
  'RELAZIONE_REDATTA',
] as const;

export const courtStages = [
  'DEPOSITATO',
  // A.3.2 ristrutturazione del consumatore
  'DECRETO_AMMISSIBILITA',
  'FINESTRA_OSSERVAZIONI',
  'RELAZIONE_OSSERVAZIONI',
  // A.3.3 concordato minore
  'VOTAZIONE',
  'VOTAZIONE_CHIUSA',
  // A.3.4 liquidazione controllata
  'SENTENZA_APERTURA',
  'ELENCO_CREDITORI_AGGIORNATO',
  'INVENTARIO_E_PROGRAMMA',
  'PROGETTO_STATO_PASSIVO',
] as const;

export const executionStages = [
  'IN_ESECUZIONE',
  'RENDICONTO_DEPOSITATO',
  'REVOCATO',
  // A.3.4 after the stato passivo
  'LIQUIDAZIONE',
  'RIPARTI',
  'RENDICONTO',
  // A.3.5 incapiente
  'MONITORAGGIO_4_ANNI',
] as const;

/** Where a file ends. */
export const finalStages = [
  'RINUNCIA',
  'ESITO_NEGATIVO',
  'RIGETTATO',
  'COMPENSO_LIQUIDATO',
  'CHIUSURA',
  'MONITORAGGIO_CONCLUSO',
  'ESDEBITAZIONE_REVOCATA',
  'ARCHIVIATO',
] as const;

export const occStages = [...prefilingStages, ...courtStages, ...executionStages, ...finalStages] as const;
export type OccStage = (typeof occStages)[number];
export type OccPhase = 'prefiling' | 'court' | 'execution';

export function phaseOf(stage: OccStage): OccPhase | 'closed' {
  if ((prefilingStages as readonly string[]).includes(stage)) return 'prefiling';
  if ((courtStages as readonly string[]).includes(stage)) return 'court';
  if ((executionStages as readonly string[]).includes(stage)) return 'execution';
  return 'closed';
}

export const isFinalStage = (stage: OccStage): boolean => (finalStages as readonly string[]).includes(stage);

/** The stage a file enters when its court phase turns into execution (continue-as-new boundary). */
export function executionStageFor(procedure: OccProcedure): OccStage {
  if (procedure === 'LIQUIDAZIONE_CONTROLLATA') return 'LIQUIDAZIONE';
  if (procedure === 'ESDEBITAZIONE_INCAPIENTE') return 'MONITORAGGIO_4_ANNI';
  return 'IN_ESECUZIONE';
}
