import { DomainError } from '../errors';
import { computeOccFeeQuote, type FeeQuote, type FeeQuoteInput } from './fee-quote';

const eur = (n: number) => Math.round(n * 100);

function codeOf(run: () => unknown): { code: string; fields: { path: string; code: string }[] } {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return { code: (e as DomainError).code, fields: (e as DomainError).fields };
  }
  throw new Error('expected a DomainError');
}

const amounts = (q: FeeQuote, table: 'attivo' | 'passivo') =>
  q.slices.filter((s) => s.table === table).map((s) => [s.baseCents, s.amounts.min, s.amounts.max]);

describe('computeOccFeeQuote — spec A.6.4 worked examples, to the cent', () => {
  it('example 1 (consumer plan: passivo 100,000, satisfaction 30 %, cap 10 % binds the max and the medio)', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(100_000), satisfactionPercent: 30 });
    expect(q.attivoCents).toBe(eur(30_000));
    expect(q.amountToCreditorsCents).toBe(eur(30_000));
    expect(amounts(q, 'attivo')).toEqual([
      [eur(16_227.08), eur(1_947.25), eur(2_271.79)],
      [eur(8_113.54), eur(811.35), eur(973.62)],
      [eur(5_659.38), eur(481.05), eur(537.64)],
    ]);
    expect(amounts(q, 'passivo')).toEqual([
      [eur(81_131.38), eur(154.15), eur(762.63)],
      [eur(18_868.62), eur(11.32), eur(86.8)],
    ]);
    const { min, average, max } = q.columns;
    expect([min.attivoPartCents, max.attivoPartCents]).toEqual([eur(3_239.65), eur(3_783.05)]);
    expect([min.passivoPartCents, max.passivoPartCents]).toEqual([eur(165.47), eur(849.43)]);
    expect([min.grossCents, average.grossCents, max.grossCents]).toEqual([eur(3_405.12), eur(4_018.8), eur(4_632.48)]);
    expect([min.reducedCents, average.reducedCents, max.reducedCents]).toEqual([eur(2_043.07), eur(2_913.63), eur(3_937.61)]);
    expect([min.withGeneralExpensesCents, average.withGeneralExpensesCents, max.withGeneralExpensesCents]).toEqual([eur(2_247.38), eur(3_277.83), eur(4_528.25)]);
    expect(q.cap).toEqual({ applies: true, rateBp: 1_000, amountCents: eur(3_000), rule: 'passivo_below_one_million' });
    expect([min.totalCents, average.totalCents, max.totalCents]).toEqual([eur(2_247.38), eur(3_000), eur(3_000)]);
    expect([min.capped, average.capped, max.capped]).toEqual([false, true, true]);
    expect(q.flags).toEqual(expect.arrayContaining(['ATTIVO_DERIVED_FROM_SATISFACTION', 'AMOUNT_TO_CREDITORS_FROM_ATTIVO', 'CAP_APPLIED']));
  });

  it('example 2 (concordato minore: passivo 1,200,000, attivo 150,000, cap 5 % collapses the range)', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(1_200_000), attivoCents: eur(150_000), amountToCreditorsCents: eur(150_000) });
    const { min, average, max } = q.columns;
    expect([min.grossCents, max.grossCents]).toEqual([eur(11_590.66), eur(18_418.03)]);
    expect([min.reducedCents, max.reducedCents]).toEqual([eur(6_954.4), eur(15_655.33)]);
    expect([min.withGeneralExpensesCents, max.withGeneralExpensesCents]).toEqual([eur(7_649.84), eur(18_003.63)]);
    expect(q.cap).toEqual({ applies: true, rateBp: 500, amountCents: eur(7_500), rule: 'passivo_above_one_million' });
    expect([min.totalCents, average.totalCents, max.totalCents]).toEqual([eur(7_500), eur(7_500), eur(7_500)]);
    expect(q.flags).not.toContain('AMOUNT_TO_CREDITORS_FROM_ATTIVO');
  });

  it('example 3 (small file: passivo 60,000, attivo 15,000, no cap under 20,000 to creditors)', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(60_000), attivoCents: eur(15_000), amountToCreditorsCents: eur(15_000) });
    const { min, average, max } = q.columns;
    expect([min.grossCents, max.grossCents]).toEqual([eur(1_914), eur(2_664)]);
    expect([min.reducedCents, max.reducedCents]).toEqual([eur(1_148.4), eur(2_264.4)]);
    expect([min.totalCents, average.totalCents, max.totalCents]).toEqual([eur(1_263.24), eur(1_866.97), eur(2_604.06)]);
    expect(q.cap).toEqual({ applies: false, rateBp: null, amountCents: null, rule: 'below_threshold' });
    expect(q.flags).toContain('CAP_NOT_APPLIED_BELOW_THRESHOLD');
    expect(q.flags).not.toContain('CAP_APPLIED');
  });
});

