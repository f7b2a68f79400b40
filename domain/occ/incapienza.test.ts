import { DomainError } from '../errors';
import { dignifiedLivingCents, iseeScaleParameter100, incapienzaTest, incapienzaThresholdCents } from './incapienza';

describe('ISEE equivalence scale (DPCM 159/2013)', () => {
  it.each([
    [1, 100],
    [2, 157],
    [3, 204],
    [4, 246],
    [5, 285],
    [6, 320],
    [8, 390],
  ])('household of %i → parameter %i/100', (n, k) => expect(iseeScaleParameter100(n)).toBe(k));

  it.each([0, -1, 1.5, 31])('refuses household size %p', (n) => expect(() => iseeScaleParameter100(n)).toThrow(RangeError));
});

describe('yardsticks with the assegno sociale as input', () => {
  it('reproduces the spec worked figure: 534.41 × 13 × 1.5 × 2.04 = 21,258.83 €', () => {
    expect(incapienzaThresholdCents(53_441, 3)).toBe(2_125_883);
  });

  it.each([
    // monthly, household, art. 68 co. 3 (×13×k), art. 283 (×1.5)
    [53_441, 1, 694_733, 1_042_100], // 10,420.995 → 10,421.00 (half up)
    [53_441, 3, 1_417_255, 2_125_883],
    [50_000, 2, 1_020_500, 1_530_750],
    [50_000, 6, 2_080_000, 3_120_000],
  ])('monthly %i cents, household %i → %i / %i', (monthly, n, art68, art283) => {
    expect(dignifiedLivingCents(monthly, n)).toBe(art68);
    expect(incapienzaThresholdCents(monthly, n)).toBe(art283);
  });

  it.each([0, -1, 1.5])('refuses an assegno sociale of %p cents', (m) => expect(() => dignifiedLivingCents(m, 1)).toThrow(DomainError));
});

describe('incapienza test (art. 283 co. 2)', () => {
  it.each([
    [2_125_883, true],
    [2_125_884, false],
    [0, true],
  ])('income %i cents for 3 persons → incapiente %p', (income, expected) => {
    const r = incapienzaTest({ annualNetIncomeCents: income, householdSize: 3, assegnoSocialeMonthlyCents: 53_441 });
    expect(r.incapiente).toBe(expected);
    expect(r.thresholdCents).toBe(2_125_883);
    expect(r.explanation.it).toContain('21.258,83');
  });

  it('refuses a negative income', () => {
    expect(() => incapienzaTest({ annualNetIncomeCents: -1, householdSize: 1, assegnoSocialeMonthlyCents: 53_441 })).toThrow(DomainError);
  });
});
