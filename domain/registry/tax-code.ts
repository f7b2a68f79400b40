/**
 * Italian tax code (codice fiscale).
 *
 * Two forms are accepted:
 * - natural persons: 16 characters (DM 23 dicembre 1976), e.g. `RSSMRA80A01H501U`;
 *   the day must exist in the month (29 February in any year divisible by 4, the century being
 *   unknown); omocodia (codes made unique by replacing digits with letters L–V) is accepted in any
 *   digit position, without requiring the right-to-left order the Agenzia follows;
 * - companies, legal entities and other non-natural subjects (and the rare provisional code of a
 *   natural person): 11 digits with the same check digit as the VAT number (partita IVA).
 *
 * The check is formal only: it does not say that the code was ever issued.
 */
import { hasVatCheckDigit } from './vat-number';

/** Letters that stand for a birth month, January to December. */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/** Letters that replace the digits 0..9 in an omocodic code (L=0, M=1, … V=9). */
const OMOCODIA_LETTERS = 'LMNPQRSTUV';

/** 0-based indexes of the characters that are digits in the base code and may carry omocodia. */
const DIGIT_POSITIONS: readonly number[] = [6, 7, 9, 10, 12, 13, 14];

/**
 * Shape of a person's code: surname (3 letters), first name (3 letters), year (2), month letter,
 * day (2), place code (letter + 3), check letter. Digit positions also accept omocodia letters.
 */
const PERSON_PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;

const NUMERIC_PATTERN = /^[0-9]{11}$/;

/**
 * Values of the characters in odd positions (1st, 3rd, … 15th, counting from 1) for the check
 * character; digits 0..9 count as the letters A..J.
 */
const ODD_VALUES: readonly number[] = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

export type Sex = 'M' | 'F';

export interface DecodedTaxCode {
  /** Only the last two digits of the year are in the code: the century is not recorded. */
  birthDate: { year2digits: number; month: number; day: number };
  sex: Sex;
  /** Cadastral (Belfiore) code of the birth municipality, or Z + country code when born abroad. */
  placeCode: string;
}

/** Trims and upper-cases; keeps everything else, so a malformed code stays recognisably malformed. */
export function normalizeTaxCode(s: string): string {
  return s.trim().toUpperCase();
}

/** Value 0..25 of an upper-case letter or digit (digits count as A..J). */
function alphanumericIndex(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 65;
}

/** Check character of the first 15 characters of a person's code. */
export function computeTaxCodeCheckChar(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const index = alphanumericIndex(first15.charAt(i));
    // i is 0-based: i even = 1st, 3rd, … character (the "odd" positions of the official rule).
    sum += i % 2 === 0 ? (ODD_VALUES[index] ?? 0) : index;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Replaces omocodia letters with the digits they stand for, in the digit positions only. */
function decodeOmocodia(code: string): string {
  const chars = code.split('');
  for (const p of DIGIT_POSITIONS) {
    const c = chars[p];
    if (c === undefined) continue;
    const digit = OMOCODIA_LETTERS.indexOf(c);
    if (digit >= 0) chars[p] = String(digit);
  }
  return chars.join('');
}

/**
 * Longest possible month for a two-digit year: the century is unknown, so 29 February is
 * accepted in every year divisible by 4 (00 included: 2000 was a leap year).
 */
function daysInMonth(month: number, year2digits: number): number {
  if (month === 2) return year2digits % 4 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidPersonCode(code: string): boolean {
  if (!PERSON_PATTERN.test(code)) return false;
  const plain = decodeOmocodia(code);
  const dayField = Number(plain.slice(9, 11));
  if (!((dayField >= 1 && dayField <= 31) || (dayField >= 41 && dayField <= 71))) return false;
  const day = dayField > 40 ? dayField - 40 : dayField;
  const month = MONTH_LETTERS.indexOf(plain.charAt(8)) + 1;
  if (day > daysInMonth(month, Number(plain.slice(6, 8)))) return false;
  return computeTaxCodeCheckChar(code.slice(0, 15)) === code.charAt(15);
}

/** Formal validity of a codice fiscale, after normalization (16-character person code or 11 digits). */
export function isValidTaxCode(s: string): boolean {
  const code = normalizeTaxCode(s);
  if (code.length === 16) return isValidPersonCode(code);
  if (code.length === 11) return NUMERIC_PATTERN.test(code) && hasVatCheckDigit(code);
  return false;
}

/** `'person'` for a valid 16-character code, `'entity'` for a valid 11-digit one, otherwise null. */
export function taxCodeKind(s: string): 'person' | 'entity' | null {
  if (!isValidTaxCode(s)) return null;
  return normalizeTaxCode(s).length === 16 ? 'person' : 'entity';
}

/**
 * Birth date, sex and place of a valid person's code (omocodia decoded); null for anything else,
 * including valid 11-digit codes, which carry no personal data.
 */
export function decodeTaxCode(s: string): DecodedTaxCode | null {
  const code = normalizeTaxCode(s);
  if (code.length !== 16 || !isValidPersonCode(code)) return null;
  const plain = decodeOmocodia(code);
  const dayField = Number(plain.slice(9, 11));
  const sex: Sex = dayField > 40 ? 'F' : 'M';
  return {
    birthDate: {
      year2digits: Number(plain.slice(6, 8)),
      month: MONTH_LETTERS.indexOf(plain.charAt(8)) + 1,
      day: sex === 'F' ? dayField - 40 : dayField,
    },
    sex,
    placeCode: plain.slice(11, 15),
  };
}
