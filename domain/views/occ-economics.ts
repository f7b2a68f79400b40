/**
 * What the OCC economics endpoints answer (docs/api.md, "OCC file economics"); shared with the UI.
 * Amounts in euro cents, percentages in basis points (2750 = 27.5 %).
 */
import type { ClaimRank, LiquidationClaimStatus, PlanEconomics, LiabilitiesByRank } from '../occ/claims';
import type { FeeQuote } from '../occ/fee-quote';
import type { VoteTally } from '../occ/vote-tally';

export interface OccClaimView {
  id: string;
  position: number;
  creditorName: string;
  taxId: string | null;
  pec: string | null;
  title: string | null;
  capitalCents: number;
  interestCents: number;
  costsCents: number;
  totalCents: number;
  rank: ClaimRank;
  incapienteCents: number;
  classCode: string | null;
  proposedTreatmentBp: number | null;
  proposedSchedule: string | null;
  admittedToVoteOverrideCents: number | null;
  /** Computed (or the override): what the claim votes for. */
  admittedToVoteCents: number;
  waivedPrelazione: boolean;
  observations: string | null;
  liquidationStatus: LiquidationClaimStatus;
  liquidationAdmittedCents: number | null;
  filedByPec: boolean;
  updatedAt: string;
}

export const occAssetKinds = ['real_estate', 'registered_movable', 'account', 'income_share', 'external_contribution', 'other'] as const;
export type OccAssetKind = (typeof occAssetKinds)[number];

export interface OccAssetView {
  id: string;
  kind: OccAssetKind;
  description: string;
  estimatedCents: number | null;
  realisedCents: number | null;
}

export interface OccPlanView {
  withLiquidation: boolean;
  attivoCents: number | null;
  amountToCreditorsCents: number | null;
  satisfactionBp: number | null;
  durationMonths: number | null;
  schedule: { month: number; amountCents: number }[];
  reductionBp: number | null;
  generalExpensesBp: number | null;
  substituteProfessional: boolean;
  updatedAt: string | null;
}

export interface OccClaimsSummary {
  claims: OccClaimView[];
  liabilities: LiabilitiesByRank;
  economics: PlanEconomics;
}

export interface OccQuotePreview {
  /** The figures the fee function gives from the file's records now (nothing recorded). */
  quote: FeeQuote;
  /** Where each input came from: 'plan' (entered), 'claims', 'assets', 'derived'. */
  sources: { passivo: 'claims'; attivo: 'plan' | 'assets' | 'derived'; amountToCreditors: 'plan' | 'claims' | 'derived' };
}

export interface OccQuoteView {
  id: string;
  number: number;
  minCents: number;
  averageCents: number;
  maxCents: number;
  documentId: string;
  issuedAt: string;
  acceptedAt: string | null;
  flags: string[];
}

export type OccVoteChannel = 'pec' | 'email' | 'paper' | 'other';

export interface OccVoteView {
  id: string;
  claimId: string;
  creditorName: string;
  choice: 'consent' | 'dissent';
  channel: OccVoteChannel;
  receivedAt: string;
  evidenceDocumentId: string | null;
  late: boolean;
}

export interface OccVoteWindowView {
  id: string;
  seq: number;
  opensAt: string;
  closesAt: string;
  status: 'open' | 'closed';
  closedAt: string | null;
}

export interface OccTallyView {
  window: OccVoteWindowView | null;
  votes: OccVoteView[];
  /** The live count (open window) or the recorded result (closed). */
  tally: VoteTally | null;
}
