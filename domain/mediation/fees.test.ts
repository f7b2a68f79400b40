import { DomainError } from '../errors';
import { filingFeeBrackets, indeterminableFilingFees, tableA } from './fee-tables';
import {
  type FeeOutcome,
  type FeePolicy,
  type MediationFeeBreakdown,
  type MediationFeeInput,
  computeMediationFee,
  defaultFeePolicy,
  feeOutcomes,
  parseFeePolicy,
} from './fees';
import { type MediationType, mediationTypeCodes } from './matters';

/** Policy with some fields changed (tests only; the function validates it anyway). */
function policyWith(overrides: Partial<FeePolicy>): FeePolicy {
  return { ...defaultFeePolicy, ...overrides };
}

const noVat = policyWith({ vat: { ...defaultFeePolicy.vat, applies: false } });

function line(result: MediationFeeBreakdown, code: string): number | undefined {
  return result.lines.find((l) => l.code === code)?.amountCents;
}

function codes(result: MediationFeeBreakdown): string[] {
  return result.lines.map((l) => l.code);
}

function validationFields(run: () => unknown): { path: string; code: string }[] {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION_FAILED');
    return (e as DomainError).fields;
  }
  throw new Error('expected a DomainError');
}

describe('fee tables (spec §4.2, §4.3)', () => {
  test('every Tabella A minimum equals the maximum of the bracket below (art. 31), the > 5 M row included', () => {
    tableA.brackets.forEach((b, i) => {
      const previous = tableA.brackets[i - 1];
      if (previous) expect(b.minCents).toBe(previous.maxCents);
      expect(b.minCents).toBeLessThan(b.maxCents);
    });
    const last = tableA.brackets[tableA.brackets.length - 1]!;
    expect((last.upToCents * tableA.above.minBasisPoints) / 10_000).toBe(last.maxCents);
  });

  test('the 10th bracket is 1.500.000,01 – 2.500.000,00 (typo of [S75] corrected)', () => {
    expect(tableA.brackets[8]!.upToCents).toBe(150_000_000);
    expect(tableA.brackets[9]).toEqual({ upToCents: 250_000_000, minCents: 460_000, maxCents: 650_000 });
  });

  test('the first-meeting table has an open last bracket and the indeterminable levels', () => {
    expect(filingFeeBrackets.map((b) => b.upToCents)).toEqual([100_000, 5_000_000, null]);
    expect(indeterminableFilingFees).toEqual({
      setupCents: 11_000,
      firstMeetingCents: { basso: 6_000, medio: 12_000, alto: 17_000 },
    });
  });
});

describe('set-up and first-meeting fees by value bracket (art. 28 cc.4-5)', () => {
  // [value label, valueCents, full set-up, full first meeting, reduced set-up, reduced first meeting]
  test.each([
    ['0,00', 0, 4_000, 6_000, 3_200, 4_800],
    ['1.000,00', 100_000, 4_000, 6_000, 3_200, 4_800],
    ['1.000,01', 100_001, 7_500, 12_000, 6_000, 9_600],
    ['50.000,00', 5_000_000, 7_500, 12_000, 6_000, 9_600],
    ['50.000,01', 5_000_001, 11_000, 17_000, 8_800, 13_600],
    ['10.000.000.000,00', 1_000_000_000_000, 11_000, 17_000, 8_800, 13_600],
  ])('value € %s: %i cents', (_label, valueCents, setup, first, reducedSetup, reducedFirst) => {
    const voluntary = computeMediationFee({ mediationType: 'VOLONTARIA', valueCents, outcome: 'pending' }, noVat);
    expect(line(voluntary, 'SETUP_FEE')).toBe(setup);
    expect(line(voluntary, 'FIRST_MEETING_FEE')).toBe(first);
    expect(voluntary.dueAtFiling.netCents).toBe(setup + first);

    const mandatory = computeMediationFee({ mediationType: 'OBBLIGATORIA', valueCents, outcome: 'pending' }, noVat);
    expect(line(mandatory, 'SETUP_FEE')).toBe(reducedSetup);
    expect(line(mandatory, 'FIRST_MEETING_FEE')).toBe(reducedFirst);
    expect(mandatory.dueAtFiling.netCents).toBe(reducedSetup + reducedFirst);
  });
});

