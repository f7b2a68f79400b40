/**
 * The dignified-living yardsticks of the overindebtedness rules, in euro cents:
 *
 * - art. 68 co. 3 CCII: assegno sociale (yearly) × the ISEE equivalence-scale parameter of the
 *   household (DPCM 159/2013) — what the lender should have left the debtor when assessing credit;
 * - art. 283 co. 2 CCII: the same increased by half (× 1.5) — a debtor whose yearly income, net of
 *   production costs, is not above it is "incapiente".
 *
 * The assegno sociale is an INPUT: its monthly amount changes every year (INPS circular) and the
 * body configures it per year (`occ_policy.assegnoSocialeMonthlyCents`); it is paid 13 times a year.
 * Spec worked figure (fallcoweb forum): 534.41 × 13 × 1.5 × 2.04 = 21,258.83 € for 3 persons.
 */
import { DomainError } from '../errors';

/**
 * ISEE equivalence scale (DPCM 159/2013, allegato 1), ×100: 1 → 1.00, 2 → 1.57, 3 → 2.04,
 * 4 → 2.46, 5 → 2.85, +0.35 for each further member. The increments of the same annex for
 * children and disabilities are not applied (the spec's yardstick uses the household size only).
 */
export function iseeScaleParameter100(householdSize: number): number {
  if (!Number.isInteger(householdSize) || householdSize < 1 || householdSize > 30) throw new RangeError('householdSize must be an integer from 1 to 30');
  const table = [100, 157, 204, 246, 285];
  return householdSize <= 5 ? table[householdSize - 1]! : 285 + 35 * (householdSize - 5);
}

/** Half-up rounding of a non-negative rational `num / den` to an integer. */
function roundDiv(num: number, den: number): number {
  return Math.floor((2 * num + den) / (2 * den));
}

function checkMonthly(monthlyCents: number): void {
  if (!Number.isInteger(monthlyCents) || monthlyCents <= 0) throw new DomainError('VALIDATION_FAILED', [{ path: 'assegnoSocialeMonthlyCents', code: 'positive_integer' }]);
}

/** art. 68 co. 3: yearly assegno sociale (× 13) × ISEE scale parameter, in cents. */
export function dignifiedLivingCents(assegnoSocialeMonthlyCents: number, householdSize: number): number {
  checkMonthly(assegnoSocialeMonthlyCents);
  return roundDiv(assegnoSocialeMonthlyCents * 13 * iseeScaleParameter100(householdSize), 100);
}

/** art. 283 co. 2: the art. 68 yardstick × 1.5, in cents (computed in one rounding). */
export function incapienzaThresholdCents(assegnoSocialeMonthlyCents: number, householdSize: number): number {
  checkMonthly(assegnoSocialeMonthlyCents);
  return roundDiv(assegnoSocialeMonthlyCents * 13 * iseeScaleParameter100(householdSize) * 3, 200);
}

export interface IncapienzaResult {
  incapiente: boolean;
  thresholdCents: number;
  incomeCents: number;
  explanation: { it: string; en: string };
}

const euro = (cents: number) => (cents / 100).toLocaleString('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The incapienza test of art. 283 co. 2: yearly net income ≤ assegno sociale × 1.5 × ISEE parameter. */
export function incapienzaTest(input: { annualNetIncomeCents: number; householdSize: number; assegnoSocialeMonthlyCents: number }): IncapienzaResult {
  if (!Number.isInteger(input.annualNetIncomeCents) || input.annualNetIncomeCents < 0) {
    throw new DomainError('VALIDATION_FAILED', [{ path: 'annualNetIncomeCents', code: 'non_negative_integer' }]);
  }
  const thresholdCents = incapienzaThresholdCents(input.assegnoSocialeMonthlyCents, input.householdSize);
  const incapiente = input.annualNetIncomeCents <= thresholdCents;
  const k = (iseeScaleParameter100(input.householdSize) / 100).toFixed(2).replace('.', ',');
  return {
    incapiente,
    thresholdCents,
    incomeCents: input.annualNetIncomeCents,
    explanation: {
      it: `Reddito annuo netto € ${euro(input.annualNetIncomeCents)} ${incapiente ? 'non superiore' : 'superiore'} alla soglia di € ${euro(thresholdCents)} (assegno sociale € ${euro(input.assegnoSocialeMonthlyCents)} × 13 × 1,5 × ${k}, nucleo di ${input.householdSize}; art. 283 co. 2 CCII).`,
      en: `Yearly net income € ${euro(input.annualNetIncomeCents)} is ${incapiente ? 'not above' : 'above'} the threshold of € ${euro(thresholdCents)} (assegno sociale € ${euro(input.assegnoSocialeMonthlyCents)} × 13 × 1.5 × ${k}, household of ${input.householdSize}; art. 283(2) CCII).`,
    },
  };
}
