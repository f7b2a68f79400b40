/**
 * Legal and organisational deadlines of a mediation (spec mediation.md §1.6–1.8, §1.10, §1.13,
 * §1.15 timers T_PRIMO_MIN/T_PRIMO_MAX, T_DURATA, T_PROPOSTA), computed purely: every function takes
 * the anchor instants, `now` where needed and a per-body {@link DeadlinePolicy} holding the zone.
 *
 * Rules applied everywhere:
 * - Days are calendar days in the policy's zone (Europe/Rome), not 24-hour periods, so DST changes
 *   never move a deadline. An instant is first converted to its Rome calendar day: a filing at
 *   2026-03-31T22:30Z is a filing of 1 April.
 * - Terms in days: the day of the triggering event is not counted (dies a quo non computatur,
 *   art. 155 c.1 c.p.c., art. 2963 c.2 c.c.): "7 days from 3 March" ends with 10 March.
 * - Terms in months follow the common calendar (art. 155 c.2 c.p.c.): the term ends on the day
 *   with the same number as the starting day; when the final month has no such day, on its last day
 *   (art. 2963 c.4 c.c.) — date-fns `addMonths` semantics in the zone: 31 Aug + 6 months = 28/29 Feb.
 * - A deadline is an instant: the end of its last day in the zone (23:59:59.999 Rome time), i.e.
 *   anything done during that day is in time.
 * - No summer suspension (sospensione feriale) applies to mediation (§1.13): August counts.
 * - Moving a deadline that falls on a public holiday to the next working day (art. 155 cc.4-5
 *   c.p.c.) is not stated by the spec for mediation terms; it is the policy flag
 *   `shiftFromHolidays`, off by default. When on, it moves every deadline's last day (never the
 *   earliest day of the first-meeting window) past Sundays, Italian national holidays (Easter
 *   Monday computed), the body's `extraHolidays` and, with `saturdayIsHoliday` (art. 155 c.5), Saturdays.
 */
import { DomainError, type ErrorCode } from '../errors';
import { tz, type TZDate } from '@date-fns/tz';
import { addDays, addMonths, endOfDay, format, setHours, startOfDay } from 'date-fns';
import { z } from 'zod';
import type { MediationType } from './matters';

// ---------------------------------------------------------------------------------------------
// Errors (codes to be listed in domain/errors.ts; until then this local class carries them)
// ---------------------------------------------------------------------------------------------

export type DeadlineErrorCode = Extract<ErrorCode, 'MEETING_OUTSIDE_LEGAL_WINDOW' | 'EXTENSION_NOT_ALLOWED' | 'PROPOSAL_REPLY_TERM_TOO_SHORT'>;

