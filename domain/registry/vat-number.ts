/**
 * Italian VAT number (partita IVA): 11 digits.
 * - digits 1–7: the subject's serial number (matricola), never all zeros;
 * - digits 8–10: code of the issuing provincial office, 001–100 or one of 120, 121, 888, 999;
 * - digit 11: check digit (Luhn: digits in even positions are doubled, 9 subtracted when > 9,
 *   and the sum of all eleven digits is a multiple of 10).
 *
 * The check is formal only: it does not say that the number is active (that needs the Agenzia
 * delle Entrate or VIES, which is I/O and does not belong here).
 */

/** Office codes that are not in the 001–100 provincial range. */
const SPECIAL_OFFICE_CODES: readonly string[] = ['120', '121', '888', '999'];

const VAT_PATTERN = /^[0-9]{11}$/;

/**
 * Trims, upper-cases, drops spaces, dots and dashes, and removes a leading `IT` country prefix:
 * `"IT 007.431.101-57"` → `"00743110157"`.
 */
export function normalizeVatNumber(s: string): string {
  const compact = s.toUpperCase().replace(/[\s.-]/g, '');
  return compact.startsWith('IT') ? compact.slice(2) : compact;
}

/** Check digit (0–9) of the first 10 digits. */
export function computeVatCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const digit = Number(first10.charAt(i));
    if (i % 2 === 0) {
      sum += digit;
    } else {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 11 digits whose last digit is the check digit of the first 10 (no office-code rule). */
export function hasVatCheckDigit(digits: string): boolean {
  return VAT_PATTERN.test(digits) && computeVatCheckDigit(digits.slice(0, 10)) === Number(digits.charAt(10));
}

function isKnownOfficeCode(office: string): boolean {
  const n = Number(office);
  return (n >= 1 && n <= 100) || SPECIAL_OFFICE_CODES.includes(office);
}

/** Formal validity of a partita IVA, after normalization (an `IT` prefix is accepted). */
export function isValidVatNumber(s: string): boolean {
  const vat = normalizeVatNumber(s);
  if (!VAT_PATTERN.test(vat)) return false;
  if (vat.slice(0, 7) === '0000000') return false;
  if (!isKnownOfficeCode(vat.slice(7, 10))) return false;
  return hasVatCheckDigit(vat);
}