describe('Tabella A by value bracket (Allegato A)', () => {
  // [value label, valueCents, full minimum, full maximum, reduced minimum (spec column "Min −1/5")]
  test.each([
    ['0,01', 1, 8_000, 16_000, 6_400],
    ['1.000,00', 100_000, 8_000, 16_000, 6_400],
    ['1.000,01', 100_001, 16_000, 29_000, 12_800],
    ['5.000,00', 500_000, 16_000, 29_000, 12_800],
    ['5.000,01', 500_001, 29_000, 44_000, 23_200],
    ['10.000,00', 1_000_000, 29_000, 44_000, 23_200],
    ['10.000,01', 1_000_001, 44_000, 72_000, 35_200],
    ['25.000,00', 2_500_000, 44_000, 72_000, 35_200],
    ['25.000,01', 2_500_001, 72_000, 120_000, 57_600],
    ['50.000,00', 5_000_000, 72_000, 120_000, 57_600],
    ['50.000,01', 5_000_001, 120_000, 150_000, 96_000],
    ['150.000,00', 15_000_000, 120_000, 150_000, 96_000],
    ['150.000,01', 15_000_001, 150_000, 250_000, 120_000],
    ['250.000,00', 25_000_000, 150_000, 250_000, 120_000],
    ['250.000,01', 25_000_001, 250_000, 390_000, 200_000],
    ['500.000,00', 50_000_000, 250_000, 390_000, 200_000],
    ['500.000,01', 50_000_001, 390_000, 460_000, 312_000],
    ['1.500.000,00', 150_000_000, 390_000, 460_000, 312_000],
    ['1.500.000,01', 150_000_001, 460_000, 650_000, 368_000],
    ['2.500.000,00', 250_000_000, 460_000, 650_000, 368_000],
    ['2.500.000,01', 250_000_001, 650_000, 1_000_000, 520_000],
    ['5.000.000,00', 500_000_000, 650_000, 1_000_000, 520_000],
    // > € 5 M: 0,20% / 0,30% of the value (0,16% reduced); 0,20% of 5.000.000,01 = 10.000,00002.
    ['5.000.000,01', 500_000_001, 1_000_000, 1_500_000, 800_000],
  ])('value € %s: minimum %i, maximum %i, reduced minimum %i', (_label, valueCents, min, max, reducedMin) => {
    const atMin = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents, outcome: 'no_agreement_later' },
      noVat,
    );
    expect(atMin.tableA).toEqual({ fullCents: min, appliedCents: min });

    const atMax = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents, outcome: 'no_agreement_later' },
      policyWith({ tableAmount: 'maximum' }),
    );
    expect(atMax.tableA).toEqual({ fullCents: max, appliedCents: max });

    const reduced = computeMediationFee(
      { mediationType: 'OBBLIGATORIA', valueCents, outcome: 'no_agreement_later' },
      noVat,
    );
    expect(reduced.tableA).toEqual({ fullCents: min, appliedCents: reducedMin });
  });
});

describe('the > € 5 M row (percentages of the value)', () => {
  test.each([
    // [valueCents, mode, type, expected full, expected applied]
    [600_000_000, 'minimum', 'VOLONTARIA', 1_200_000, 1_200_000], // 0,20% of € 6 M = € 12.000
    [600_000_000, 'maximum', 'VOLONTARIA', 1_800_000, 1_800_000], // 0,30% = € 18.000
    [600_000_000, 'minimum', 'OBBLIGATORIA', 1_200_000, 960_000], // 0,16% = € 9.600
    [600_000_000, 'maximum', 'DEMANDATA', 1_800_000, 1_440_000], // 0,24%
    [600_000_000, 'proportional', 'VOLONTARIA', 1_200_000, 1_200_000], // no upper bound: the minimum
    // 0,20% × 5.000.002,50 = 10.000,005 → rounded half up to 10.000,01
    [500_000_250, 'minimum', 'VOLONTARIA', 1_000_001, 1_000_001],
  ] as const)('value %i cents, %s, %s → %i (applied %i)', (valueCents, tableAmount, mediationType, full, applied) => {
    const result = computeMediationFee(
      { mediationType, valueCents, outcome: 'no_agreement_later' },
      policyWith({ tableAmount }),
    );
    expect(result.tableA).toEqual({ fullCents: full, appliedCents: applied });
  });
});

