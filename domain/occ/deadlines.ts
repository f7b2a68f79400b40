/**
 * The deadline catalogue of an OCC file (spec §A.4) as data, and the due dates it gives.
 *
 * Rules, as for the mediation terms (domain/mediation/deadlines.ts): calendar days in Europe/Rome,
 * the day of the triggering event not counted; months and years by the common calendar (same day
 * number, else the month's last day); a deadline ends at the end of its last day in Rome. No holiday
 * shift: the spec states none for these terms. Reminders go out at 09:00 Rome `reminderLeadDays`
 * before the last day.
 */
import { tz } from '@date-fns/tz';
import { addDays, addMonths, addYears, endOfDay, format, setHours, startOfDay } from 'date-fns';
import type { OccProcedure } from './procedures';

export const OCC_ZONE = 'Europe/Rome';

export const occDeadlineCodes = [
  'TAX_OFFICE_NOTICE',
  'TAX_OFFICE_REPLY',
  'CREDITORS_COMMUNICATION',
  'CREDITOR_OBSERVATIONS',
  'OBSERVATIONS_REPORT',
  'EXECUTION_REPORT',
  'VOTE',
  'DEBTOR_CREDITOR_LIST',
  'CLAIMS',
  'CREDITOR_LIST_UPDATE',
  'INVENTORY_PROGRAMME',
  'STATO_PASSIVO_OBSERVATIONS',
  'DISCHARGE',
  'ANNUAL_DECLARATION',
  'MONITORING_END',
] as const;
export type OccDeadlineCode = (typeof occDeadlineCodes)[number];

export interface CatalogueEntry {
  code: OccDeadlineCode;
  /** What starts it (Italian, shown in the calendar). */
  start: string;
  amount: number;
  unit: 'days' | 'months' | 'years';
  /** `duty`: someone must act by then (expired if not done); `window`: a term that runs out and has an effect. */
  kind: 'duty' | 'window';
  owner: 'OCC' | 'tax_offices' | 'creditors' | 'debtor' | 'court';
  /** The tribunal sets it within this maximum (claims: ≤ 60 days). */
  setByCourt?: boolean;
  recurring?: boolean;
  procedures: readonly OccProcedure[];
  reminderLeadDays: number;
  label: { it: string; en: string };
  source: string;
}

const ALL: readonly OccProcedure[] = ['RISTRUTTURAZIONE_CONSUMATORE', 'CONCORDATO_MINORE', 'LIQUIDAZIONE_CONTROLLATA', 'ESDEBITAZIONE_INCAPIENTE'];
const PLANS: readonly OccProcedure[] = ['RISTRUTTURAZIONE_CONSUMATORE', 'CONCORDATO_MINORE'];
const RC: readonly OccProcedure[] = ['RISTRUTTURAZIONE_CONSUMATORE'];
const LC: readonly OccProcedure[] = ['LIQUIDAZIONE_CONTROLLATA'];
const INC: readonly OccProcedure[] = ['ESDEBITAZIONE_INCAPIENTE'];