describe('computeOccFeeQuote — edge cases', () => {
  it('passivo of exactly 1,000,000 falls in neither case of the text: the stricter 5 % applies and is flagged', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(1_000_000), attivoCents: eur(200_000), amountToCreditorsCents: eur(200_000) });
    expect(q.cap).toEqual({ applies: true, rateBp: 500, amountCents: eur(10_000), rule: 'passivo_exactly_one_million' });
    expect(q.flags).toContain('PASSIVO_EXACTLY_ONE_MILLION');
    const justBelow = computeOccFeeQuote({ passivoCents: eur(1_000_000) - 1, attivoCents: eur(200_000), amountToCreditorsCents: eur(200_000) });
    expect(justBelow.cap.rateBp).toBe(1_000);
    expect(justBelow.flags).not.toContain('PASSIVO_EXACTLY_ONE_MILLION');
  });

  it.each([
    ['19,999.99 to creditors: no cap', eur(19_999.99), false],
    ['exactly 20,000 to creditors: cap applies', eur(20_000), true],
  ])('%s', (_name, amountToCreditorsCents, applies) => {
    const q = computeOccFeeQuote({ passivoCents: eur(500_000), attivoCents: eur(20_000), amountToCreditorsCents });
    expect(q.cap.applies).toBe(applies);
  });

  it('a professional appointed in place of the OCC gets a flat 40 % reduction in every column', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(60_000), attivoCents: eur(15_000), amountToCreditorsCents: eur(15_000), substituteProfessional: true });
    expect([q.columns.min.reductionBp, q.columns.average.reductionBp, q.columns.max.reductionBp]).toEqual([4_000, 4_000, 4_000]);
    // gross 1,914.00 / 2,289.00 / 2,664.00 × 0.60 = 1,148.40 / 1,373.40 / 1,598.40
    expect([q.columns.min.reducedCents, q.columns.average.reducedCents, q.columns.max.reducedCents]).toEqual([eur(1_148.4), eur(1_373.4), eur(1_598.4)]);
    expect(q.flags).toContain('SUBSTITUTE_PROFESSIONAL');
    expect(codeOf(() => computeOccFeeQuote({ passivoCents: eur(60_000), attivoCents: 0, substituteProfessional: true, reductionPercent: 20 })).code).toBe('OCC_REDUCTION_OUT_OF_RANGE');
  });

  it('a single reduction and spese-generali rate apply to every column', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(60_000), attivoCents: eur(15_000), reductionPercent: 20, generalExpensesPercent: 15 });
    // min gross 1,914.00 × 0.80 = 1,531.20 × 1.15 = 1,760.88
    expect(q.columns.min.withGeneralExpensesCents).toBe(eur(1_760.88));
    expect(q.columns.max.reductionBp).toBe(2_000);
  });

  it.each<[string, FeeQuoteInput, string, string]>([
    ['reduction below 15 %', { passivoCents: 100, attivoCents: 0, reductionPercent: 14.99 }, 'OCC_REDUCTION_OUT_OF_RANGE', 'reductionPercent'],
    ['reduction above 40 %', { passivoCents: 100, attivoCents: 0, reductionPercent: 41 }, 'OCC_REDUCTION_OUT_OF_RANGE', 'reductionPercent'],
    ['general expenses above 15 %', { passivoCents: 100, attivoCents: 0, generalExpensesPercent: 16 }, 'OCC_GENERAL_EXPENSES_OUT_OF_RANGE', 'generalExpensesPercent'],
    ['general expenses below 10 %', { passivoCents: 100, attivoCents: 0, generalExpensesPercent: 9.5 }, 'OCC_GENERAL_EXPENSES_OUT_OF_RANGE', 'generalExpensesPercent'],
    ['negative passivo', { passivoCents: -1, attivoCents: 0 }, 'VALIDATION_FAILED', 'passivoCents'],
    ['fractional cents', { passivoCents: 10.5, attivoCents: 0 }, 'VALIDATION_FAILED', 'passivoCents'],
    ['neither attivo nor satisfaction', { passivoCents: 100 }, 'VALIDATION_FAILED', 'attivoCents'],
  ])('refuses %s', (_name, input, code, path) => {
    const e = codeOf(() => computeOccFeeQuote(input));
    expect(e.code).toBe(code);
    expect(e.fields.map((f) => f.path)).toContain(path);
  });

  it('accepts the limits of the ranges (15 %, 40 %, 10 %, 15 %)', () => {
    for (const [r, g] of [[15, 10], [40, 15]] as const) {
      expect(() => computeOccFeeQuote({ passivoCents: 100, attivoCents: 0, reductionPercent: r, generalExpensesPercent: g })).not.toThrow();
    }
  });

  it('keeps the two 81,13x.38 limits distinct: 81,133.38 of attivo is all in the fourth bracket, of passivo it crosses into the second', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(81_133.38), attivoCents: eur(81_133.38) });
    const attivo = q.slices.filter((s) => s.table === 'attivo');
    const passivo = q.slices.filter((s) => s.table === 'passivo');
    expect(attivo).toHaveLength(4);
    expect(attivo[3]!.toCents).toBe(eur(81_135.38));
    expect(passivo).toHaveLength(2);
    expect(passivo[1]!.baseCents).toBe(eur(2));
  });

  it('walks every attivo bracket for a large estate (marginal, last bracket open)', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(3_000_000), attivoCents: eur(3_000_000), amountToCreditorsCents: eur(3_000_000) });
    const attivo = q.slices.filter((s) => s.table === 'attivo');
    expect(attivo).toHaveLength(8);
    expect(attivo.reduce((a, s) => a + s.baseCents, 0)).toBe(eur(3_000_000));
    expect(attivo[7]).toMatchObject({ toCents: null, baseCents: eur(3_000_000 - 2_434_061.37), rates: { min: 450, average: 675, max: 900 } });
  });

  it('an attivo of zero gives no attivo lines and only the passivo part', () => {
    const q = computeOccFeeQuote({ passivoCents: eur(10_000), attivoCents: 0 });
    expect(q.slices.map((s) => s.table)).toEqual(['passivo']);
    expect(q.columns.min.grossCents).toBe(eur(19));
  });
});