describe('the one-fifth reduction (art. 30 c.4; spec §1.1)', () => {
  test.each([
    ['OBBLIGATORIA', {}, true, true],
    ['DEMANDATA', {}, true, true],
    ['VOLONTARIA', {}, false, false],
    ['CLAUSOLA', {}, false, false],
    ['CLAUSOLA', { reduceClausola: true }, true, true],
    ['OBBLIGATORIA', { reduceFilingFees: false }, true, false],
    ['VOLONTARIA', { reduceClausola: true }, false, false],
  ] as const)(
    '%s with policy %j: spese di mediazione reduced %p, set-up and first meeting reduced %p',
    (mediationType, overrides, mediation, filing) => {
      const result = computeMediationFee(
        { mediationType, valueCents: 800_000, outcome: 'no_agreement_later' },
        policyWith(overrides),
      );
      expect(result.reduced).toEqual({ mediationFees: mediation, filingFees: filing });
      expect(line(result, 'SETUP_FEE')).toBe(filing ? 6_000 : 7_500);
      expect(line(result, 'FIRST_MEETING_FEE')).toBe(filing ? 9_600 : 12_000);
      const t = mediation ? 23_200 : 29_000;
      expect(result.tableA?.appliedCents).toBe(t);
      // The further fee deducts the first-meeting fee actually charged.
      expect(line(result, 'FURTHER_MEDIATION_FEE')).toBe(t - (filing ? 9_600 : 12_000));
    },
  );
});

describe('spec §4.4 worked example: mandatory, value € 5.001 – 10.000, minimum of the bracket', () => {
  // T = 4/5 × 290 = 232; first-meeting fee 4/5 × 120 = 96; at filing 60 + 96 = 156.
  // [S76] prints 373,20 for agreement in later meetings (315,20 + 58, i.e. both surcharges added up);
  // art. 30 cc.1-2 give +10% *or* +25% by the meeting of the agreement, so this function follows the
  // formula of §4.4 and yields 350,00 under reading A. Legal review is pending (spec §4.4 [U]).
  test.each([
    // [outcome, reading, subtotal, further, surcharge, surcharge base]
    ['pending', 'A', 15_600, undefined, undefined, null],
    ['no_agreement_first_meeting', 'A', 15_600, undefined, undefined, null],
    ['absent', 'A', 15_600, undefined, undefined, null],
    ['no_agreement_later', 'A', 29_200, 13_600, undefined, null],
    ['agreement_first_meeting', 'A', 31_520, 13_600, 2_320, 23_200],
    ['agreement_later', 'A', 35_000, 13_600, 5_800, 23_200],
    ['no_agreement_later', 'B', 29_200, 13_600, undefined, null],
    ['agreement_first_meeting', 'B', 30_560, 13_600, 1_360, 13_600],
    ['agreement_later', 'B', 32_600, 13_600, 3_400, 13_600],
  ] as const)('%s, reading %s → € %i cents', (outcome, surchargeBase, subtotal, further, surcharge, base) => {
    const result = computeMediationFee(
      { mediationType: 'OBBLIGATORIA', valueCents: 800_000, outcome },
      policyWith({ surchargeBase }),
    );
    expect(result.dueAtFiling.netCents).toBe(15_600);
    expect(line(result, 'SETUP_FEE')).toBe(6_000);
    expect(line(result, 'FIRST_MEETING_FEE')).toBe(9_600);
    expect(line(result, 'FURTHER_MEDIATION_FEE')).toBe(further);
    expect(line(result, 'SETTLEMENT_SURCHARGE')).toBe(surcharge);
    expect(result.surchargeBaseCents).toBe(base);
    expect(result.subtotalCents).toBe(subtotal);
    expect(result.totalCents).toBe(subtotal + Math.floor((subtotal * 22) / 100 + 0.5));
  });

  test('agreement in later meetings is 350,00 under reading A, not the 373,20 printed by [S76]', () => {
    const result = computeMediationFee(
      { mediationType: 'OBBLIGATORIA', valueCents: 800_000, outcome: 'agreement_later' },
      noVat,
    );
    expect(result.totalCents).toBe(35_000);
    expect(result.lines.filter((l) => l.code === 'SETTLEMENT_SURCHARGE')).toHaveLength(1);
  });
});