export const occDeadlineCatalogue: readonly CatalogueEntry[] = [
  { code: 'TAX_OFFICE_NOTICE', start: 'incarico del debitore', amount: 7, unit: 'days', kind: 'duty', owner: 'OCC', procedures: ALL, reminderLeadDays: 2, label: { it: 'Notizia ad agente della riscossione e uffici fiscali', en: 'Notice to the tax collection agent and tax offices' }, source: 'art. 68 co. 4 CCII' },
  { code: 'TAX_OFFICE_REPLY', start: 'notizia agli enti fiscali', amount: 15, unit: 'days', kind: 'window', owner: 'tax_offices', procedures: ALL, reminderLeadDays: 2, label: { it: 'Risposta degli uffici fiscali (debito tributario)', en: 'Tax offices’ reply (tax debt)' }, source: 'prassi [U]' },
  { code: 'CREDITORS_COMMUNICATION', start: 'decreto di ammissibilità', amount: 30, unit: 'days', kind: 'duty', owner: 'OCC', procedures: RC, reminderLeadDays: 7, label: { it: 'Comunicazione del decreto a tutti i creditori', en: 'Communication of the decree to all creditors' }, source: 'art. 70 co. 1 CCII' },
  { code: 'CREDITOR_OBSERVATIONS', start: 'comunicazione ai creditori', amount: 20, unit: 'days', kind: 'window', owner: 'creditors', procedures: RC, reminderLeadDays: 2, label: { it: 'Osservazioni dei creditori', en: 'Creditors’ observations' }, source: 'art. 70 co. 3 CCII' },
  { code: 'OBSERVATIONS_REPORT', start: 'scadenza dei 20 giorni per le osservazioni', amount: 10, unit: 'days', kind: 'duty', owner: 'OCC', procedures: RC, reminderLeadDays: 2, label: { it: 'Relazione dell’OCC al giudice sulle osservazioni', en: 'OCC report to the judge on the observations' }, source: 'art. 70 co. 6 CCII' },
  { code: 'EXECUTION_REPORT', start: 'omologazione (ogni 6 mesi)', amount: 6, unit: 'months', kind: 'duty', owner: 'OCC', recurring: true, procedures: PLANS, reminderLeadDays: 7, label: { it: 'Relazione semestrale sull’esecuzione del piano', en: 'Six-monthly report on the plan’s execution' }, source: 'art. 71 co. 1 CCII' },
  { code: 'VOTE', start: 'decreto di apertura (ricezione PEC)', amount: 30, unit: 'days', kind: 'window', owner: 'creditors', procedures: ['CONCORDATO_MINORE'], reminderLeadDays: 7, label: { it: 'Dichiarazioni di adesione o mancata adesione (silenzio-assenso)', en: 'Creditors’ votes (silence is consent)' }, source: 'artt. 78 co. 2 lett. c, 79 co. 3 CCII' },
  { code: 'DEBTOR_CREDITOR_LIST', start: 'sentenza di apertura', amount: 7, unit: 'days', kind: 'duty', owner: 'debtor', procedures: LC, reminderLeadDays: 2, label: { it: 'Deposito di scritture contabili ed elenco creditori da parte del debitore', en: 'Debtor files accounts and creditor list' }, source: 'art. 270 co. 2 lett. c CCII' },
  { code: 'CLAIMS', start: 'sentenza di apertura', amount: 60, unit: 'days', kind: 'window', owner: 'creditors', setByCourt: true, procedures: LC, reminderLeadDays: 7, label: { it: 'Domande di ammissione al passivo via PEC', en: 'Claims by PEC' }, source: 'art. 270 co. 2 lett. d CCII' },
  { code: 'CREDITOR_LIST_UPDATE', start: 'sentenza di apertura', amount: 30, unit: 'days', kind: 'duty', owner: 'OCC', procedures: LC, reminderLeadDays: 7, label: { it: 'Aggiornamento dell’elenco dei creditori e notifica della sentenza', en: 'Creditor list update and notice of the judgement' }, source: 'art. 272 co. 1 CCII [S]' },
  { code: 'INVENTORY_PROGRAMME', start: 'apertura della liquidazione', amount: 90, unit: 'days', kind: 'duty', owner: 'OCC', procedures: LC, reminderLeadDays: 7, label: { it: 'Inventario e programma di liquidazione', en: 'Inventory and liquidation programme' }, source: 'art. 272 co. 2 CCII [S]' },
  { code: 'STATO_PASSIVO_OBSERVATIONS', start: 'comunicazione del progetto di stato passivo', amount: 15, unit: 'days', kind: 'window', owner: 'creditors', procedures: LC, reminderLeadDays: 2, label: { it: 'Osservazioni al progetto di stato passivo', en: 'Observations on the draft list of liabilities' }, source: 'art. 273 CCII [S]' },
  { code: 'DISCHARGE', start: 'apertura della liquidazione', amount: 3, unit: 'years', kind: 'window', owner: 'court', procedures: LC, reminderLeadDays: 30, label: { it: 'Esdebitazione di diritto (3 anni dall’apertura)', en: 'Discharge by law (3 years after opening)' }, source: 'art. 282 CCII [S]' },
  { code: 'ANNUAL_DECLARATION', start: 'decreto di esdebitazione (ogni anno)', amount: 1, unit: 'years', kind: 'duty', owner: 'debtor', recurring: true, procedures: INC, reminderLeadDays: 30, label: { it: 'Dichiarazione annuale delle sopravvenienze', en: 'Yearly declaration of new assets' }, source: 'art. 283 CCII [U]' },
  { code: 'MONITORING_END', start: 'decreto di esdebitazione', amount: 4, unit: 'years', kind: 'window', owner: 'court', procedures: INC, reminderLeadDays: 30, label: { it: 'Fine dei 4 anni di obbligo sopravvenuto', en: 'End of the 4-year surviving obligation' }, source: 'art. 283 co. 1 CCII [S]' },
];

export function catalogueEntry(code: OccDeadlineCode): CatalogueEntry {
  return occDeadlineCatalogue.find((e) => e.code === code)!;
}

/** The catalogue entries that apply to a procedure (a converted file shows both procedures' terms). */
export function catalogueFor(procedures: readonly OccProcedure[]): CatalogueEntry[] {
  return occDeadlineCatalogue.filter((e) => e.procedures.some((p) => procedures.includes(p)));
}

export interface OccDue {
  /** Last day, `YYYY-MM-DD` in Rome. */
  dueDate: string;
  /** End of that day in Rome. */
  dueAt: Date;
  /** 09:00 Rome `reminderLeadDays` before the last day (null when that is not after the start). */
  reminderAt: Date | null;
}

const inRome = { in: tz(OCC_ZONE) };

/**
 * The due date of `code` started at `startAt`, `times` periods later (recurring terms: the n-th six
 * months, the n-th year). `amount` overrides the catalogue's (a term set by the court).
 */
export function occDueDate(code: OccDeadlineCode, startAt: Date, opts: { times?: number; amount?: number } = {}): OccDue {
  if (Number.isNaN(startAt.getTime())) throw new RangeError('startAt must be a valid date');
  const e = catalogueEntry(code);
  const n = (opts.amount ?? e.amount) * (opts.times ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${code}: the term must be a positive whole number`);
  const day = startOfDay(startAt, inRome);
  const last = e.unit === 'days' ? addDays(day, n, inRome) : e.unit === 'months' ? addMonths(day, n, inRome) : addYears(day, n, inRome);
  const dueAt = new Date(endOfDay(last, inRome).getTime());
  const reminder = new Date(setHours(addDays(last, -e.reminderLeadDays, inRome), 9, inRome).getTime());
  return { dueDate: format(last, 'yyyy-MM-dd', inRome), dueAt, reminderAt: reminder.getTime() > startAt.getTime() ? reminder : null };
}

/** `YYYY-MM-DD` of an instant in Rome. */
export function romeDay(at: Date): string {
  return format(at, 'yyyy-MM-dd', inRome);
}

/** The start of a Rome calendar day (`YYYY-MM-DD`) as an instant. */
export function startOfRomeDay(day: string): Date {
  return new Date(startOfDay(new Date(`${day}T12:00:00Z`), inRome).getTime());
}
