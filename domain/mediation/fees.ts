/**
 * Mediation fees (indennità) owed by one party, DM 150/2023, procedures filed from 15 November 2023
 * (spec/mediation.md §4). Pure: the caller passes the case facts and the body's FeePolicy.
 *
 * Formula (spec §4.4), per party, VAT excluded; r = 4/5 for OBBLIGATORIA and DEMANDATA (art. 30 c.4):
 *   at filing/adhesion   set-up fee + first-meeting fee (art. 28 cc.4-5) + spese vive (art. 28 c.3)
 *   pending / no agreement at the first meeting / invited party absent: nothing more (art. 28 cc.3, 7)
 *   otherwise            T = r × Tabella A amount; further fee = T − first-meeting fee;
 *                        surcharge = 10% (agreement at the first meeting) or 25% (agreement later) of
 *                        the base chosen by FeePolicy.surchargeBase, none without agreement (art. 30);
 *                        optional increase of up to 20% of T on agreement (art. 31)
 *   then VAT on the taxable lines.
 * `absent` is the outcome seen by a party who took part (usually the applicant) when the invited party
 * neither adhered nor appeared; a party who never adhered paid nothing and is not computed here.
 * OdM-specific discounts for absence (spec §4.5, e.g. Firenze) are not DM rules and are not applied.
 *
 * Rounding: every line is rounded half up to the cent when it is computed, from exact integer
 * arithmetic (a × b / c on BigInt). The amounts derived from the table (interpolated or percentage
 * amount, then the 4/5 reduction) are rounded at each step; VAT is computed once on the taxable total
 * of the breakdown (and once, separately, on the amount due at filing), so the VAT of the two may
 * differ by a cent from a per-line sum.
 *
 * Points the spec marks unconfirmed [U] are FeePolicy fields; `defaultFeePolicy` documents each
 * default and why.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import {
  type IndeterminableLevel,
  type TableA,
  filingFeeBrackets,
  indeterminableFilingFees,
  indeterminableLevels,
  maxIncreasePercent,
  oneFifthReduction,
  settlementSurchargeBasisPoints,
  tableA as officialTableA,
} from './fee-tables';
import { type LocalizedLabel, type MediationType, mediationTypeCodes } from './matters';

// ---------------------------------------------------------------------------------------------
// Policy (per body)
// ---------------------------------------------------------------------------------------------

/** Which amount of the surcharge of art. 30 cc.1-2 is the base (spec §4.4, §9 item 3). */
export const surchargeBaseReadings = ['A', 'B'] as const;
export type SurchargeBaseReading = (typeof surchargeBaseReadings)[number];

/** Where inside the Tabella A bracket the spese di mediazione are set. */
export const tableAmountModes = ['minimum', 'maximum', 'proportional'] as const;
export type TableAmountMode = (typeof tableAmountModes)[number];

