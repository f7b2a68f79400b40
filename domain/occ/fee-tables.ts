/**
 * D.M. 25 gennaio 2012 n. 30, art. 1 — the curatore's percentage brackets that art. 16 D.M. 202/2014
 * applies to the OCC fee (spec occ-protocol-pec-preservation.md §A.6.2). Marginal: each rate applies
 * only to the slice of the amount above the previous limit.
 *
 * Units: limits in euro cents; rates in thousandths of a percent (12.00 % = 12_000), so the midpoint
 * of every bracket ("medio") is still an integer (0.19–0.94 % → 0.565 % = 565).
 *
 * The attivo limit 81,135.38 and the passivo limit 81,131.38 differ in every source: both are kept
 * as published, on purpose.
 */
export interface FeeBracket {
  /** Lower limit of the slice (cents, inclusive of the amount above it). */
  fromCents: number;
  /** Upper limit (cents); null for the last, open bracket. */
  toCents: number | null;
  minRate: number;
  maxRate: number;
}

/** 100 % in the rate unit (thousandths of a percent). */
export const RATE_SCALE = 100_000;

/** Art. 1 co. 1: percentages on the attivo. */
export const attivoBrackets: readonly FeeBracket[] = [
  { fromCents: 0, toCents: 1_622_708, minRate: 12_000, maxRate: 14_000 },
  { fromCents: 1_622_708, toCents: 2_434_062, minRate: 10_000, maxRate: 12_000 },
  { fromCents: 2_434_062, toCents: 4_056_768, minRate: 8_500, maxRate: 9_500 },
  { fromCents: 4_056_768, toCents: 8_113_538, minRate: 7_000, maxRate: 8_000 },
  { fromCents: 8_113_538, toCents: 40_567_689, minRate: 5_500, maxRate: 6_500 },
  { fromCents: 40_567_689, toCents: 81_135_379, minRate: 4_000, maxRate: 5_000 },
  { fromCents: 81_135_379, toCents: 243_406_137, minRate: 900, maxRate: 1_800 },
  { fromCents: 243_406_137, toCents: null, minRate: 450, maxRate: 900 },
];

/** Art. 1 co. 2: percentages on the passivo (limit 81,131.38 — not the attivo's 81,135.38). */
export const passivoBrackets: readonly FeeBracket[] = [
  { fromCents: 0, toCents: 8_113_138, minRate: 190, maxRate: 940 },
  { fromCents: 8_113_138, toCents: null, minRate: 60, maxRate: 460 },
];

/** Art. 16 co. 4 D.M. 202/2014: the fee is reduced by 15 % to 40 % (basis points). */
export const reductionRange = { minBp: 1_500, maxBp: 4_000 } as const;
/** Professional appointed by the judge in place of an OCC: flat 40 % reduction [S] FE-tab. */
export const substituteReductionBp = 4_000;
/** Art. 14 co. 3: rimborso forfettario spese generali 10 % to 15 % of the fee (basis points). */
export const generalExpensesRange = { minBp: 1_000, maxBp: 1_500 } as const;
/** Art. 16 co. 5: the cap does not apply when the amount to creditors is below 20,000 €. */
export const capThresholdCents = 2_000_000;
/** Art. 16 co. 5: passivo above 1,000,000 → 5 %; below → 10 %. */
export const capPassivoLimitCents = 100_000_000;
export const capRateHighPassivoBp = 500;
export const capRateLowPassivoBp = 1_000;
