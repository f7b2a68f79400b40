import type { OccAction } from '@/services/occ-files-api';

/** The inputs of each action's form (besides the answer to the appointment, which has its own form). */
export type OccActionField = 'date' | 'acceptedOn' | 'document' | 'optionalDocument' | 'evidence' | 'court' | 'kind' | 'claimsDays' | 'notes' | 'reason' | 'count' | 'amount' | 'newAssets' | 'designation';

const dated: OccActionField[] = ['date', 'document'];

export const occActionFields: Record<Exclude<OccAction, 'answerAppointment'>, OccActionField[]> = {
  issueQuote: [],
  acceptQuote: ['acceptedOn', 'evidence'],
  designateManager: ['designation'],
  notifyTaxOffices: ['date', 'optionalDocument'],
  startInvestigation: [],
  submitReport: dated,
  fileWithCourt: [...dated, 'court'],
  withdraw: ['reason'],
  recordNegativeOutcome: ['reason'],
  recordCourtEvent: ['kind', ...dated, 'claimsDays', 'notes'],
  communicateToCreditors: ['date', 'optionalDocument'],
  fileObservationsReport: dated,
  updateCreditorList: dated,
  fileInventory: dated,
  fileDraftStatoPassivo: dated,
  recordStatoPassivoObservations: ['date', 'count'],
  fileExecutionReport: dated,
  fileFinalAccount: dated,
  recordDistribution: [...dated, 'amount'],
  fileAnnualDeclaration: [...dated, 'newAssets'],
  closeFile: ['reason'],
};

/** Court events that open the claims window the court sets (≤ 60 days). */
export const courtEventsWithClaimsDays = ['SENTENZA_APERTURA', 'CONVERSIONE'];

/** Today in Rome, `YYYY-MM-DD` (the API refuses act dates after it). */
export const todayRome = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
