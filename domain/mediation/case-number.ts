/**
 * Case numbers of the register of mediation cases (registro degli affari di mediazione):
 * `year/number`, e.g. `2026/17`. No official format exists (spec/mediation.md §1.4); this is the
 * common practice. The number restarts every calendar year, the year being the one in Rome.
 */
import { tz } from '@date-fns/tz';
import { getYear } from 'date-fns';

export interface CaseNumber {
  year: number;
  number: number;
}

export const CASE_ZONE = 'Europe/Rome';

const CASE_NUMBER_PATTERN = /^([0-9]{4})\/([1-9][0-9]*)$/;

function assertCaseNumberParts(year: number, number: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`case year must be a four-digit integer, got ${year}`);
  }
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new RangeError(`case number must be a positive integer, got ${number}`);
  }
}

/** `formatCaseNumber(2026, 17)` → `"2026/17"`; throws RangeError on a non-integer or out-of-range part. */
export function formatCaseNumber(year: number, number: number): string {
  assertCaseNumberParts(year, number);
  return `${year}/${number}`;
}

/**
 * Inverse of formatCaseNumber: `"2026/17"` → `{ year: 2026, number: 17 }`. Surrounding spaces are
 * ignored; anything else that formatCaseNumber would not produce (leading zeros, `2026-17`) is null.
 */
export function parseCaseNumber(s: string): CaseNumber | null {
  const match = CASE_NUMBER_PATTERN.exec(s.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (!Number.isSafeInteger(number)) return null;
  return { year, number };
}

/**
 * Calendar year of an instant in `zone` (Europe/Rome by default): 2026-12-31T23:30Z is
 * 2027-01-01 00:30 in Rome, so a case filed then belongs to 2027.
 */
export function caseYear(at: Date, zone: string = CASE_ZONE): number {
  if (Number.isNaN(at.getTime())) throw new RangeError('caseYear needs a valid date');
  return getYear(at, { in: tz(zone) });
}