describe('lines per outcome', () => {
  test.each([
    ['pending', ['SETUP_FEE', 'FIRST_MEETING_FEE', 'VAT']],
    ['no_agreement_first_meeting', ['SETUP_FEE', 'FIRST_MEETING_FEE', 'VAT']],
    ['absent', ['SETUP_FEE', 'FIRST_MEETING_FEE', 'VAT']],
    ['no_agreement_later', ['SETUP_FEE', 'FIRST_MEETING_FEE', 'FURTHER_MEDIATION_FEE', 'VAT']],
    [
      'agreement_first_meeting',
      ['SETUP_FEE', 'FIRST_MEETING_FEE', 'FURTHER_MEDIATION_FEE', 'SETTLEMENT_SURCHARGE', 'VAT'],
    ],
    ['agreement_later', ['SETUP_FEE', 'FIRST_MEETING_FEE', 'FURTHER_MEDIATION_FEE', 'SETTLEMENT_SURCHARGE', 'VAT']],
  ] as const)('%s → %j', (outcome, expected) => {
    const result = computeMediationFee({ mediationType: 'VOLONTARIA', valueCents: 800_000, outcome });
    expect(codes(result)).toEqual(expected);
  });

  test('every line has Italian and English labels and a legal basis citing an article', () => {
    const result = computeMediationFee(
      {
        mediationType: 'OBBLIGATORIA',
        valueCents: 800_000,
        outcome: 'agreement_later',
        expensesCents: 1_500,
        increasePercent: 10,
        legalAid: true,
      },
      defaultFeePolicy,
    );
    expect(codes(result)).toEqual([
      'SETUP_FEE',
      'FIRST_MEETING_FEE',
      'FURTHER_MEDIATION_FEE',
      'SETTLEMENT_SURCHARGE',
      'INCREASE',
      'EXPENSES',
      'LEGAL_AID_WAIVER',
      'VAT',
    ]);
    for (const l of result.lines) {
      expect(l.label.it).not.toBe('');
      expect(l.label.en).not.toBe('');
      expect(l.basis).toMatch(/art\.|DPR/);
    }
    expect(result.lines[0]!.basis).toContain('art. 28 c.4 DM 150/2023');
    expect(result.lines[1]!.basis).toContain('art. 28 c.5 DM 150/2023');
    expect(result.lines[2]!.basis).toContain('art. 30 c.2 DM 150/2023');
    expect(result.lines[3]!.label.it).toContain('25%');
  });

  test('voluntary mediation, value € 20.000, agreement at the first meeting: full amounts, +10% of 440', () => {
    const result = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents: 2_000_000, outcome: 'agreement_first_meeting' },
      noVat,
    );
    // 75 + 120 + (440 − 120) + 44 = 559
    expect(result.lines.map((l) => l.amountCents)).toEqual([7_500, 12_000, 32_000, 4_400]);
    expect(result.totalCents).toBe(55_900);
  });
});

describe('indeterminable value (spec §4.2, art. 29)', () => {
  test.each([
    ['basso', 'VOLONTARIA', 11_000, 6_000],
    ['medio', 'VOLONTARIA', 11_000, 12_000],
    ['alto', 'VOLONTARIA', 11_000, 17_000],
    ['basso', 'OBBLIGATORIA', 8_800, 4_800],
    ['medio', 'OBBLIGATORIA', 8_800, 9_600],
    ['alto', 'DEMANDATA', 8_800, 13_600],
  ] as const)('level %s, %s: set-up %i, first meeting %i', (level, mediationType, setup, first) => {
    const byPolicy = computeMediationFee(
      { mediationType, valueCents: null, outcome: 'pending' },
      policyWith({ indeterminableLevel: level }),
    );
    expect(line(byPolicy, 'SETUP_FEE')).toBe(setup);
    expect(line(byPolicy, 'FIRST_MEETING_FEE')).toBe(first);
    expect(byPolicy.lines[1]!.basis).toContain(`livello ${level}`);

    const byCase = computeMediationFee({
      mediationType,
      valueCents: null,
      outcome: 'pending',
      indeterminableLevel: level,
    });
    expect(byCase.lines.slice(0, 2)).toEqual(byPolicy.lines.slice(0, 2));
  });

  test('the default level is "basso" (€ 60, the only amount every source lists)', () => {
    const result = computeMediationFee({ mediationType: 'VOLONTARIA', valueCents: null, outcome: 'pending' });
    expect(line(result, 'FIRST_MEETING_FEE')).toBe(6_000);
  });

  test('the level of the case wins over the policy and is ignored when the value is known', () => {
    const policy = policyWith({ indeterminableLevel: 'alto' });
    const perCase = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents: null, outcome: 'pending', indeterminableLevel: 'medio' },
      policy,
    );
    expect(line(perCase, 'FIRST_MEETING_FEE')).toBe(12_000);
    const known = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents: 50_000, outcome: 'pending', indeterminableLevel: 'alto' },
      policy,
    );
    expect(line(known, 'FIRST_MEETING_FEE')).toBe(6_000);
  });

  test.each([
    ['minimum', 'VOLONTARIA', 120_000, 120_000],
    ['maximum', 'VOLONTARIA', 150_000, 150_000],
    ['proportional', 'VOLONTARIA', 120_000, 120_000],
    ['minimum', 'OBBLIGATORIA', 120_000, 96_000],
  ] as const)(
    'continuing with %s mode, %s: Tabella A "indeterminato" row gives %i (applied %i)',
    (tableAmount, mediationType, full, applied) => {
      const result = computeMediationFee(
        { mediationType, valueCents: null, outcome: 'no_agreement_later' },
        policyWith({ tableAmount }),
      );
      expect(result.tableA).toEqual({ fullCents: full, appliedCents: applied });
    },
  );
});

