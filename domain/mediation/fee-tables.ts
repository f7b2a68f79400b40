/**
 * Official fee tables of DM 24 ottobre 2023 n. 150 for mediation procedures filed from 15 November
 * 2023 (spec/mediation.md §4.2, §4.3), as data. fees.ts computes with them.
 *
 * Conventions:
 * - amounts are integer euro cents, per party, VAT excluded, in full (before the one-fifth reduction
 *   of art. 30 c.4, which fees.ts applies);
 * - a value bracket holds the values up to and including `upToCents`, starting one cent above the
 *   previous bracket's bound (the first bracket starts at 0). So "≤ € 1.000" is `upToCents: 100_000`
 *   and "€ 1.001 – 5.000" holds € 1.000,01 … € 5.000,00, as in the first-meeting table of §4.2.
 *
 * The amounts come from concordant OdM and bar-association pages, not from a primary copy of
 * Allegato A (spec §9 item 2). The doubtful rows of Tabella A (above € 5 M, indeterminable value) are
 * part of `FeePolicy.tableA`, so a body can correct them without a code change.
 */

/** Level of an indeterminable value for the first-meeting fee, set by the OdM (art. 29, spec §4.2). */
export const indeterminableLevels = ['basso', 'medio', 'alto'] as const;
export type IndeterminableLevel = (typeof indeterminableLevels)[number];

/** One row of the art. 28 cc.4-5 table: spese di avvio and first-meeting spese di mediazione. */
export interface FilingFeeBracket {
  /** Inclusive upper bound of the value, in cents; null = no upper bound. */
  upToCents: number | null;
  /** Spese di avvio (art. 28 c.4). */
  setupCents: number;
  /** Spese di mediazione for the first meeting (art. 28 c.5). */
  firstMeetingCents: number;
}

/** Art. 28 cc.4-5 DM 150/2023 (spec §4.2), by value of the dispute. */
export const filingFeeBrackets: readonly FilingFeeBracket[] = [
  { upToCents: 100_000, setupCents: 4_000, firstMeetingCents: 6_000 }, // ≤ € 1.000
  { upToCents: 5_000_000, setupCents: 7_500, firstMeetingCents: 12_000 }, // € 1.000,01 – 50.000
  { upToCents: null, setupCents: 11_000, firstMeetingCents: 17_000 }, // > € 50.000
];

/**
 * Art. 28 cc.4-5 for an indeterminate or indeterminable value (spec §4.2): the set-up fee of the
 * highest bracket; the first-meeting fee by the level the OdM assigns. [S75] lists only the "basso"
 * amount (€ 48 reduced = € 60 full).
 */
export const indeterminableFilingFees: {
  setupCents: number;
  firstMeetingCents: Readonly<Record<IndeterminableLevel, number>>;
} = {
  setupCents: 11_000,
  firstMeetingCents: { basso: 6_000, medio: 12_000, alto: 17_000 },
};

/** One row of Tabella A: the range within which the spese di mediazione of a bracket are set. */
export interface TableABracket {
  /** Inclusive upper bound of the value, in cents. */
  upToCents: number;
  minCents: number;
  maxCents: number;
}

/** Tabella A (Allegato A DM 150/2023): spese di mediazione per party, full amounts. */
export interface TableA {
  /** Ascending by `upToCents`. */
  brackets: readonly TableABracket[];
  /**
   * Values above the last bracket: a share of the value in basis points (1 bp = 0,01%).
   * Spec §4.3 "> € 5.000.000: 0,20% – 0,30% (as printed)" [U].
   */
  above: { minBasisPoints: number; maxBasisPoints: number };
  /** Indeterminate or indeterminable value: [S75] prints an "Indeterminato" row € 1.200 – 1.500 [U]. */
  indeterminable: { minCents: number; maxCents: number };
}

/**
 * Tabella A as in spec §4.3, with the 10th bracket corrected to € 1.500.001 – 2.500.000 ([S75] prints
 * "1.000.001", a typo: the 9th bracket already ends at € 1.500.000).
 *
 * Each bracket's minimum equals the previous bracket's maximum, as art. 31 requires of public OdMs;
 * 0,20% of € 5.000.000 is € 10.000, the maximum of the last fixed bracket, so the > € 5 M row fits
 * that rule too.
 */
export const tableA: TableA = {
  brackets: [
    { upToCents: 100_000, minCents: 8_000, maxCents: 16_000 }, // ≤ € 1.000
    { upToCents: 500_000, minCents: 16_000, maxCents: 29_000 }, // € 1.001 – 5.000
    { upToCents: 1_000_000, minCents: 29_000, maxCents: 44_000 }, // € 5.001 – 10.000
    { upToCents: 2_500_000, minCents: 44_000, maxCents: 72_000 }, // € 10.001 – 25.000
    { upToCents: 5_000_000, minCents: 72_000, maxCents: 120_000 }, // € 25.001 – 50.000
    { upToCents: 15_000_000, minCents: 120_000, maxCents: 150_000 }, // € 50.001 – 150.000
    { upToCents: 25_000_000, minCents: 150_000, maxCents: 250_000 }, // € 150.001 – 250.000
    { upToCents: 50_000_000, minCents: 250_000, maxCents: 390_000 }, // € 250.001 – 500.000
    { upToCents: 150_000_000, minCents: 390_000, maxCents: 460_000 }, // € 500.001 – 1.500.000
    { upToCents: 250_000_000, minCents: 460_000, maxCents: 650_000 }, // € 1.500.001 – 2.500.000
    { upToCents: 500_000_000, minCents: 650_000, maxCents: 1_000_000 }, // € 2.500.001 – 5.000.000
  ],
  above: { minBasisPoints: 20, maxBasisPoints: 30 }, // > € 5.000.000: 0,20% – 0,30% of the value
  indeterminable: { minCents: 120_000, maxCents: 150_000 },
};

/**
 * Art. 30 c.4: in mandatory (art. 5 c.1) and court-referred mediation the spese di mediazione are
 * reduced by one fifth, i.e. multiplied by 4/5.
 */
export const oneFifthReduction = { numerator: 4, denominator: 5 } as const;

/** Art. 30 cc.1-2: surcharge on conciliation, in basis points (10% at the first meeting, 25% later). */
export const settlementSurchargeBasisPoints = { firstMeeting: 1_000, later: 2_500 } as const;

/** Art. 31: the public OdM may raise the amounts by up to 20% (case by case). */
export const maxIncreasePercent = 20;
