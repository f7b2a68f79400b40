import { DomainError } from '../errors';
import { admittedToVoteCents, assertPecPresent, computePlanEconomics, liabilitiesByRank, parseClaim, type ClaimAmounts, type ClaimInput } from './claims';

const base: ClaimInput = { creditorName: 'Banca Alfa S.p.A.', capitalCents: 100_000, rank: 'chirografo' };
const amounts = (over: Partial<ClaimAmounts>): ClaimAmounts => ({
  capitalCents: 100_000, interestCents: 0, costsCents: 0, rank: 'chirografo', incapienteCents: 0, proposedTreatmentBp: null,
  admittedToVoteOverrideCents: null, waivedPrelazione: false, classCode: null, ...over,
});

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('parseClaim', () => {
  it('normalizes the tax id (codice fiscale or partita IVA) and defaults interest and costs to zero', () => {
    const c = parseClaim({ ...base, taxId: ' it 00743110157 ', pec: 'alfa@pec.it' });
    expect(c).toMatchObject({ taxId: '00743110157', interestCents: 0, costsCents: 0, waivedPrelazione: false, liquidationStatus: 'none' });
    expect(parseClaim({ ...base, taxId: 'rssmra80a01h501u' }).taxId).toBe('RSSMRA80A01H501U');
  });

  it.each<[string, Partial<ClaimInput> & Record<string, unknown>, string, string]>([
    ['a negative capital', { capitalCents: -1 }, 'capitalCents', 'NEGATIVE'],
    ['negative interest', { interestCents: -100 }, 'interestCents', 'NEGATIVE'],
    ['fractional cents', { costsCents: 1.5 }, 'costsCents', 'NOT_INTEGER_CENTS'],
    ['an unknown rank', { rank: 'sovrano' as never }, 'rank', 'INVALID_RANK'],
    ['a wrong tax id', { taxId: '01234567891' }, 'taxId', 'INVALID_TAX_ID'],
    ['a malformed PEC', { pec: 'not-an-address' }, 'pec', 'INVALID_EMAIL'],
    ['an incapiente part on a chirografo', { incapienteCents: 10 }, 'incapienteCents', 'ONLY_FOR_PREFERRED_RANKS'],
    ['an incapiente part larger than the claim', { rank: 'ipoteca', incapienteCents: 100_001 }, 'incapienteCents', 'EXCEEDS_CLAIM'],
    ['a treatment above 100 %', { proposedTreatmentBp: 10_001 }, 'proposedTreatmentBp', 'OUT_OF_RANGE'],
    ['waiving the prelazione of a chirografo', { waivedPrelazione: true }, 'waivedPrelazione', 'ONLY_FOR_PREFERRED_RANKS'],
    ['a missing creditor name', { creditorName: '  ' }, 'creditorName', 'REQUIRED'],
  ])('refuses %s', (_name, over, path, code) => {
    const e = failure(() => parseClaim({ ...base, ...over }));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.fields).toContainEqual({ path, code });
  });

  it('refuses a claim filed by PEC (liquidazione controllata) without a PEC address, with OCC_PEC_REQUIRED', () => {
    const e = failure(() => parseClaim({ ...base, filedByPec: true }));
    expect(e.code).toBe('OCC_PEC_REQUIRED');
    expect(() => parseClaim({ ...base, filedByPec: true, pec: 'creditore@pec.example.it' })).not.toThrow();
  });

  it('assertPecPresent refuses a missing or malformed address', () => {
    expect(failure(() => assertPecPresent(null)).code).toBe('OCC_PEC_REQUIRED');
    expect(failure(() => assertPecPresent('x@')).code).toBe('OCC_PEC_REQUIRED');
    expect(() => assertPecPresent('a@pec.it')).not.toThrow();
  });
});

describe('admittedToVoteCents', () => {
  it.each<[string, Partial<ClaimAmounts>, number]>([
    ['chirografo: the whole claim', { capitalCents: 80_000, interestCents: 15_000, costsCents: 5_000 }, 100_000],
    ['prededuzione: does not vote', { rank: 'prededuzione' }, 0],
    ['ipoteca paid in full: does not vote', { rank: 'ipoteca', proposedTreatmentBp: 10_000 }, 0],
    ['privilegio paid 70 %: votes for the unpaid 30 %', { rank: 'privilegio_generale', proposedTreatmentBp: 7_000 }, 30_000],
    ['pegno without a treatment: votes for everything unpaid', { rank: 'pegno' }, 100_000],
    ['ipoteca that waived the prelazione: votes for the whole claim', { rank: 'ipoteca', proposedTreatmentBp: 10_000, waivedPrelazione: true }, 100_000],
    ['an override set by the OCC wins', { rank: 'ipoteca', proposedTreatmentBp: 10_000, admittedToVoteOverrideCents: 12_345 }, 12_345],
  ])('%s', (_name, over, expected) => {
    expect(admittedToVoteCents(amounts(over))).toBe(expected);
  });
});

describe('liabilitiesByRank and computePlanEconomics', () => {
  const claims = [
    amounts({ rank: 'ipoteca', capitalCents: 150_000, incapienteCents: 50_000, proposedTreatmentBp: 6_000, classCode: 'A' }),
    amounts({ rank: 'chirografo', capitalCents: 80_000, interestCents: 20_000, proposedTreatmentBp: 2_000, classCode: 'B' }),
    amounts({ rank: 'prededuzione', capitalCents: 10_000, proposedTreatmentBp: 10_000 }),
  ];

  it('downgrades the incapiente part to chirografo', () => {
    const l = liabilitiesByRank(claims);
    expect(l.totalCents).toBe(260_000);
    expect(l.byRank).toMatchObject({ ipoteca: 100_000, chirografo: 150_000, prededuzione: 10_000, pegno: 0 });
  });

  it('gives satisfaction and reduction overall and per class from the proposed treatment', () => {
    const p = computePlanEconomics(claims);
    // paid: 90,000 + 20,000 + 10,000 = 120,000 of 260,000 = 46.15 %
    expect(p.amountToCreditorsCents).toBe(120_000);
    expect(p.overall).toEqual({ claimsCents: 260_000, paidCents: 120_000, satisfactionBp: 4_615, reductionBp: 5_385 });
    expect(p.byClass.map((c) => [c.classCode, c.group.satisfactionBp])).toEqual([[null, 10_000], ['A', 6_000], ['B', 2_000]]);
  });

  it('has no percentages for an empty list', () => {
    expect(computePlanEconomics([]).overall).toEqual({ claimsCents: 0, paidCents: 0, satisfactionBp: null, reductionBp: null });
  });
});