describe('proportional mode: linear interpolation inside the bracket', () => {
  const proportional = policyWith({ tableAmount: 'proportional', vat: { ...defaultFeePolicy.vat, applies: false } });

  test.each([
    // bracket ≤ 1.000: from 0 (80,00) to 1.000,00 (160,00)
    [0, 8_000],
    [1, 8_000], // 80 + 0,0008 → 80,00
    [12_345, 8_988], // 80 + 80 × 123,45/1000 = 89,876 → 89,88
    [50_000, 12_000],
    [100_000, 16_000],
    // bracket 5.000,01 – 10.000,00: from 290 to 440
    [500_001, 29_000],
    [750_000, 36_500], // 290 + 150 × 2.499,99/4.999,99 = 364,99985 → 365,00
    [1_000_000, 44_000],
    // bracket 2.500.000,01 – 5.000.000,00: from 6.500 to 10.000
    [375_000_000, 825_000], // 6.500 + 3.500 × (1.249.999,99/2.499.999,99) = 8.249,9999986 → 8.250,00
  ])('value %i cents → %i cents', (valueCents, expected) => {
    const result = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents, outcome: 'no_agreement_later' },
      proportional,
    );
    expect(result.tableA?.fullCents).toBe(expected);
  });

  test('the upper bound of each bracket gives its maximum, which is the next bracket minimum: no jump', () => {
    for (const b of tableA.brackets) {
      const at = (valueCents: number) =>
        computeMediationFee({ mediationType: 'VOLONTARIA', valueCents, outcome: 'no_agreement_later' }, proportional)
          .tableA?.fullCents;
      expect(at(b.upToCents)).toBe(b.maxCents);
      expect(at(b.upToCents + 1)! - at(b.upToCents)!).toBeLessThanOrEqual(1);
    }
  });

  test('mandatory, value € 7.500, agreement later, reading A: reduced interpolated amount', () => {
    const result = computeMediationFee(
      { mediationType: 'OBBLIGATORIA', valueCents: 750_000, outcome: 'agreement_later' },
      proportional,
    );
    // T = 4/5 × 365 = 292; further = 292 − 96 = 196; +25% of 292 = 73; total 60 + 96 + 196 + 73
    expect(result.tableA).toEqual({ fullCents: 36_500, appliedCents: 29_200 });
    expect(result.lines.map((l) => l.amountCents)).toEqual([6_000, 9_600, 19_600, 7_300]);
    expect(result.totalCents).toBe(42_500);
  });
});

describe('art. 31 increase (up to 20%, case by case, on agreement)', () => {
  test.each([
    ['agreement_later', 12.5, 2_900], // 12,5% of T = 232
    ['agreement_later', 20, 4_640],
    ['agreement_first_meeting', 20, 4_640],
    ['agreement_first_meeting', 0.01, 2], // 0,01% of 232 = 0,0232 → 0,02
  ] as const)('%s, +%p%% → %i cents', (outcome, increasePercent, expected) => {
    const result = computeMediationFee(
      { mediationType: 'OBBLIGATORIA', valueCents: 800_000, outcome, increasePercent },
      noVat,
    );
    expect(line(result, 'INCREASE')).toBe(expected);
    expect(result.lines.find((l) => l.code === 'INCREASE')?.basis).toContain('art. 31');
  });

  test('no increase line by default', () => {
    const result = computeMediationFee({
      mediationType: 'OBBLIGATORIA',
      valueCents: 800_000,
      outcome: 'agreement_later',
    });
    expect(line(result, 'INCREASE')).toBeUndefined();
  });

  test.each(['pending', 'no_agreement_first_meeting', 'absent', 'no_agreement_later'] as const)(
    'refuses an increase when the outcome is %s',
    (outcome) => {
      expect(
        validationFields(() =>
          computeMediationFee({ mediationType: 'VOLONTARIA', valueCents: 800_000, outcome, increasePercent: 5 }),
        ),
      ).toEqual([{ path: 'increasePercent', code: 'INCREASE_REQUIRES_AGREEMENT' }]);
    },
  );

  test('refuses an increase above the body cap', () => {
    expect(
      validationFields(() =>
        computeMediationFee(
          { mediationType: 'VOLONTARIA', valueCents: 800_000, outcome: 'agreement_later', increasePercent: 15 },
          policyWith({ maxIncreasePercent: 10 }),
        ),
      ),
    ).toEqual([{ path: 'increasePercent', code: 'INCREASE_ABOVE_POLICY_MAXIMUM' }]);
  });
});