export interface FeePolicy {
  /**
   * Base of the +10% / +25% surcharge (spec §4.4, unconfirmed §9 item 3):
   * 'A' = the whole reduced table amount T, as OdM tables compute it ([S75], [S76]);
   * 'B' = T net of the first-meeting fee (possible literal reading of art. 30 cc.1-2).
   * Default 'A'.
   */
  surchargeBase: SurchargeBaseReading;
  /**
   * Whether the one-fifth reduction also applies to the set-up fee and the first-meeting fee, as the
   * OdM tables do (art. 28 c.8 per [S79]; [S74][S75][S76]) — art. 30 c.4 read in the primary text names
   * only the spese di mediazione. Default true.
   */
  reduceFilingFees: boolean;
  /**
   * Whether clause-based mediation (CLAUSOLA) gets the one-fifth reduction: [S79] says yes, art. 30 c.4
   * names only art. 5 c.1 and demandata (spec §1.1, §9 item 6). Default false.
   */
  reduceClausola: boolean;
  /**
   * Where the Tabella A amount is taken inside the value bracket (art. 31; [S76] computes at the
   * minimum, [S78] proportionally). Default 'minimum'.
   * 'proportional' = linear interpolation of the value between the bracket's lower bound (one cent
   * above the previous bracket's upper bound, 0 for the first bracket) and its inclusive upper bound:
   * min + (max − min) × (value − lower) / (upper − lower), rounded half up to the cent; the lower
   * bound gives the minimum and the upper bound the maximum (= the next bracket's minimum). The open
   * row above the last bracket and the indeterminable row have no bounds to interpolate between:
   * 'proportional' uses their minimum there.
   */
  tableAmount: TableAmountMode;
  /**
   * First-meeting fee level for an indeterminable value when the case does not set one (art. 29: the
   * OdM determines the value; spec §4.2). Default 'basso': it is the only amount every source lists
   * ([S75] shows € 48 reduced alone), and it is the lowest, so without a determination of the OdM a
   * party is not charged more than the minimum at filing. Override per case with
   * `MediationFeeInput.indeterminableLevel`.
   */
  indeterminableLevel: IndeterminableLevel;
  /**
   * Tabella A. Default: the official table of fee-tables.ts, whose rows above € 5 M and for an
   * indeterminable value are unconfirmed (spec §4.3 caveats 2-3). A private OdM's own approved table
   * (art. 30, 32) fits here too.
   */
  tableA: TableA;
  vat: {
    /** Default true: OdM tables quote amounts plus VAT (spec §4.5); some public bodies may not charge it. */
    applies: boolean;
    /** Percent, at most two decimals. Default 22. */
    ratePercent: number;
    /**
     * Whether the spese vive are taxable too. Default true: the OdM re-charges them as its own
     * services (convocation, signature); sums advanced in the party's name (art. 15 DPR 633/1972)
     * would not be.
     */
    onExpenses: boolean;
  };
  /**
   * Whether legal aid (OBBLIGATORIA/DEMANDATA) also waives the spese vive. Default false: the rule
   * exempts the indennità (spec §4.5), and the indennità is spese di avvio + spese di mediazione,
   * the spese vive being separate (§4.1).
   */
  legalAidWaivesExpenses: boolean;
  /** Cap of the case-by-case increase of art. 31 this body allows, in percent (0 … 20). Default 20. */
  maxIncreasePercent: number;
}

export const defaultFeePolicy: FeePolicy = {
  surchargeBase: 'A',
  reduceFilingFees: true,
  reduceClausola: false,
  tableAmount: 'minimum',
  indeterminableLevel: 'basso',
  tableA: officialTableA,
  vat: { applies: true, ratePercent: 22, onExpenses: true },
  legalAidWaivesExpenses: false,
  maxIncreasePercent,
};

// ---------------------------------------------------------------------------------------------
// Input and output
// ---------------------------------------------------------------------------------------------

/** How the procedure stands or ended, as far as fees are concerned. */
export const feeOutcomes = [
  'pending',
  'no_agreement_first_meeting',
  'absent',
  'agreement_first_meeting',
  'agreement_later',
  'no_agreement_later',
] as const;
export type FeeOutcome = (typeof feeOutcomes)[number];

export const feeIssueCodes = {
  unknownField: 'UNKNOWN_FIELD',
  invalidInput: 'INVALID_INPUT',
  unknownMediationType: 'UNKNOWN_MEDIATION_TYPE',
  invalidValue: 'INVALID_VALUE',
  unknownOutcome: 'UNKNOWN_OUTCOME',
  invalidLegalAid: 'INVALID_LEGAL_AID',
  invalidExpenses: 'INVALID_EXPENSES',
  invalidIncrease: 'INVALID_INCREASE',
  increaseRequiresAgreement: 'INCREASE_REQUIRES_AGREEMENT',
  increaseAbovePolicy: 'INCREASE_ABOVE_POLICY_MAXIMUM',
  invalidIndeterminableLevel: 'INVALID_INDETERMINABLE_LEVEL',
  invalidPolicy: 'INVALID_FEE_POLICY',
  invalidTable: 'INVALID_FEE_TABLE',
} as const;
export type FeeIssueCode = (typeof feeIssueCodes)[keyof typeof feeIssueCodes];

/** 0 … max with at most two decimals (12.5 is fine, 12.345 is not). */
function percentSchema(max: number, code: FeeIssueCode) {
  return z
    .number({ error: code })
    .min(0, { error: code })
    .max(max, { error: code })
    .refine((p) => Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, { error: code });
}

