/**
 * The OCC's fee quote (preventivo minimo / medio / massimo), D.M. 202/2014 arts. 14 and 16 with the
 * D.M. 30/2012 brackets — the algorithm of spec §A.6.3, step by step:
 *
 * 1. attivo: given, or derived as passivo × satisfaction (art. 16 co. 2, "attivo risultante dal piano").
 * 2–3. marginal sums over the attivo and passivo brackets; every slice rounded half up to the cent.
 * 4. gross = attivo part + passivo part.
 * 5. reduction (art. 16 co. 4): 40 % for the minimum, 15 % for the maximum, 27.5 % for the "medio";
 *    a professional appointed in place of an OCC: flat 40 % in every column. A reduction given as
 *    input (15–40 %) applies to every column.
 * 6. spese generali (art. 14 co. 3): +10 % / +15 % / +12.5 %, or the input (10–15 %) in every column.
 * 7. cap (art. 16 co. 5) on fee + spese generali: 5 % of the amount to creditors when the passivo is
 *    above 1,000,000, 10 % when below; not applied when the amount to creditors is under 20,000.
 *    Passivo of exactly 1,000,000 is in neither case of the text: we apply the stricter 5 % and
 *    flag it (`PASSIVO_EXACTLY_ONE_MILLION`) so the UI and the PDF say so.
 * 8. "medio" has no legal definition: the convention (midpoint of each bracket rate, 27.5 %, 12.5 %,
 *    then the cap) is returned as text to be shown with the figure.
 * Each step's result is rounded half up to the cent (the spec's worked examples round this way).
 * Documented expenses, VAT and social security contributions are outside the quote.
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import {
  RATE_SCALE,
  attivoBrackets,
  capPassivoLimitCents,
  capRateHighPassivoBp,
  capRateLowPassivoBp,
  capThresholdCents,
  generalExpensesRange,
  passivoBrackets,
  reductionRange,
  substituteReductionBp,
  type FeeBracket,
} from './fee-tables';
import { mulDivHalfUp, percentToBp } from './money';

export const feeColumns = ['min', 'average', 'max'] as const;
export type FeeColumn = (typeof feeColumns)[number];
export type ByColumn<T> = Record<FeeColumn, T>;

const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER / 1_000_000);
const percent = z.number().min(0).max(100);

export const feeQuoteInputSchema = z.object({
  passivoCents: cents,
  /** Attivo realised or per the plan; when absent it is derived from the satisfaction percentage. */
  attivoCents: cents.nullish(),
  /** Percentuale di soddisfacimento (0–100) of the plan, used only to derive the attivo. */
  satisfactionPercent: percent.nullish(),
  /** Amount attributed to the creditors (the cap's base); when absent, the attivo (flagged). */
  amountToCreditorsCents: cents.nullish(),
  /** A single reduction (15–40 %) for every column instead of the 40 / 27.5 / 15 convention. */
  reductionPercent: percent.nullish(),
  /** A single spese-generali rate (10–15 %) for every column instead of 10 / 12.5 / 15. */
  generalExpensesPercent: percent.nullish(),
  /** Professional appointed by the judge in place of an OCC: flat 40 % reduction. */
  substituteProfessional: z.boolean().default(false),
});
export type FeeQuoteInput = z.input<typeof feeQuoteInputSchema>;

export type FeeQuoteFlag =
  | 'ATTIVO_DERIVED_FROM_SATISFACTION'
  | 'AMOUNT_TO_CREDITORS_FROM_ATTIVO'
  | 'PASSIVO_EXACTLY_ONE_MILLION'
  | 'CAP_NOT_APPLIED_BELOW_THRESHOLD'
  | 'CAP_APPLIED'
  | 'SUBSTITUTE_PROFESSIONAL';

export interface FeeSliceLine {
  table: 'attivo' | 'passivo';
  fromCents: number;
  toCents: number | null;
  /** Part of the amount that falls in this bracket. */
  baseCents: number;
  /** Rates in thousandths of a percent (12.000 % = 12000). */
  rates: ByColumn<number>;
  amounts: ByColumn<number>;
}

export interface FeeColumnFigures {
  attivoPartCents: number;
  passivoPartCents: number;
  grossCents: number;
  reductionBp: number;
  reducedCents: number;
  generalExpensesBp: number;
  withGeneralExpensesCents: number;
  /** True when the cap lowered this column. */
  capped: boolean;
  totalCents: number;
}

export interface FeeQuote {
  passivoCents: number;
  attivoCents: number;
  amountToCreditorsCents: number;
  slices: FeeSliceLine[];
  columns: ByColumn<FeeColumnFigures>;
  cap: {
    applies: boolean;
    /** 500 (5 %) or 1000 (10 %); null when not applied. */
    rateBp: number | null;
    amountCents: number | null;
    rule: 'below_threshold' | 'passivo_above_one_million' | 'passivo_below_one_million' | 'passivo_exactly_one_million';
  };
  flags: FeeQuoteFlag[];
  averageConvention: { it: string; en: string };
}

