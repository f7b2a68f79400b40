/**
 * Where the fee quote's inputs come from on a file (spec §A.6.3 step 1, §A.5):
 * - passivo: the sum of the recorded claims;
 * - attivo: the plan's figure when entered; for a procedure with liquidation (art. 16 co. 1), the
 *   assets (realised value, else estimated); otherwise derived as passivo × satisfaction (co. 2);
 * - satisfaction: the plan's figure, else computed from the claims' proposed treatments;
 * - amount to creditors: the plan's figure, else what the claims' treatments pay, else the attivo;
 * - reduction, spese generali and the substitute-professional flag: the plan's choices.
 */
import { DomainError } from '../errors';
import type { OccAssetView, OccClaimView, OccPlanView, OccQuotePreview } from '../views/occ-economics';
import { claimTotalCents, computePlanEconomics } from './claims';
import type { FeeQuoteInput } from './fee-quote';
import { bpToPercent } from './money';

export function feeQuoteInputsOfFile(claims: readonly OccClaimView[], assets: readonly OccAssetView[], plan: OccPlanView): { input: FeeQuoteInput; sources: OccQuotePreview['sources'] } {
  const passivoCents = claims.reduce((a, c) => a + claimTotalCents(c), 0);
  if (claims.length === 0 || passivoCents === 0) throw new DomainError('OCC_NOTHING_TO_QUOTE');
  const economics = computePlanEconomics(claims);
  const anyTreatment = claims.some((c) => c.proposedTreatmentBp !== null);

  let attivoCents: number | null = null;
  let attivoSource: OccQuotePreview['sources']['attivo'] = 'derived';
  if (plan.attivoCents !== null) {
    attivoCents = plan.attivoCents;
    attivoSource = 'plan';
  } else if (plan.withLiquidation) {
    attivoCents = assets.reduce((a, x) => a + (x.realisedCents ?? x.estimatedCents ?? 0), 0);
    attivoSource = 'assets';
  }
  const satisfactionBp = plan.satisfactionBp ?? (anyTreatment ? economics.overall.satisfactionBp : null);

  let amountToCreditorsCents: number | null = null;
  let amountSource: OccQuotePreview['sources']['amountToCreditors'] = 'derived';
  if (plan.amountToCreditorsCents !== null) {
    amountToCreditorsCents = plan.amountToCreditorsCents;
    amountSource = 'plan';
  } else if (anyTreatment) {
    amountToCreditorsCents = economics.amountToCreditorsCents;
    amountSource = 'claims';
  }

  return {
    input: {
      passivoCents,
      attivoCents,
      satisfactionPercent: satisfactionBp === null ? null : bpToPercent(satisfactionBp),
      amountToCreditorsCents,
      reductionPercent: plan.reductionBp === null ? null : bpToPercent(plan.reductionBp),
      generalExpensesPercent: plan.generalExpensesBp === null ? null : bpToPercent(plan.generalExpensesBp),
      substituteProfessional: plan.substituteProfessional,
    },
    sources: { passivo: 'claims', attivo: attivoSource, amountToCreditors: amountSource },
  };
}
