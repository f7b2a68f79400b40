/**
 * Protocol numbers (DPR 445/2000 art. 57): progressive, at least seven digits, renewed every solar
 * year. Each register of a body has its own sequence per year; the year and the day are those of
 * Europe/Rome at the moment of registration.
 */
import { tz } from '@date-fns/tz';
import { format, getYear } from 'date-fns';

export const PROTOCOL_ZONE = 'Europe/Rome';
/** Art. 57: "almeno sette cifre numeriche"; the segnatura XSD pattern is `[0-9]{7,}`. */
export const PROTOCOL_NUMBER_DIGITS = 7;

function assertValidDate(at: Date, what: string): void {
  if (Number.isNaN(at.getTime())) throw new RangeError(`${what} needs a valid date`);
}

/** Solar year of the registration in Rome: 2026-12-31T23:30Z is already 2027 there. */
export function protocolYear(at: Date, zone: string = PROTOCOL_ZONE): number {
  assertValidDate(at, 'protocolYear');
  return getYear(at, { in: tz(zone) });
}

/** Calendar day (`YYYY-MM-DD`) of the registration in Rome: the day of the daily register it belongs to. */
export function protocolDay(at: Date, zone: string = PROTOCOL_ZONE): string {
  assertValidDate(at, 'protocolDay');
  return format(at, 'yyyy-MM-dd', { in: tz(zone) });
}

/** Time of day in Rome with its offset, as xs:time (`10:15:03+01:00`). */
export function protocolTime(at: Date, zone: string = PROTOCOL_ZONE): string {
  assertValidDate(at, 'protocolTime');
  return format(at, 'HH:mm:ssXXX', { in: tz(zone) });
}

/** `formatProtocolNumber(17)` → `"0000017"`; throws on a non-positive or non-integer number. */
export function formatProtocolNumber(number: number): string {
  if (!Number.isSafeInteger(number) || number < 1) throw new RangeError(`protocol number must be a positive integer, got ${number}`);
  return String(number).padStart(PROTOCOL_NUMBER_DIGITS, '0');
}

/** The human identifier printed on documents: `REGISTER/2026/0000017`. */
export function formatProtocolId(registerCode: string, year: number, number: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`protocol year must have four digits, got ${year}`);
  return `${registerCode}/${year}/${formatProtocolNumber(number)}`;
}

const PROTOCOL_ID_PATTERN = /^([A-Za-z0-9_.-]{1,16})\/([0-9]{4})\/([0-9]{7,})$/;

/** Inverse of formatProtocolId; null for anything it would not produce. */
export function parseProtocolId(s: string): { registerCode: string; year: number; number: number } | null {
  const m = PROTOCOL_ID_PATTERN.exec(s.trim());
  if (!m) return null;
  const number = Number(m[3]);
  if (!Number.isSafeInteger(number) || number < 1) return null;
  return { registerCode: m[1]!, year: Number(m[2]), number };
}