const objectError = (iss: { code: string }) =>
  iss.code === 'unrecognized_keys' ? feeIssueCodes.unknownField : feeIssueCodes.invalidInput;

export const mediationFeeInputSchema = z.strictObject(
  {
    mediationType: z.enum(mediationTypeCodes, { error: feeIssueCodes.unknownMediationType }),
    /** Value of the dispute in cents; null = indeterminate or indeterminable. */
    valueCents: z.int({ error: feeIssueCodes.invalidValue }).min(0, { error: feeIssueCodes.invalidValue }).nullable(),
    outcome: z.enum(feeOutcomes, { error: feeIssueCodes.unknownOutcome }),
    /** Admitted to patrocinio a spese dello Stato (in advance and provisionally). */
    legalAid: z.boolean({ error: feeIssueCodes.invalidLegalAid }).default(false),
    /** Spese vive charged to this party (art. 28 c.3), cents. */
    expensesCents: z
      .int({ error: feeIssueCodes.invalidExpenses })
      .min(0, { error: feeIssueCodes.invalidExpenses })
      .default(0),
    /** Art. 31 increase set case by case by the manager, percent of T, only on agreement. */
    increasePercent: percentSchema(maxIncreasePercent, feeIssueCodes.invalidIncrease).default(0),
    /** Overrides FeePolicy.indeterminableLevel for this case; ignored when valueCents is not null. */
    indeterminableLevel: z.enum(indeterminableLevels, { error: feeIssueCodes.invalidIndeterminableLevel }).optional(),
  },
  { error: objectError },
);

/** What a caller passes (defaults not applied yet). */
export type MediationFeeInput = z.input<typeof mediationFeeInputSchema>;

const policyCode = { error: feeIssueCodes.invalidPolicy };
const tableCode = { error: feeIssueCodes.invalidTable };
const cents = () => z.int(tableCode).min(0, tableCode);
const basisPoints = () => z.int(tableCode).min(0, tableCode).max(10_000, tableCode);

const tableASchema = z
  .strictObject(
    {
      brackets: z
        .array(z.strictObject({ upToCents: cents(), minCents: cents(), maxCents: cents() }, tableCode), tableCode)
        .min(1, tableCode)
        .readonly(),
      above: z.strictObject({ minBasisPoints: basisPoints(), maxBasisPoints: basisPoints() }, tableCode),
      indeterminable: z.strictObject({ minCents: cents(), maxCents: cents() }, tableCode),
    },
    tableCode,
  )
  .superRefine((table, ctx) => {
    const issue = (path: (string | number)[]) =>
      ctx.addIssue({ code: 'custom', message: feeIssueCodes.invalidTable, path, input: table });
    table.brackets.forEach((b, i) => {
      if (b.minCents > b.maxCents) issue(['brackets', i]);
      const previous = table.brackets[i - 1];
      if (previous && b.upToCents <= previous.upToCents) issue(['brackets', i, 'upToCents']);
    });
    if (table.above.minBasisPoints > table.above.maxBasisPoints) issue(['above']);
    if (table.indeterminable.minCents > table.indeterminable.maxCents) issue(['indeterminable']);
  });

const feePolicyObjectSchema = z.strictObject(
  {
    surchargeBase: z.enum(surchargeBaseReadings, policyCode).default(defaultFeePolicy.surchargeBase),
    reduceFilingFees: z.boolean(policyCode).default(defaultFeePolicy.reduceFilingFees),
    reduceClausola: z.boolean(policyCode).default(defaultFeePolicy.reduceClausola),
    tableAmount: z.enum(tableAmountModes, policyCode).default(defaultFeePolicy.tableAmount),
    indeterminableLevel: z.enum(indeterminableLevels, policyCode).default(defaultFeePolicy.indeterminableLevel),
    tableA: tableASchema.default(defaultFeePolicy.tableA),
    vat: z
      .strictObject(
        {
          applies: z.boolean(policyCode).default(defaultFeePolicy.vat.applies),
          ratePercent: percentSchema(100, feeIssueCodes.invalidPolicy).default(defaultFeePolicy.vat.ratePercent),
          onExpenses: z.boolean(policyCode).default(defaultFeePolicy.vat.onExpenses),
        },
        {
          error: (iss) => (iss.code === 'unrecognized_keys' ? feeIssueCodes.unknownField : feeIssueCodes.invalidPolicy),
        },
      )
      .prefault({}),
    legalAidWaivesExpenses: z.boolean(policyCode).default(defaultFeePolicy.legalAidWaivesExpenses),
    maxIncreasePercent: percentSchema(maxIncreasePercent, feeIssueCodes.invalidPolicy).default(
      defaultFeePolicy.maxIncreasePercent,
    ),
  },
  { error: (iss) => (iss.code === 'unrecognized_keys' ? feeIssueCodes.unknownField : feeIssueCodes.invalidPolicy) },
);