describe('legal aid (patrocinio a spese dello Stato, spec §4.5)', () => {
  test.each(['OBBLIGATORIA', 'DEMANDATA'] as const)('%s: the party owes no indennità', (mediationType) => {
    const result = computeMediationFee({
      mediationType,
      valueCents: 800_000,
      outcome: 'agreement_later',
      legalAid: true,
    });
    expect(result.legalAidExempt).toBe(true);
    expect(result.nonExigibleCents).toBe(35_000);
    expect(line(result, 'LEGAL_AID_WAIVER')).toBe(-35_000);
    expect(result.subtotalCents).toBe(0);
    expect(result.vatCents).toBe(0);
    expect(result.totalCents).toBe(0);
    expect(result.dueAtFiling).toEqual({ netCents: 0, vatCents: 0, totalCents: 0 });
  });

  test('spese vive remain due by default, with their VAT', () => {
    const result = computeMediationFee({
      mediationType: 'OBBLIGATORIA',
      valueCents: 800_000,
      outcome: 'no_agreement_first_meeting',
      legalAid: true,
      expensesCents: 1_000,
    });
    expect(result.nonExigibleCents).toBe(15_600);
    expect(result.subtotalCents).toBe(1_000);
    expect(result.vatCents).toBe(220);
    expect(result.dueAtFiling).toEqual({ netCents: 1_000, vatCents: 220, totalCents: 1_220 });
    expect(result.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(result.totalCents);
  });

  test('a body may waive the spese vive too', () => {
    const result = computeMediationFee(
      { mediationType: 'DEMANDATA', valueCents: 800_000, outcome: 'pending', legalAid: true, expensesCents: 1_000 },
      policyWith({ legalAidWaivesExpenses: true }),
    );
    expect(line(result, 'LEGAL_AID_WAIVER')).toBe(-16_600);
    expect(result.nonExigibleCents).toBe(15_600);
    expect(result.totalCents).toBe(0);
    expect(result.dueAtFiling.totalCents).toBe(0);
  });

  test.each(['VOLONTARIA', 'CLAUSOLA'] as const)('%s: legal aid does not exempt from the fees', (mediationType) => {
    const withAid = computeMediationFee({
      mediationType,
      valueCents: 800_000,
      outcome: 'agreement_later',
      legalAid: true,
    });
    const without = computeMediationFee({ mediationType, valueCents: 800_000, outcome: 'agreement_later' });
    expect(withAid.legalAidExempt).toBe(false);
    expect(withAid.nonExigibleCents).toBe(0);
    expect(withAid.lines).toEqual(without.lines);
  });
});

describe('spese vive and VAT', () => {
  test('spese vive are due at filing and taxed by default', () => {
    const result = computeMediationFee({
      mediationType: 'VOLONTARIA',
      valueCents: 50_000,
      outcome: 'pending',
      expensesCents: 1_200,
    });
    expect(line(result, 'EXPENSES')).toBe(1_200);
    expect(result.subtotalCents).toBe(11_200);
    expect(result.vatCents).toBe(2_464);
    expect(result.totalCents).toBe(13_664);
    expect(result.dueAtFiling).toEqual({ netCents: 11_200, vatCents: 2_464, totalCents: 13_664 });
  });

  test('VAT is rounded half up to the cent: 22% of 100,25 = 22,055 → 22,06', () => {
    const result = computeMediationFee({
      mediationType: 'VOLONTARIA',
      valueCents: 50_000,
      outcome: 'pending',
      expensesCents: 25,
    });
    expect(result.subtotalCents).toBe(10_025);
    expect(result.vatCents).toBe(2_206);
    expect(line(result, 'VAT')).toBe(2_206);
  });

  test.each([
    [{ applies: false, ratePercent: 22, onExpenses: true }, 0, false],
    [{ applies: true, ratePercent: 22, onExpenses: false }, 2_200, true], // 22% of 100, not of the 12 of spese vive
    [{ applies: true, ratePercent: 10, onExpenses: true }, 1_120, true],
  ])('VAT settings %j → %i cents', (vat, expectedVat, hasLine) => {
    const result = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents: 50_000, outcome: 'pending', expensesCents: 1_200 },
      policyWith({ vat }),
    );
    expect(result.vatCents).toBe(expectedVat);
    expect(codes(result).includes('VAT')).toBe(hasLine);
    expect(result.totalCents).toBe(11_200 + expectedVat);
  });

  test('VAT is separately computed on the amount due at filing', () => {
    const result = computeMediationFee({
      mediationType: 'OBBLIGATORIA',
      valueCents: 800_000,
      outcome: 'agreement_first_meeting',
    });
    expect(result.dueAtFiling).toEqual({ netCents: 15_600, vatCents: 3_432, totalCents: 19_032 });
    expect(result.vatCents).toBe(6_934); // 22% of 315,20 = 69,344
  });
});

