/**
 * The four overindebtedness procedures an OCC handles (CCII arts. 65–83, 268–283; spec
 * occ-protocol-pec-preservation.md §A.2) and the debtor categories that decide which are open.
 *
 * - Ristrutturazione dei debiti del consumatore (arts. 67–73): consumers only.
 * - Concordato minore (arts. 74–83): non-consumer debtors (professionals, minor, agricultural
 *   entrepreneurs, innovative start-ups); consumers are excluded.
 * - Liquidazione controllata (arts. 268–277): any overindebted debtor.
 * - Esdebitazione del debitore incapiente (art. 283): a natural person who can offer creditors no
 *   utility, once in a lifetime.
 * Access bar [S]: no esdebitazione in the previous 5 years and not two already.
 */
import { tz } from '@date-fns/tz';
import { addYears, format } from 'date-fns';
import { DomainError } from '../errors';

export const occProcedures = ['RISTRUTTURAZIONE_CONSUMATORE', 'CONCORDATO_MINORE', 'LIQUIDAZIONE_CONTROLLATA', 'ESDEBITAZIONE_INCAPIENTE'] as const;
export type OccProcedure = (typeof occProcedures)[number];

export const debtorCategories = ['consumatore', 'professionista', 'imprenditore_minore', 'imprenditore_agricolo', 'startup_innovativa'] as const;
export type DebtorCategory = (typeof debtorCategories)[number];

/** Italian labels (UI, notices) and the articles of each procedure. */
export const procedureInfo: Record<OccProcedure, { it: string; en: string; articles: string }> = {
  RISTRUTTURAZIONE_CONSUMATORE: { it: 'Ristrutturazione dei debiti del consumatore', en: 'Consumer debt restructuring', articles: 'artt. 67–73 CCII' },
  CONCORDATO_MINORE: { it: 'Concordato minore', en: 'Minor composition with creditors', articles: 'artt. 74–83 CCII' },
  LIQUIDAZIONE_CONTROLLATA: { it: 'Liquidazione controllata', en: 'Controlled liquidation', articles: 'artt. 268–277 CCII' },
  ESDEBITAZIONE_INCAPIENTE: { it: 'Esdebitazione del debitore incapiente', en: 'Discharge of the debtor without assets', articles: 'art. 283 CCII' },
};

/** Why a procedure is closed to a debtor; field codes of OCC_PROCEDURE_NOT_AVAILABLE. */
export type AccessIssue = 'CONSUMERS_ONLY' | 'NOT_FOR_CONSUMERS' | 'NATURAL_PERSON_ONLY' | 'DISCHARGE_WITHIN_5_YEARS' | 'TWO_DISCHARGES_ALREADY' | 'INCAPIENTE_ONCE_ONLY';

export interface AccessFacts {
  procedure: OccProcedure;
  category: DebtorCategory;
  /** The debtor is a natural person (registry kind 'person'). */
  naturalPerson: boolean;
  /** Earlier discharges (esdebitazioni), with the date and whether it was the art. 283 one. */
  previousDischarges: readonly { date: string; incapiente: boolean }[];
  /** `YYYY-MM-DD` in Europe/Rome of the request (time is an input). */
  today: string;
}

/** Every reason the procedure is closed to this debtor; empty when it is open. */
export function accessIssues(f: AccessFacts): AccessIssue[] {
  const out: AccessIssue[] = [];
  const consumer = f.category === 'consumatore';
  if (f.procedure === 'RISTRUTTURAZIONE_CONSUMATORE' && (!consumer || !f.naturalPerson)) out.push('CONSUMERS_ONLY');
  if (f.procedure === 'CONCORDATO_MINORE' && consumer) out.push('NOT_FOR_CONSUMERS');
  if (f.procedure === 'ESDEBITAZIONE_INCAPIENTE' && !f.naturalPerson) out.push('NATURAL_PERSON_ONLY');
  const fiveYearsAgo = format(addYears(new Date(`${f.today}T12:00:00Z`), -5), 'yyyy-MM-dd', { in: tz('UTC') });
  if (f.previousDischarges.some((d) => d.date > fiveYearsAgo)) out.push('DISCHARGE_WITHIN_5_YEARS');
  if (f.previousDischarges.length >= 2) out.push('TWO_DISCHARGES_ALREADY');
  if (f.procedure === 'ESDEBITAZIONE_INCAPIENTE' && f.previousDischarges.some((d) => d.incapiente)) out.push('INCAPIENTE_ONCE_ONLY');
  return out;
}

/** Throws OCC_PROCEDURE_NOT_AVAILABLE with one field per issue when the procedure is closed. */
export function assertProcedureAvailable(f: AccessFacts): void {
  const issues = accessIssues(f);
  if (issues.length) throw new DomainError('OCC_PROCEDURE_NOT_AVAILABLE', issues.map((code) => ({ path: 'procedure', code })));
}
