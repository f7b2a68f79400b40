/** Procedure-level states of a mediation (spec mediation.md §1.15, Q0…Q14). */
export const mediationStages = [
  'BOZZA',
  'DEPOSITATA',
  'IN_INTEGRAZIONE',
  'ISCRITTA',
  'MEDIATORE_DESIGNATO',
  'CONVOCATA',
  'IN_ATTESA_PRIMO_INCONTRO',
  'PRIMO_INCONTRO_TENUTO',
  'IN_CORSO',
  'PROPOSTA_PENDENTE',
  'ASSEMBLEA_PENDENTE',
  'VERBALE_IN_FORMAZIONE',
  'CONCLUSA',
  'ARCHIVIATA',
  'POST_CHIUSURA',
] as const;
export type MediationStage = (typeof mediationStages)[number];
