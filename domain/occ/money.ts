/**
 * Exact money arithmetic for the OCC economics: integer cents, products on BigInt, rounding half up
 * to the cent at the step where the spec rounds. No floating point touches an amount.
 */

/** round(a × b / d) half up, for non-negative integers; exact on BigInt. */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  if (a < 0 || b < 0 || d <= 0) throw new RangeError('mulDivHalfUp takes non-negative operands');
  const n = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  return Number((2n * n + den) / (2n * den));
}

/** A percentage (up to two decimals, e.g. 27.5) as integer basis points (2750); null if it has more decimals. */
export function percentToBp(percent: number): number | null {
  const bp = Math.round(percent * 100);
  return Math.abs(percent * 100 - bp) < 1e-7 ? bp : null;
}

/** Basis points as a percentage number (2750 → 27.5). */
export const bpToPercent = (bp: number): number => bp / 100;

/** Sum of integer cents. */
export const sumCents = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** "1.234,56 €" (Italian grouping, two decimals) from cents; for explanations and PDFs. */
export function formatEuro(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const rest = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${euros},${rest} €`;
}

/** "27,5 %" from basis points. */
export function formatPercentBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const decimals = Math.abs(bp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${bp < 0 && whole === 0 ? '-' : ''}${whole}${decimals ? `,${decimals}` : ''} %`;
}