/** A body's fee policy: every field optional, missing fields take the default. */
export const feePolicySchema: z.ZodType<FeePolicy, FeePolicyOverrides> = feePolicyObjectSchema;
export type FeePolicyOverrides = z.input<typeof feePolicyObjectSchema>;

/** One line of the breakdown. */
export const feeLineCodes = [
  'SETUP_FEE',
  'FIRST_MEETING_FEE',
  'FURTHER_MEDIATION_FEE',
  'SETTLEMENT_SURCHARGE',
  'INCREASE',
  'EXPENSES',
  'LEGAL_AID_WAIVER',
  'VAT',
] as const;
export type FeeLineCode = (typeof feeLineCodes)[number];

export interface FeeLine {
  code: FeeLineCode;
  label: LocalizedLabel;
  /** Integer cents; negative only for LEGAL_AID_WAIVER. */
  amountCents: number;
  /** Short legal basis and how the amount was found, e.g. "art. 28 c.4 DM 150/2023". */
  basis: string;
}

export interface MediationFeeBreakdown {
  /** Fee lines, then the VAT line when VAT applies: their sum is totalCents. */
  lines: FeeLine[];
  /** Sum of the lines before VAT. */
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  /** Set-up fee + first-meeting fee + spese vive (after any legal-aid waiver): due at filing or adhesion. */
  dueAtFiling: { netCents: number; vatCents: number; totalCents: number };
  /** The one-fifth reduction applied to the spese di mediazione / to the set-up and first-meeting fees. */
  reduced: { mediationFees: boolean; filingFees: boolean };
  /** Tabella A amount in full and after the reduction (T); null when the table is not reached. */
  tableA: { fullCents: number; appliedCents: number } | null;
  /** Base of the settlement surcharge; null without surcharge. */
  surchargeBaseCents: number | null;
  /** The party owes no indennità (legal aid in OBBLIGATORIA/DEMANDATA). */
  legalAidExempt: boolean;
  /** Indennità waived for legal aid, VAT excluded: what the OdM may claim as tax credit (spec §4.5, §5). */
  nonExigibleCents: number;
}

// ---------------------------------------------------------------------------------------------
// Computation
// ---------------------------------------------------------------------------------------------

const DM = 'DM 150/2023';

const labels = {
  SETUP_FEE: { it: 'Spese di avvio', en: 'Set-up fee' },
  FIRST_MEETING_FEE: { it: 'Spese di mediazione (primo incontro)', en: 'Mediation fee (first meeting)' },
  FURTHER_MEDIATION_FEE: { it: 'Ulteriori spese di mediazione', en: 'Further mediation fee' },
  EXPENSES: { it: 'Spese vive', en: 'Out-of-pocket expenses' },
  LEGAL_AID_WAIVER: {
    it: 'Indennità non dovuta (patrocinio a spese dello Stato)',
    en: 'Fees not due (state-funded legal aid)',
  },
} as const satisfies Partial<Record<FeeLineCode, LocalizedLabel>>;

/** a × b / c rounded half up, exact (BigInt); a, b ≥ 0, c > 0 integers. */
function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  const q = n / d;
  return Number(2n * (n % d) >= d ? q + 1n : q);
}

const reduceByOneFifth = (amountCents: number) =>
  mulDivRoundHalfUp(amountCents, oneFifthReduction.numerator, oneFifthReduction.denominator);