describe('invariants over every type, outcome and reading', () => {
  const cases: [MediationType, number | null, FeeOutcome, 'A' | 'B', boolean][] = [];
  for (const type of mediationTypeCodes) {
    for (const value of [null, 0, 100_000, 100_001, 800_000, 5_000_001, 700_000_000]) {
      for (const outcome of feeOutcomes) {
        for (const reading of ['A', 'B'] as const) {
          for (const legalAid of [false, true]) cases.push([type, value, outcome, reading, legalAid]);
        }
      }
    }
  }

  test(`lines add up to the total and every amount is an integer (${cases.length} cases)`, () => {
    for (const [mediationType, valueCents, outcome, surchargeBase, legalAid] of cases) {
      for (const tableAmount of ['minimum', 'maximum', 'proportional'] as const) {
        const result = computeMediationFee(
          { mediationType, valueCents, outcome, legalAid, expensesCents: 731 },
          policyWith({ surchargeBase, tableAmount }),
        );
        const sum = result.lines.reduce((s, l) => s + l.amountCents, 0);
        expect(sum).toBe(result.totalCents);
        expect(result.subtotalCents + result.vatCents).toBe(result.totalCents);
        for (const l of result.lines) expect(Number.isInteger(l.amountCents)).toBe(true);
        expect(result.totalCents).toBeGreaterThanOrEqual(result.dueAtFiling.totalCents);
        const furtherDue = ['agreement_first_meeting', 'agreement_later', 'no_agreement_later'].includes(outcome);
        expect(result.tableA !== null).toBe(furtherDue);
        if (!furtherDue) expect(result.totalCents).toBe(result.dueAtFiling.totalCents);
      }
    }
  });
});