export const averageConvention = {
  it: 'Il "medio" non ha definizione normativa: è calcolato con la convenzione del punto medio di ogni percentuale di scaglione, riduzione del 27,5 % (metà tra 15 % e 40 %) e spese generali del 12,5 %, poi il limite dell’art. 16 co. 5.',
  en: 'The "average" has no legal definition: it is computed by the midpoint convention — midpoint of each bracket rate, 27.5 % reduction (midway between 15 % and 40 %) and 12.5 % general expenses, then the art. 16 co. 5 cap.',
} as const;

function bpInRange(value: number | null | undefined, range: { minBp: number; maxBp: number }, path: string, code: 'OCC_REDUCTION_OUT_OF_RANGE' | 'OCC_GENERAL_EXPENSES_OUT_OF_RANGE'): number | null {
  if (value === null || value === undefined) return null;
  const bp = percentToBp(value);
  if (bp === null || bp < range.minBp || bp > range.maxBp) throw new DomainError(code, [{ path, code: 'OUT_OF_RANGE' }]);
  return bp;
}

/** Marginal sums of one table for an amount: one line per bracket the amount reaches. */
function slicesOf(table: 'attivo' | 'passivo', brackets: readonly FeeBracket[], amountCents: number): FeeSliceLine[] {
  const lines: FeeSliceLine[] = [];
  for (const b of brackets) {
    if (amountCents <= b.fromCents) break;
    const top = b.toCents === null ? amountCents : Math.min(amountCents, b.toCents);
    const baseCents = top - b.fromCents;
    const rates = { min: b.minRate, average: (b.minRate + b.maxRate) / 2, max: b.maxRate };
    lines.push({
      table,
      fromCents: b.fromCents,
      toCents: b.toCents,
      baseCents,
      rates,
      amounts: {
        min: mulDivHalfUp(baseCents, rates.min, RATE_SCALE),
        average: mulDivHalfUp(baseCents, rates.average, RATE_SCALE),
        max: mulDivHalfUp(baseCents, rates.max, RATE_SCALE),
      },
    });
  }
  return lines;
}

const sumColumn = (lines: FeeSliceLine[], col: FeeColumn) => lines.reduce((a, l) => a + l.amounts[col], 0);