/** A deadline rule violation: same shape as DomainError (code + field details). */
export class DeadlineRuleError extends DomainError {
  constructor(code: DeadlineErrorCode, fields: { path: string; code: string }[] = []) {
    super(code, fields);
    this.name = 'DeadlineRuleError';
  }
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

export const deadlineKinds = [
  'MEDIATOR_ANSWER',
  'ADHESION',
  'FIRST_MEETING_LATEST',
  'PROPOSAL_REPLY',
  'PROCEDURE_END',
] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

const days = (min: number, max: number) => z.number().int().min(min).max(max);
const leadDays = z.array(days(0, 365)).max(10);
const defaultLeads = () => [7, 2];

function isValidZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A body's deadline configuration. Parse stored configuration with {@link parseDeadlinePolicy}:
 * every field missing takes the documented default.
 */
export const deadlinePolicySchema = z
  .object({
    /** Zone in which days are counted. */
    zone: z.string().refine(isValidZone, 'INVALID_TIME_ZONE').default('Europe/Rome'),
    /** First meeting not earlier than … days after filing (art. 8 c.1, §1.8). Legal value. */
    firstMeetingMinDays: days(0, 365).default(20),
    /** …and not later than … days after filing, unless the parties agree otherwise. Legal value. */
    firstMeetingMaxDays: days(1, 365).default(40),
    /** Maximum duration (art. 6 after the correttivo, §1.13). Legal value. */
    durationMonths: days(1, 60).default(6),
    /** Each extension agreed by the parties lasts at most … months (art. 6). Legal value. */
    maxExtensionMonths: days(1, 60).default(3),
    /** Court-referred (DEMANDATA) mediation may be extended … times (art. 6: once). Legal value. */
    demandataMaxExtensions: days(0, 100).default(1),
    /** Parties answer the mediator's proposal within … days (art. 11, §1.10); the mediator may only lengthen it. */
    proposalReplyDays: days(1, 365).default(7),
    /**
     * Days the designated mediator has to accept (and sign the declaration of independence and
     * impartiality) or refuse. Not in the law (spec §2.3: OdM regulations): default 3, so that a
     * refusal or silence still leaves time to re-designate and convene before the 20th day.
     */
    mediatorAnswerDays: days(1, 60).default(3),
    /**
     * Days the invited party has, from the convocation, to adhere or refuse. Not in the law (spec
     * §1.7): default 15, which with a convocation sent in the first days falls before the 20th day.
     */
    adhesionDays: days(1, 120).default(15),
    /**
     * The adhesion deadline never falls later than … days before the day of the first meeting
     * (default 1: the day before), when the meeting date is known. OdM practice, not law.
     */
    adhesionCutoffDaysBeforeMeeting: days(0, 60).default(1),
    /** Reminders to the secretariat … days before each deadline's last day. */
    reminderLeadDays: z
      .object({
        MEDIATOR_ANSWER: leadDays.default(defaultLeads),
        ADHESION: leadDays.default(defaultLeads),
        FIRST_MEETING_LATEST: leadDays.default(defaultLeads),
        PROPOSAL_REPLY: leadDays.default(defaultLeads),
        PROCEDURE_END: leadDays.default(defaultLeads),
      })
      .default(() => ({
        MEDIATOR_ANSWER: defaultLeads(),
        ADHESION: defaultLeads(),
        FIRST_MEETING_LATEST: defaultLeads(),
        PROPOSAL_REPLY: defaultLeads(),
        PROCEDURE_END: defaultLeads(),
      })),
    /** Reminders fire at this hour (0-23) of their day, in the zone. */
    reminderHour: days(0, 23).default(9),
    /** Move a deadline falling on a non-working day to the next working day (art. 155 cc.4-5 c.p.c.). Not in the spec: off. */
    shiftFromHolidays: z.boolean().default(false),
    /** With shiftFromHolidays, Saturdays count as non-working days (art. 155 c.5 c.p.c.). */
    saturdayIsHoliday: z.boolean().default(true),
    /** Further non-working days of the body (e.g. the local patron saint): `MM-DD` every year or `YYYY-MM-DD`. */
    extraHolidays: z
      .array(z.string().regex(/^([0-9]{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'INVALID_HOLIDAY'))
      .max(50)
      .default(() => []),
  })
  .refine((p) => p.firstMeetingMinDays <= p.firstMeetingMaxDays, {
    message: 'FIRST_MEETING_WINDOW_INVERTED',
    path: ['firstMeetingMinDays'],
  });

export type DeadlinePolicy = z.output<typeof deadlinePolicySchema>;

/** Parses a body's stored configuration; missing fields take the defaults. Throws ZodError. */
export function parseDeadlinePolicy(input: unknown): DeadlinePolicy {
  return deadlinePolicySchema.parse(input ?? {});
}

/** The documented defaults (legal values where the spec confirms them, see each field). */
export const defaultDeadlinePolicy: Readonly<DeadlinePolicy> = Object.freeze(parseDeadlinePolicy({}));

// ---------------------------------------------------------------------------------------------
// Calendar helpers
// ---------------------------------------------------------------------------------------------

/** A deadline: its last day (`YYYY-MM-DD` in the zone) and the instant that day ends. */
export interface Deadline {
  dueDate: string;
  dueAt: Date;
  /** The last day before the holiday shift, when `shiftFromHolidays` moved it. */
  shiftedFrom?: string;
}

function assertValidDate(d: Date, name: string): void {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new RangeError(`${name} must be a valid date`);
}

function inZone(policy: DeadlinePolicy) {
  return { in: tz(policy.zone) };
}

/** Start of the calendar day of `at` in the zone. */
function dayOf(at: Date, policy: DeadlinePolicy): TZDate {
  return startOfDay(at, inZone(policy));
}

function keyOf(day: Date, policy: DeadlinePolicy): string {
  return format(day, 'yyyy-MM-dd', inZone(policy));
}

function plainDate(d: Date): Date {
  return new Date(d.getTime());
}

/**
 * Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher), as
 * `YYYY-MM-DD`.
 */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`easterSunday needs a Gregorian year, got ${year}`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function nextCalendarDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/**
 * Italian national public holidays of a year (L. 27 maggio 1949 n. 260 art. 2 as amended; 2 June
 * by L. 336/2000; 4 October by L. 151/2025), `YYYY-MM-DD`, sorted: 1 and 6 January, Easter Sunday and Monday, 25 April, 1 May,
 * 2 June, 15 August, 4 October (from 2026, L. 151/2025), 1 November, 8, 25 and 26 December.
 * Sundays are non-working days too but are not listed.
 */
export function italianPublicHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = ['01-01', '01-06', '04-25', '05-01', '06-02', '08-15', '11-01', '12-08', '12-25', '12-26'];
  if (year >= 2026) fixed.push('10-04');
  return [...fixed.map((md) => `${year}-${md}`), easter, nextCalendarDay(easter)].sort();
}

/** True when `dueDate` (`YYYY-MM-DD`) is not a working day under the policy's holiday rules. */
export function isNonWorkingDay(dueDate: string, policy: DeadlinePolicy = defaultDeadlinePolicy): boolean {
  const [y, m, d] = dueDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (weekday === 0) return true;
  if (weekday === 6 && policy.saturdayIsHoliday) return true;
  if (italianPublicHolidays(y).includes(dueDate)) return true;
  const monthDay = dueDate.slice(5);
  return policy.extraHolidays.some((h) => h === dueDate || h === monthDay);
}

/** The deadline ending with `lastDay` (start of a day in the zone), shifted off holidays if the policy says so. */
function deadlineFromDay(lastDay: TZDate, policy: DeadlinePolicy): Deadline {
  let day = lastDay;
  const original = keyOf(day, policy);
  if (policy.shiftFromHolidays) {
    // At most a handful of iterations (e.g. Sat 25 Dec → Mon 27 Dec); the bound is a safety net.
    for (let i = 0; i < 14 && isNonWorkingDay(keyOf(day, policy), policy); i++) day = addDays(day, 1, inZone(policy));
  }
  const dueDate = keyOf(day, policy);
  const deadline: Deadline = { dueDate, dueAt: plainDate(endOfDay(day, inZone(policy))) };
  if (dueDate !== original) deadline.shiftedFrom = original;
  return deadline;
}

/** `count` calendar days after the day of `from` (that day not counted), as a deadline. */
function daysAfter(from: Date, count: number, policy: DeadlinePolicy): Deadline {
  return deadlineFromDay(addDays(dayOf(from, policy), count, inZone(policy)), policy);
}

// ---------------------------------------------------------------------------------------------
// First meeting window (T_PRIMO_MIN / T_PRIMO_MAX)
// ---------------------------------------------------------------------------------------------

export interface FirstMeetingWindow {
  /** First day on which the meeting may be held: filing day + 20 (`YYYY-MM-DD` in the zone). */
  earliest: string;
  /** Last day: filing day + 40, moved past holidays only with `shiftFromHolidays`. */
  latest: string;
  /** Start of `earliest` in the zone. */
  opensAt: Date;
  /** End of `latest` in the zone. */
  closesAt: Date;
}

/**
 * The window for the first meeting (art. 8 c.1: "non prima di venti e non oltre quaranta giorni
 * dal deposito della domanda"). The filing day is not counted, so a filing on 1 April gives
 * [21 April, 11 May]. Pass the date the application counts as filed (after an integration,
 * the completion date, spec §1.2).
 */
export function firstMeetingWindow(filedAt: Date, policy: DeadlinePolicy = defaultDeadlinePolicy): FirstMeetingWindow {
  assertValidDate(filedAt, 'filedAt');
  const filingDay = dayOf(filedAt, policy);
  const earliestDay = addDays(filingDay, policy.firstMeetingMinDays, inZone(policy));
  const latest = daysAfter(filedAt, policy.firstMeetingMaxDays, policy);
  return {
    earliest: keyOf(earliestDay, policy),
    latest: latest.dueDate,
    opensAt: plainDate(earliestDay),
    closesAt: latest.dueAt,
  };
}

/**
 * Throws `MEETING_OUTSIDE_LEGAL_WINDOW` unless the meeting's day (in the zone) is within
 * {@link firstMeetingWindow}. With `partiesAgreedOtherwise` ("salvo diversa concorde indicazione
 * delle parti") any day is accepted, but never a meeting before the filing itself.
 * Field codes: `BEFORE_FILING`, `TOO_EARLY`, `TOO_LATE` on path `meetingAt`.
 */
export function assertMeetingWithinWindow(
  meetingAt: Date,
  filedAt: Date,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
  options: { partiesAgreedOtherwise?: boolean } = {},
): void {
  assertValidDate(meetingAt, 'meetingAt');
  assertValidDate(filedAt, 'filedAt');
  if (meetingAt.getTime() < filedAt.getTime()) {
    throw new DeadlineRuleError('MEETING_OUTSIDE_LEGAL_WINDOW', [{ path: 'meetingAt', code: 'BEFORE_FILING' }]);
  }
  if (options.partiesAgreedOtherwise) return;
  const window = firstMeetingWindow(filedAt, policy);
  const meetingDay = keyOf(meetingAt, policy);
  if (meetingDay < window.earliest) {
    throw new DeadlineRuleError('MEETING_OUTSIDE_LEGAL_WINDOW', [{ path: 'meetingAt', code: 'TOO_EARLY' }]);
  }
  if (meetingDay > window.latest) {
    throw new DeadlineRuleError('MEETING_OUTSIDE_LEGAL_WINDOW', [{ path: 'meetingAt', code: 'TOO_LATE' }]);
  }
}

// ---------------------------------------------------------------------------------------------
// Duration and extensions (T_DURATA, art. 6)
// ---------------------------------------------------------------------------------------------

export interface Extension {
  /** Whole months, 1 … policy.maxExtensionMonths. */
  months: number;
  /** When the parties' written agreement was made: checked to be after the start and before expiry. */
  agreedAt?: Date;
}

export interface ProcedureEnd extends Deadline {
  /** End of the initial term, before any extension. */
  initialDueDate: string;
}

/**
 * When the procedure's maximum duration expires (art. 6 as amended by the correttivo, §1.13):
 * `durationMonths` (6) calendar months from `startsAt`, then each extension, in order, adds its
 * months to the previous expiry day (31 Aug + 6 m = 28 Feb; + 3 m = 28 May, not 31 May).
 * `startsAt` is the filing for every type except DEMANDATA, where it is the deposit of the judge's
 * order (ordinanza) that referred the parties. No summer suspension applies.
 *
 * Throws `EXTENSION_NOT_ALLOWED` with a field per problem: `EXTENSION_MONTHS_INVALID` (not a whole
 * number of months ≥ 1), `EXTENSION_TOO_LONG` (> maxExtensionMonths), `DEMANDATA_EXTENSION_LIMIT`
 * (more than demandataMaxExtensions, i.e. more than once), `EXTENSION_BEFORE_START` and
 * `EXTENSION_AFTER_EXPIRY` (agreedAt outside [start, current expiry]). Other types (OBBLIGATORIA,
 * VOLONTARIA and, the spec being silent, CLAUSOLA) have no limit on the number of extensions.
 */
export function procedureEnd(
  startsAt: Date,
  extensions: readonly Extension[],
  policy: DeadlinePolicy,
  type: MediationType,
): ProcedureEnd {
  assertValidDate(startsAt, 'startsAt');
  const fields: { path: string; code: string }[] = [];
  if (type === 'DEMANDATA' && extensions.length > policy.demandataMaxExtensions) {
    fields.push({ path: `extensions.${policy.demandataMaxExtensions}`, code: 'DEMANDATA_EXTENSION_LIMIT' });
  }
  let lastDay = addMonths(dayOf(startsAt, policy), policy.durationMonths, inZone(policy));
  const initial = deadlineFromDay(lastDay, policy);
  let current = initial;
  extensions.forEach((ext, i) => {
    if (!Number.isInteger(ext.months) || ext.months < 1) {
      fields.push({ path: `extensions.${i}.months`, code: 'EXTENSION_MONTHS_INVALID' });
      return;
    }
    if (ext.months > policy.maxExtensionMonths) {
      fields.push({ path: `extensions.${i}.months`, code: 'EXTENSION_TOO_LONG' });
    }
    if (ext.agreedAt !== undefined) {
      assertValidDate(ext.agreedAt, `extensions.${i}.agreedAt`);
      if (ext.agreedAt.getTime() < startsAt.getTime()) {
        fields.push({ path: `extensions.${i}.agreedAt`, code: 'EXTENSION_BEFORE_START' });
      } else if (ext.agreedAt.getTime() > current.dueAt.getTime()) {
        fields.push({ path: `extensions.${i}.agreedAt`, code: 'EXTENSION_AFTER_EXPIRY' });
      }
    }
    lastDay = addMonths(lastDay, ext.months, inZone(policy));
    current = deadlineFromDay(lastDay, policy);
  });
  if (fields.length > 0) throw new DeadlineRuleError('EXTENSION_NOT_ALLOWED', fields);
  return { ...current, initialDueDate: initial.dueDate };
}

// ---------------------------------------------------------------------------------------------
// Proposal, mediator's answer, adhesion
// ---------------------------------------------------------------------------------------------

/**
 * Deadline for a party to accept or reject the mediator's written proposal (art. 11, §1.10):
 * `proposalReplyDays` (7) days from the communication to that party, or the longer term the
 * mediator set (`customDays`). Silence at expiry means rejection. Throws
 * `PROPOSAL_REPLY_TERM_TOO_SHORT` if `customDays` is shorter than the legal term or not a whole number.
 */
export function proposalReplyDeadline(
  communicatedAt: Date,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
  customDays?: number,
): Deadline {
  assertValidDate(communicatedAt, 'communicatedAt');
  if (customDays !== undefined && (!Number.isInteger(customDays) || customDays < policy.proposalReplyDays)) {
    throw new DeadlineRuleError('PROPOSAL_REPLY_TERM_TOO_SHORT', [{ path: 'customDays', code: 'TOO_SHORT' }]);
  }
  return daysAfter(communicatedAt, customDays ?? policy.proposalReplyDays, policy);
}

/**
 * Deadline for the designated mediator to accept (signing the declaration of independence and
 * impartiality) or refuse: `mediatorAnswerDays` days from the designation. OdM rule, not law
 * (spec §2.3); when it passes the body re-designates.
 */
export function mediatorAnswerDeadline(designatedAt: Date, policy: DeadlinePolicy = defaultDeadlinePolicy): Deadline {
  assertValidDate(designatedAt, 'designatedAt');
  return daysAfter(designatedAt, policy.mediatorAnswerDays, policy);
}

/**
 * Deadline for an invited party to adhere or refuse: `adhesionDays` days from the day the
 * convocation was sent, but, when `firstMeetingAt` is given, not later than the end of the day
 * `adhesionCutoffDaysBeforeMeeting` days before the meeting's day. OdM rule, not law (spec §1.7):
 * missing it does not stop the first meeting, it prompts the secretariat to follow up.
 */
export function adhesionDeadline(
  convocationSentAt: Date,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
  firstMeetingAt?: Date,
): Deadline {
  assertValidDate(convocationSentAt, 'convocationSentAt');
  const byTerm = daysAfter(convocationSentAt, policy.adhesionDays, policy);
  if (firstMeetingAt === undefined) return byTerm;
  assertValidDate(firstMeetingAt, 'firstMeetingAt');
  const cutoffDay = addDays(dayOf(firstMeetingAt, policy), -policy.adhesionCutoffDaysBeforeMeeting, inZone(policy));
  const cutoff: Deadline = { dueDate: keyOf(cutoffDay, policy), dueAt: plainDate(endOfDay(cutoffDay, inZone(policy))) };
  return cutoff.dueAt.getTime() < byTerm.dueAt.getTime() ? cutoff : byTerm;
}

// ---------------------------------------------------------------------------------------------
// Next deadline of a case
// ---------------------------------------------------------------------------------------------

/** What the deadline computation needs to know about a case (a projection of the workflow state). */
export interface DeadlineCaseState {
  type: MediationType;
  /** When the application counts as filed (data di deposito). */
  filedAt: Date;
  /** DEMANDATA only, required: deposit of the judge's order, start of the duration (art. 6). */
  courtOrderDepositedAt?: Date | null;
  extensions?: readonly Extension[];
  /** True once the procedure is closed (verbale deposited, archived): no deadline runs. */
  closed?: boolean;
  firstMeeting?: {
    held: boolean;
    /** The fixed date, if any: caps the adhesion deadlines. */
    scheduledAt?: Date | null;
    /** The parties concordantly indicated a date outside the legal window: no FIRST_MEETING_LATEST. */
    partiesAgreedOtherwise?: boolean;
  };
  /** The designation awaiting the mediator's answer, if any. */
  pendingMediator?: { mediatorId: string; designatedAt: Date } | null;
  /** Invited parties that were convened and have neither adhered nor refused. */
  pendingAdhesions?: readonly { subjectId: string; convocationSentAt: Date }[];
  /** A proposal awaiting answers: the latest communication to a party that has not answered. */
  pendingProposal?: { communicatedAt: Date; replyDays?: number } | null;
}

export interface CaseDeadline extends Deadline {
  kind: DeadlineKind;
  /** The mediator (MEDIATOR_ANSWER) or invited party (ADHESION) the deadline concerns. */
  subjectId?: string;
}

export interface UpcomingDeadline extends CaseDeadline {
  /** Reminder instants for the secretariat still in the future, ascending. */
  reminders: Date[];
}

const kindOrder: Record<DeadlineKind, number> = {
  MEDIATOR_ANSWER: 0,
  ADHESION: 1,
  FIRST_MEETING_LATEST: 2,
  PROPOSAL_REPLY: 3,
  PROCEDURE_END: 4,
};

/** Every deadline running for the case, past or future, ordered by due instant then kind. */
export function listDeadlines(
  state: DeadlineCaseState,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
): CaseDeadline[] {
  if (state.closed) return [];
  const out: CaseDeadline[] = [];
  if (state.pendingMediator) {
    out.push({
      kind: 'MEDIATOR_ANSWER',
      subjectId: state.pendingMediator.mediatorId,
      ...mediatorAnswerDeadline(state.pendingMediator.designatedAt, policy),
    });
  }
  const meetingAt = state.firstMeeting?.held ? undefined : (state.firstMeeting?.scheduledAt ?? undefined);
  for (const p of state.pendingAdhesions ?? []) {
    out.push({ kind: 'ADHESION', subjectId: p.subjectId, ...adhesionDeadline(p.convocationSentAt, policy, meetingAt) });
  }
  if (!state.firstMeeting?.held && !state.firstMeeting?.partiesAgreedOtherwise) {
    out.push({ kind: 'FIRST_MEETING_LATEST', ...daysAfter(state.filedAt, policy.firstMeetingMaxDays, policy) });
  }
  if (state.pendingProposal) {
    out.push({
      kind: 'PROPOSAL_REPLY',
      ...proposalReplyDeadline(state.pendingProposal.communicatedAt, policy, state.pendingProposal.replyDays),
    });
  }
  let startsAt = state.filedAt;
  if (state.type === 'DEMANDATA') {
    if (!state.courtOrderDepositedAt) {
      throw new RangeError('a DEMANDATA case needs courtOrderDepositedAt: the duration runs from the order');
    }
    startsAt = state.courtOrderDepositedAt;
  }
  const { initialDueDate: _initial, ...end } = procedureEnd(startsAt, state.extensions ?? [], policy, state.type);
  out.push({ kind: 'PROCEDURE_END', ...end });
  return out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || kindOrder[a.kind] - kindOrder[b.kind]);
}

/**
 * Reminder instants for a deadline: at `reminderHour` in the zone, `lead` calendar days before its
 * last day, for each configured lead; only those after `now` and before the deadline, ascending.
 */
export function reminderInstants(
  deadline: CaseDeadline,
  now: Date,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
): Date[] {
  assertValidDate(now, 'now');
  const lastDay = dayOf(deadline.dueAt, policy);
  const instants = new Set<number>();
  for (const lead of policy.reminderLeadDays[deadline.kind]) {
    const at = setHours(addDays(lastDay, -lead, inZone(policy)), policy.reminderHour, inZone(policy)).getTime();
    if (at > now.getTime() && at < deadline.dueAt.getTime()) instants.add(at);
  }
  return [...instants].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * The earliest deadline of the case still to come (due after `now`), with its future reminders;
 * null when none runs. This is the case's visible "next deadline".
 */
export function nextDeadline(
  state: DeadlineCaseState,
  now: Date,
  policy: DeadlinePolicy = defaultDeadlinePolicy,
): UpcomingDeadline | null {
  assertValidDate(now, 'now');
  const next = listDeadlines(state, policy).find((d) => d.dueAt.getTime() > now.getTime());
  return next ? { ...next, reminders: reminderInstants(next, now, policy) } : null;
}