describe('validation', () => {
  const valid: MediationFeeInput = { mediationType: 'OBBLIGATORIA', valueCents: 800_000, outcome: 'pending' };

  test.each([
    ['a negative value', { valueCents: -1 }, 'valueCents', 'INVALID_VALUE'],
    ['a fractional value', { valueCents: 100.5 }, 'valueCents', 'INVALID_VALUE'],
    ['a missing value', { valueCents: undefined }, 'valueCents', 'INVALID_VALUE'],
    ['a value beyond safe integers', { valueCents: 2 ** 60 }, 'valueCents', 'INVALID_VALUE'],
    ['a value as a string', { valueCents: '1000' }, 'valueCents', 'INVALID_VALUE'],
    ['an unknown mediation type', { mediationType: 'ARBITRATO' }, 'mediationType', 'UNKNOWN_MEDIATION_TYPE'],
    ['an unknown outcome', { outcome: 'settled' }, 'outcome', 'UNKNOWN_OUTCOME'],
    ['negative spese vive', { expensesCents: -100 }, 'expensesCents', 'INVALID_EXPENSES'],
    ['fractional spese vive', { expensesCents: 10.5 }, 'expensesCents', 'INVALID_EXPENSES'],
    ['a non-boolean legal-aid flag', { legalAid: 'yes' }, 'legalAid', 'INVALID_LEGAL_AID'],
    [
      'an increase above 20%',
      { outcome: 'agreement_later', increasePercent: 20.01 },
      'increasePercent',
      'INVALID_INCREASE',
    ],
    ['a negative increase', { outcome: 'agreement_later', increasePercent: -1 }, 'increasePercent', 'INVALID_INCREASE'],
    [
      'an increase with three decimals',
      { outcome: 'agreement_later', increasePercent: 1.234 },
      'increasePercent',
      'INVALID_INCREASE',
    ],
    [
      'an unknown indeterminable level',
      { indeterminableLevel: 'altissimo' },
      'indeterminableLevel',
      'INVALID_INDETERMINABLE_LEVEL',
    ],
    ['an unknown field', { legalaid: true }, 'legalaid', 'UNKNOWN_FIELD'],
  ])('refuses %s', (_what, patch, path, code) => {
    expect(validationFields(() => computeMediationFee({ ...valid, ...patch } as MediationFeeInput))).toEqual([
      { path, code },
    ]);
  });

  test('refuses a non-object input', () => {
    expect(validationFields(() => computeMediationFee(null as unknown as MediationFeeInput))).toEqual([
      { path: '', code: 'INVALID_INPUT' },
    ]);
  });

  test('reports every invalid field of the input and of the policy at once', () => {
    const fields = validationFields(() =>
      computeMediationFee(
        { ...valid, mediationType: 'X', valueCents: -5 } as unknown as MediationFeeInput,
        policyWith({ surchargeBase: 'C' as 'A' }),
      ),
    );
    expect(fields).toEqual([
      { path: 'mediationType', code: 'UNKNOWN_MEDIATION_TYPE' },
      { path: 'valueCents', code: 'INVALID_VALUE' },
      { path: 'policy.surchargeBase', code: 'INVALID_FEE_POLICY' },
    ]);
  });

  test.each([
    ['an unknown surcharge reading', { surchargeBase: 'C' }, 'policy.surchargeBase', 'INVALID_FEE_POLICY'],
    ['an unknown table mode', { tableAmount: 'average' }, 'policy.tableAmount', 'INVALID_FEE_POLICY'],
    [
      'a VAT rate above 100%',
      { vat: { applies: true, ratePercent: 101, onExpenses: true } },
      'policy.vat.ratePercent',
      'INVALID_FEE_POLICY',
    ],
    [
      'a negative VAT rate',
      { vat: { applies: true, ratePercent: -1, onExpenses: true } },
      'policy.vat.ratePercent',
      'INVALID_FEE_POLICY',
    ],
    ['an increase cap above 20%', { maxIncreasePercent: 25 }, 'policy.maxIncreasePercent', 'INVALID_FEE_POLICY'],
    ['a non-boolean flag', { reduceClausola: 'no' }, 'policy.reduceClausola', 'INVALID_FEE_POLICY'],
    [
      'Tabella A brackets out of order',
      { tableA: { ...tableA, brackets: [tableA.brackets[1]!, tableA.brackets[0]!] } },
      'policy.tableA.brackets.1.upToCents',
      'INVALID_FEE_TABLE',
    ],
    [
      'a Tabella A minimum above its maximum',
      { tableA: { ...tableA, brackets: [{ upToCents: 100_000, minCents: 9_000, maxCents: 8_000 }] } },
      'policy.tableA.brackets.0',
      'INVALID_FEE_TABLE',
    ],
    [
      'a percentage row above 100%',
      { tableA: { ...tableA, above: { minBasisPoints: 20, maxBasisPoints: 10_001 } } },
      'policy.tableA.above.maxBasisPoints',
      'INVALID_FEE_TABLE',
    ],
    ['an unknown policy field', { surchargeReading: 'A' }, 'policy.surchargeReading', 'UNKNOWN_FIELD'],
  ])('refuses a policy with %s', (_what, patch, path, code) => {
    expect(validationFields(() => computeMediationFee(valid, { ...defaultFeePolicy, ...patch } as FeePolicy))).toEqual([
      { path, code },
    ]);
  });
});

describe('parseFeePolicy (a body settings)', () => {
  test('empty or missing settings give the documented defaults', () => {
    expect(parseFeePolicy({})).toEqual(defaultFeePolicy);
    expect(parseFeePolicy(undefined)).toEqual(defaultFeePolicy);
    expect(defaultFeePolicy).toMatchObject({
      surchargeBase: 'A',
      reduceFilingFees: true,
      reduceClausola: false,
      tableAmount: 'minimum',
      indeterminableLevel: 'basso',
      vat: { applies: true, ratePercent: 22, onExpenses: true },
      legalAidWaivesExpenses: false,
      maxIncreasePercent: 20,
    });
    expect(defaultFeePolicy.tableA).toBe(tableA);
  });

  test('partial settings keep the other defaults, nested ones included', () => {
    const policy = parseFeePolicy({ surchargeBase: 'B', vat: { applies: false } });
    expect(policy).toEqual({
      ...defaultFeePolicy,
      surchargeBase: 'B',
      vat: { ...defaultFeePolicy.vat, applies: false },
    });
  });

  test('a body can correct the unconfirmed > € 5 M row of Tabella A', () => {
    const policy = parseFeePolicy({ tableA: { ...tableA, above: { minBasisPoints: 25, maxBasisPoints: 40 } } });
    const result = computeMediationFee(
      { mediationType: 'VOLONTARIA', valueCents: 600_000_000, outcome: 'no_agreement_later' },
      policy,
    );
    expect(result.tableA?.fullCents).toBe(1_500_000);
  });

  test('invalid settings are refused with field paths', () => {
    expect(validationFields(() => parseFeePolicy({ vat: { ratePercent: 'ventidue' }, colour: 'red' }))).toEqual([
      { path: 'vat.ratePercent', code: 'INVALID_FEE_POLICY' },
      { path: 'colour', code: 'UNKNOWN_FIELD' },
    ]);
  });
});