/** Percent with at most two decimals → basis points. */
const toBasisPoints = (percent: number) => Math.round(percent * 100);

/** 1250 → "12,5%" (Italian decimal comma, no locale data needed). */
function formatPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const fraction = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0$/, '');
  return fraction === '' || fraction === '0' ? `${whole}%` : `${whole},${fraction}%`;
}

function filingFeesFor(valueCents: number | null, level: IndeterminableLevel) {
  if (valueCents === null) {
    return {
      setupCents: indeterminableFilingFees.setupCents,
      firstMeetingCents: indeterminableFilingFees.firstMeetingCents[level],
    };
  }
  const bracket = filingFeeBrackets.find((b) => b.upToCents === null || valueCents <= b.upToCents);
  // The last bracket is open, so a bracket is always found.
  if (!bracket) throw new RangeError('filing fee table has no open last bracket');
  return bracket;
}

/** The full (unreduced) Tabella A amount for the value, per the policy's mode. */
function tableAmountFor(valueCents: number | null, table: TableA, mode: TableAmountMode): number {
  if (valueCents === null) {
    return mode === 'maximum' ? table.indeterminable.maxCents : table.indeterminable.minCents;
  }
  const index = table.brackets.findIndex((b) => valueCents <= b.upToCents);
  const bracket = table.brackets[index];
  if (!bracket) {
    const bp = mode === 'maximum' ? table.above.maxBasisPoints : table.above.minBasisPoints;
    return mulDivRoundHalfUp(valueCents, bp, 10_000);
  }
  if (mode === 'minimum') return bracket.minCents;
  if (mode === 'maximum') return bracket.maxCents;
  const lower = index === 0 ? 0 : (table.brackets[index - 1]?.upToCents ?? 0) + 1;
  const upper = bracket.upToCents;
  if (upper <= lower) return bracket.minCents;
  return bracket.minCents + mulDivRoundHalfUp(bracket.maxCents - bracket.minCents, valueCents - lower, upper - lower);
}

function issueFields(issues: readonly z.core.$ZodIssue[], prefix: string): { path: string; code: string }[] {
  return issues.flatMap((i) => {
    const path = [prefix, ...i.path.map(String)].filter((part) => part !== '');
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => ({ path: [...path, key].join('.'), code: feeIssueCodes.unknownField }));
    }
    return [{ path: path.join('.'), code: i.message }];
  });
}

/**
 * Parses a body's stored fee settings (every field optional) into a full FeePolicy.
 * Throws DomainError('VALIDATION_FAILED') with field codes on invalid settings.
 */
export function parseFeePolicy(settings: unknown): FeePolicy {
  const result = feePolicySchema.safeParse(settings ?? {});
  if (!result.success) throw new DomainError('VALIDATION_FAILED', issueFields(result.error.issues, ''));
  return result.data;
}

const modeLabel: Record<TableAmountMode, string> = {
  minimum: 'minimo dello scaglione',
  maximum: 'massimo dello scaglione',
  proportional: 'proporzionale nello scaglione',
};

/**
 * The fees one party owes, with the breakdown (spec §4.4). Throws DomainError('VALIDATION_FAILED',
 * fields) when the input or the policy is invalid; field paths of the policy start with "policy.".
 */
export function computeMediationFee(
  input: MediationFeeInput,
  policy: FeePolicy = defaultFeePolicy,
): MediationFeeBreakdown {
  const parsedInput = mediationFeeInputSchema.safeParse(input);
  const parsedPolicy = feePolicySchema.safeParse(policy);
  if (!parsedInput.success || !parsedPolicy.success) {
    throw new DomainError('VALIDATION_FAILED', [
      ...(parsedInput.success ? [] : issueFields(parsedInput.error.issues, '')),
      ...(parsedPolicy.success ? [] : issueFields(parsedPolicy.error.issues, 'policy')),
    ]);
  }
  const c = parsedInput.data;
  const p = parsedPolicy.data;

  // Cross-checks between the case and the policy (art. 31: the increase only on conciliation).
  const increaseFields: { path: string; code: string }[] = [];
  const agreement = c.outcome === 'agreement_first_meeting' || c.outcome === 'agreement_later';
  if (c.increasePercent > 0 && !agreement) {
    increaseFields.push({ path: 'increasePercent', code: feeIssueCodes.increaseRequiresAgreement });
  }
  if (c.increasePercent > p.maxIncreasePercent) {
    increaseFields.push({ path: 'increasePercent', code: feeIssueCodes.increaseAbovePolicy });
  }
  if (increaseFields.length > 0) throw new DomainError('VALIDATION_FAILED', increaseFields);

  return computeValidated(c, p);
}