/** Computes the quote; throws DomainError on invalid input (nothing partial is returned). */
export function computeOccFeeQuote(raw: FeeQuoteInput): FeeQuote {
  const parsed = feeQuoteInputSchema.safeParse(raw);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code === 'too_small' ? 'NEGATIVE' : 'INVALID' })));
  }
  const input = parsed.data;
  const flags: FeeQuoteFlag[] = [];

  const fixedReductionBp = bpInRange(input.reductionPercent, reductionRange, 'reductionPercent', 'OCC_REDUCTION_OUT_OF_RANGE');
  const fixedExpensesBp = bpInRange(input.generalExpensesPercent, generalExpensesRange, 'generalExpensesPercent', 'OCC_GENERAL_EXPENSES_OUT_OF_RANGE');
  if (input.substituteProfessional && fixedReductionBp !== null && fixedReductionBp !== substituteReductionBp) {
    throw new DomainError('OCC_REDUCTION_OUT_OF_RANGE', [{ path: 'reductionPercent', code: 'SUBSTITUTE_FLAT_40' }]);
  }

  // 1. attivo
  let attivoCents: number;
  if (input.attivoCents !== null && input.attivoCents !== undefined) attivoCents = input.attivoCents;
  else {
    const satisfactionBp = input.satisfactionPercent === null || input.satisfactionPercent === undefined ? null : percentToBp(input.satisfactionPercent);
    if (satisfactionBp === null) throw new DomainError('VALIDATION_FAILED', [{ path: 'attivoCents', code: 'REQUIRED' }]);
    attivoCents = mulDivHalfUp(input.passivoCents, satisfactionBp, 10_000);
    flags.push('ATTIVO_DERIVED_FROM_SATISFACTION');
  }
  let amountToCreditorsCents: number;
  if (input.amountToCreditorsCents !== null && input.amountToCreditorsCents !== undefined) amountToCreditorsCents = input.amountToCreditorsCents;
  else {
    amountToCreditorsCents = attivoCents;
    flags.push('AMOUNT_TO_CREDITORS_FROM_ATTIVO');
  }

  // 2–3. slices
  const attivoLines = slicesOf('attivo', attivoBrackets, attivoCents);
  const passivoLines = slicesOf('passivo', passivoBrackets, input.passivoCents);

  // 7. cap rule (computed first, applied per column)
  let cap: FeeQuote['cap'];
  if (amountToCreditorsCents < capThresholdCents) {
    cap = { applies: false, rateBp: null, amountCents: null, rule: 'below_threshold' };
    flags.push('CAP_NOT_APPLIED_BELOW_THRESHOLD');
  } else {
    const exactly = input.passivoCents === capPassivoLimitCents;
    const rateBp = input.passivoCents >= capPassivoLimitCents ? capRateHighPassivoBp : capRateLowPassivoBp;
    if (exactly) flags.push('PASSIVO_EXACTLY_ONE_MILLION');
    cap = {
      applies: true,
      rateBp,
      amountCents: mulDivHalfUp(amountToCreditorsCents, rateBp, 10_000),
      rule: exactly ? 'passivo_exactly_one_million' : rateBp === capRateHighPassivoBp ? 'passivo_above_one_million' : 'passivo_below_one_million',
    };
  }
  if (input.substituteProfessional) flags.push('SUBSTITUTE_PROFESSIONAL');

  const defaultReduction: ByColumn<number> = { min: reductionRange.maxBp, average: (reductionRange.minBp + reductionRange.maxBp) / 2, max: reductionRange.minBp };
  const defaultExpenses: ByColumn<number> = { min: generalExpensesRange.minBp, average: (generalExpensesRange.minBp + generalExpensesRange.maxBp) / 2, max: generalExpensesRange.maxBp };

  const column = (col: FeeColumn): FeeColumnFigures => {
    const attivoPartCents = sumColumn(attivoLines, col);
    const passivoPartCents = sumColumn(passivoLines, col);
    const grossCents = attivoPartCents + passivoPartCents;
    const reductionBp = input.substituteProfessional ? substituteReductionBp : (fixedReductionBp ?? defaultReduction[col]);
    const reducedCents = mulDivHalfUp(grossCents, 10_000 - reductionBp, 10_000);
    const generalExpensesBp = fixedExpensesBp ?? defaultExpenses[col];
    const withGeneralExpensesCents = mulDivHalfUp(reducedCents, 10_000 + generalExpensesBp, 10_000);
    const capped = cap.amountCents !== null && withGeneralExpensesCents > cap.amountCents;
    const totalCents = capped ? cap.amountCents! : withGeneralExpensesCents;
    return { attivoPartCents, passivoPartCents, grossCents, reductionBp, reducedCents, generalExpensesBp, withGeneralExpensesCents, capped, totalCents };
  };
  const columns = { min: column('min'), average: column('average'), max: column('max') };
  if (feeColumns.some((c) => columns[c].capped)) flags.push('CAP_APPLIED');

  return {
    passivoCents: input.passivoCents,
    attivoCents,
    amountToCreditorsCents,
    slices: [...attivoLines, ...passivoLines],
    columns,
    cap,
    flags,
    averageConvention,
  };
}

/** Italian/English notes for the flags, shown under the figures in the UI and the PDF. */
export const feeQuoteFlagNotes: Record<FeeQuoteFlag, { it: string; en: string }> = {
  ATTIVO_DERIVED_FROM_SATISFACTION: {
    it: 'Attivo non indicato: ricavato come passivo × percentuale di soddisfacimento (art. 16 co. 2 D.M. 202/2014).',
    en: 'Assets not given: derived as liabilities × satisfaction percentage (art. 16 co. 2 D.M. 202/2014).',
  },
  AMOUNT_TO_CREDITORS_FROM_ATTIVO: {
    it: 'Importo attribuito ai creditori non indicato: si è assunto pari all’attivo.',
    en: 'Amount to creditors not given: taken as equal to the assets.',
  },
  PASSIVO_EXACTLY_ONE_MILLION: {
    it: 'Passivo pari esattamente a 1.000.000 €: il testo dell’art. 16 co. 5 distingue solo "superiore" (5 %) e "inferiore" (10 %). Si applica prudenzialmente il limite più restrittivo del 5 %; verificare.',
    en: 'Liabilities of exactly 1,000,000 €: art. 16 co. 5 only covers "above" (5 %) and "below" (10 %). The stricter 5 % cap is applied as a precaution; check it.',
  },
  CAP_NOT_APPLIED_BELOW_THRESHOLD: {
    it: 'Limite dell’art. 16 co. 5 non applicato: l’importo attribuito ai creditori è inferiore a 20.000 €.',
    en: 'The art. 16 co. 5 cap does not apply: the amount to creditors is below 20,000 €.',
  },
  CAP_APPLIED: {
    it: 'Compenso e spese generali ridotti al limite dell’art. 16 co. 5 D.M. 202/2014.',
    en: 'Fee and general expenses lowered to the art. 16 co. 5 D.M. 202/2014 cap.',
  },
  SUBSTITUTE_PROFESSIONAL: {
    it: 'Professionista nominato in sostituzione dell’OCC: riduzione fissa del 40 %.',
    en: 'Professional appointed in place of the OCC: flat 40 % reduction.',
  },
};