type ParsedInput = z.output<typeof mediationFeeInputSchema>;

function isReducedType(type: MediationType, policy: FeePolicy): boolean {
  return type === 'OBBLIGATORIA' || type === 'DEMANDATA' || (type === 'CLAUSOLA' && policy.reduceClausola);
}

function computeValidated(c: ParsedInput, p: FeePolicy): MediationFeeBreakdown {
  const reducedMediation = isReducedType(c.mediationType, p);
  const reducedFiling = reducedMediation && p.reduceFilingFees;
  const level = c.indeterminableLevel ?? p.indeterminableLevel;
  const valueNote = c.valueCents === null ? `; valore indeterminabile, livello ${level}` : '';
  const filingReductionNote = reducedFiling ? '; −1/5 (art. 28 c.8 / art. 30 c.4, tabelle OdM)' : '';
  const mediationReductionNote = reducedMediation ? '; −1/5 (art. 30 c.4)' : '';

  const full = filingFeesFor(c.valueCents, level);
  const setupCents = reducedFiling ? reduceByOneFifth(full.setupCents) : full.setupCents;
  const firstMeetingCents = reducedFiling ? reduceByOneFifth(full.firstMeetingCents) : full.firstMeetingCents;

  const lines: FeeLine[] = [
    {
      code: 'SETUP_FEE',
      label: labels.SETUP_FEE,
      amountCents: setupCents,
      basis: `art. 28 c.4 ${DM}${valueNote}${filingReductionNote}`,
    },
    {
      code: 'FIRST_MEETING_FEE',
      label: labels.FIRST_MEETING_FEE,
      amountCents: firstMeetingCents,
      basis: `art. 28 c.5 ${DM}${valueNote}${filingReductionNote}`,
    },
  ];

  let tableResult: MediationFeeBreakdown['tableA'] = null;
  let surchargeBaseCents: number | null = null;
  const continued =
    c.outcome === 'agreement_first_meeting' || c.outcome === 'agreement_later' || c.outcome === 'no_agreement_later';
  if (continued) {
    const fullCents = tableAmountFor(c.valueCents, p.tableA, p.tableAmount);
    const lastBracket = p.tableA.brackets[p.tableA.brackets.length - 1];
    const row =
      c.valueCents === null
        ? 'riga indeterminato, '
        : lastBracket && c.valueCents > lastBracket.upToCents
          ? 'percentuale del valore, '
          : '';
    const interpolable = row === '';
    const mode =
      p.tableAmount === 'proportional' && !interpolable
        ? 'minimo, nessuno scaglione da interpolare'
        : modeLabel[p.tableAmount];
    const appliedCents = reducedMediation ? reduceByOneFifth(fullCents) : fullCents;
    tableResult = { fullCents, appliedCents };
    // "Detratti gli importi di cui all'art. 28 c.5": what the party paid for the first meeting. Never
    // negative (a table amount below the first-meeting fee gives no refund).
    const furtherCents = Math.max(0, appliedCents - firstMeetingCents);
    const paragraph = c.outcome === 'agreement_first_meeting' ? 1 : c.outcome === 'agreement_later' ? 2 : 3;
    lines.push({
      code: 'FURTHER_MEDIATION_FEE',
      label: labels.FURTHER_MEDIATION_FEE,
      amountCents: furtherCents,
      basis: `art. 30 c.${paragraph} ${DM}: Tabella A (${row}${mode})${mediationReductionNote}, detratto il primo incontro (art. 28 c.5)`,
    });

    const bp = agreementSurcharge(c.outcome);
    if (bp !== null) {
      surchargeBaseCents = p.surchargeBase === 'A' ? appliedCents : furtherCents;
      const pct = formatPercent(bp);
      lines.push({
        code: 'SETTLEMENT_SURCHARGE',
        label: {
          it: `Maggiorazione per conciliazione (+${pct})`,
          en: `Settlement surcharge (+${pct})`,
        },
        amountCents: mulDivRoundHalfUp(surchargeBaseCents, bp, 10_000),
        basis: `art. 30 c.${paragraph} ${DM}: +${pct} ${
          p.surchargeBase === 'A' ? 'su Tabella A (lettura A)' : 'su Tabella A − primo incontro (lettura B)'
        }`,
      });
    }

    if (c.increasePercent > 0) {
      const bp = toBasisPoints(c.increasePercent);
      const pct = formatPercent(bp);
      lines.push({
        code: 'INCREASE',
        label: { it: `Aumento (+${pct})`, en: `Increase (+${pct})` },
        amountCents: mulDivRoundHalfUp(appliedCents, bp, 10_000),
        basis: `art. 31 ${DM}: +${pct} su Tabella A`,
      });
    }
  }

  const indennitaCents = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const legalAidExempt = c.legalAid && (c.mediationType === 'OBBLIGATORIA' || c.mediationType === 'DEMANDATA');
  const expensesWaived = legalAidExempt && p.legalAidWaivesExpenses;

  if (c.expensesCents > 0) {
    lines.push({
      code: 'EXPENSES',
      label: labels.EXPENSES,
      amountCents: c.expensesCents,
      basis: `art. 28 c.3 ${DM}`,
    });
  }
  const nonExigibleCents = legalAidExempt ? indennitaCents : 0;
  const waivedCents = nonExigibleCents + (expensesWaived ? c.expensesCents : 0);
  if (waivedCents > 0) {
    lines.push({
      code: 'LEGAL_AID_WAIVER',
      label: labels.LEGAL_AID_WAIVER,
      amountCents: -waivedCents,
      basis: `art. 17 c.6 d.lgs. 28/2010${expensesWaived ? ' (spese vive incluse per scelta dell’organismo)' : ''}`,
    });
  }

  const owedExpensesCents = expensesWaived ? 0 : c.expensesCents;
  const owedIndennitaCents = legalAidExempt ? 0 : indennitaCents;
  const subtotalCents = owedIndennitaCents + owedExpensesCents;
  const vatBp = p.vat.applies ? toBasisPoints(p.vat.ratePercent) : 0;
  const vatOf = (indennita: number, expenses: number) =>
    mulDivRoundHalfUp(indennita + (p.vat.onExpenses ? expenses : 0), vatBp, 10_000);

  const vatCents = vatOf(owedIndennitaCents, owedExpensesCents);
  if (p.vat.applies) {
    const pct = formatPercent(vatBp);
    lines.push({
      code: 'VAT',
      label: { it: `IVA ${pct}`, en: `VAT ${pct}` },
      amountCents: vatCents,
      basis: `DPR 633/1972${p.vat.onExpenses ? '' : ', spese vive escluse'}`,
    });
  }

  const filingNetIndennita = legalAidExempt ? 0 : setupCents + firstMeetingCents;
  const filingVat = vatOf(filingNetIndennita, owedExpensesCents);
  const filingNet = filingNetIndennita + owedExpensesCents;

  return {
    lines,
    subtotalCents,
    vatCents,
    totalCents: subtotalCents + vatCents,
    dueAtFiling: { netCents: filingNet, vatCents: filingVat, totalCents: filingNet + filingVat },
    reduced: { mediationFees: reducedMediation, filingFees: reducedFiling },
    tableA: tableResult,
    surchargeBaseCents,
    legalAidExempt,
    nonExigibleCents,
  };
}

/** Art. 30 cc.1-2: surcharge in basis points for an outcome with agreement, else null. */
function agreementSurcharge(outcome: FeeOutcome): number | null {
  if (outcome === 'agreement_first_meeting') return settlementSurchargeBasisPoints.firstMeeting;
  if (outcome === 'agreement_later') return settlementSurchargeBasisPoints.later;
  return null;
}
