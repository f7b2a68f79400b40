/**
 * Creditors' claims on an OCC file (spec §A.5, "Creditors", one row per claim) and the plan economics
 * derived from them: liabilities by rank, amount to creditors, satisfaction and reduction (falcidia)
 * overall and per class. Pure: amounts are integer cents, percentages basis points.
 *
 * - The amount is split into capital, interest and costs, each ≥ 0.
 * - A privileged or secured claim may have an "incapiente" part (what the collateral cannot cover):
 *   it is downgraded to chirografo in the liabilities by rank (and votes as such).
 * - The PEC is validated as an e-mail address; where the law needs one (a claim filed in a
 *   liquidazione controllata arrives by PEC, art. 270 co. 2 lett. d CCII; a vote recorded as by PEC)
 *   its absence is refused by the caller with `OCC_PEC_REQUIRED` (see `assertPecPresent`).
 */
import { z } from 'zod';
import { DomainError } from '../errors';
import { pecSchema, requiredText } from '../registry/contact';
import { isValidTaxCode, normalizeTaxCode } from '../registry/tax-code';
import { isValidVatNumber, normalizeVatNumber } from '../registry/vat-number';
import { mulDivHalfUp } from './money';

export const claimRanks = ['prededuzione', 'privilegio_generale', 'privilegio_speciale', 'ipoteca', 'pegno', 'chirografo'] as const;
export type ClaimRank = (typeof claimRanks)[number];

/** Ranks with a right of preference (prelazione): they vote only for the unpaid part unless they waive it. */
export const preferredRanks: readonly ClaimRank[] = ['privilegio_generale', 'privilegio_speciale', 'ipoteca', 'pegno'];
export const isPreferred = (rank: ClaimRank) => preferredRanks.includes(rank);

export const claimRankLabels: Record<ClaimRank, { it: string; en: string }> = {
  prededuzione: { it: 'Prededuzione', en: 'Pre-deductible' },
  privilegio_generale: { it: 'Privilegio generale', en: 'General privilege' },
  privilegio_speciale: { it: 'Privilegio speciale', en: 'Special privilege' },
  ipoteca: { it: 'Ipoteca', en: 'Mortgage' },
  pegno: { it: 'Pegno', en: 'Pledge' },
  chirografo: { it: 'Chirografo', en: 'Unsecured' },
};

/** Status of a claim filed in the stato passivo of a liquidazione controllata. */
export const liquidationClaimStatuses = ['none', 'filed', 'admitted', 'partially_admitted', 'excluded'] as const;
export type LiquidationClaimStatus = (typeof liquidationClaimStatuses)[number];

const cents = z.number({ error: 'REQUIRED' }).int({ error: 'NOT_INTEGER_CENTS' }).min(0, { error: 'NEGATIVE' }).max(1e15, { error: 'TOO_LARGE' });
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
/** Optional field: blank and absent both become null. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToNull, schema.nullish()).transform((v) => v ?? null);
const optionalCents = optional(cents);

/** Codice fiscale (person or numeric) or partita IVA; normalized. */
export const creditorTaxIdSchema = z
  .string()
  .max(32, { error: 'INVALID_TAX_ID' })
  .transform((s, ctx) => {
    const cf = normalizeTaxCode(s);
    if (isValidTaxCode(cf)) return cf;
    const vat = normalizeVatNumber(s);
    if (isValidVatNumber(vat)) return vat;
    ctx.issues.push({ code: 'custom', message: 'INVALID_TAX_ID', input: s });
    return z.NEVER;
  });

export const claimInputSchema = z
  .object({
    creditorName: requiredText(200),
    taxId: optional(creditorTaxIdSchema),
    pec: optional(pecSchema),
    /** Title of the claim: mutuo, finanziamento, cartella, fornitura, … */
    title: optional(z.string().trim().max(200)),
    capitalCents: cents,
    interestCents: cents.default(0),
    costsCents: cents.default(0),
    rank: z.enum(claimRanks, { error: 'INVALID_RANK' }),
    /** Part of a preferred claim the collateral does not cover: treated as chirografo. */
    incapienteCents: cents.default(0),
    classCode: optional(z.string().trim().max(40)),
    /** Proposed treatment: share of the claim the plan pays, 0–100 %, in basis points. */
    proposedTreatmentBp: optional(z.number().int().min(0, { error: 'NEGATIVE' }).max(10_000, { error: 'OUT_OF_RANGE' })),
    /** Proposed payment schedule, free text (e.g. "60 rate mensili da 250 €"). */
    proposedSchedule: optional(z.string().trim().max(500)),
    /** Amount admitted to vote when set by the OCC or the judge; otherwise computed (`admittedToVoteCents`). */
    admittedToVoteOverrideCents: optionalCents,
    waivedPrelazione: z.boolean().default(false),
    observations: optional(z.string().trim().max(4000)),
    /** Liquidazione controllata: the claim as filed in the stato passivo. */
    liquidationStatus: z.enum(liquidationClaimStatuses).default('none'),
    liquidationAdmittedCents: optionalCents,
    /** The claim arrived by PEC (liquidazione controllata, art. 270 co. 2 lett. d): a PEC is then required. */
    filedByPec: z.boolean().default(false),
  })
  .superRefine((c, ctx) => {
    // Cross-field rules only once every amount is itself valid (zod runs this refinement anyway).
    if ([c.capitalCents, c.interestCents, c.costsCents, c.incapienteCents].some((v) => !Number.isInteger(v) || v < 0)) return;
    const total = c.capitalCents + c.interestCents + c.costsCents;
    if (c.incapienteCents > 0 && !isPreferred(c.rank)) ctx.addIssue({ code: 'custom', path: ['incapienteCents'], message: 'ONLY_FOR_PREFERRED_RANKS' });
    if (c.incapienteCents > total) ctx.addIssue({ code: 'custom', path: ['incapienteCents'], message: 'EXCEEDS_CLAIM' });
    if (c.admittedToVoteOverrideCents != null && c.admittedToVoteOverrideCents > total) ctx.addIssue({ code: 'custom', path: ['admittedToVoteOverrideCents'], message: 'EXCEEDS_CLAIM' });
    if (c.liquidationAdmittedCents != null && c.liquidationAdmittedCents > total) ctx.addIssue({ code: 'custom', path: ['liquidationAdmittedCents'], message: 'EXCEEDS_CLAIM' });
    if (c.waivedPrelazione && !isPreferred(c.rank)) ctx.addIssue({ code: 'custom', path: ['waivedPrelazione'], message: 'ONLY_FOR_PREFERRED_RANKS' });
    if (c.filedByPec && !c.pec) ctx.addIssue({ code: 'custom', path: ['pec'], message: 'PEC_REQUIRED' });
  });
export type ClaimInput = z.input<typeof claimInputSchema>;
export type Claim = z.output<typeof claimInputSchema>;

/** Field-level issue codes of a zod error, for the API's `fields`. */
export function issuesToFields(error: z.ZodError): { path: string; code: string }[] {
  return error.issues.map((i) => ({
    path: i.path.join('.'),
    code: i.code === 'custom' || /^[A-Z_]+$/.test(i.message) ? i.message : i.code === 'invalid_type' ? 'INVALID_TYPE' : i.code.toUpperCase(),
  }));
}

/** Validates a claim; throws `OCC_PEC_REQUIRED` when only the PEC the law needs is missing, else VALIDATION_FAILED. */
export function parseClaim(input: unknown): Claim {
  const result = claimInputSchema.safeParse(input);
  if (result.success) return result.data;
  const fields = issuesToFields(result.error);
  if (fields.length > 0 && fields.every((f) => f.code === 'PEC_REQUIRED')) throw new DomainError('OCC_PEC_REQUIRED', fields);
  throw new DomainError('VALIDATION_FAILED', fields);
}

/** Refuses a missing PEC where the law requires one. */
export function assertPecPresent(pec: string | null | undefined, path = 'pec'): void {
  if (!pec || !pecSchema.safeParse(pec).success) throw new DomainError('OCC_PEC_REQUIRED', [{ path, code: 'PEC_REQUIRED' }]);
}

export type ClaimAmounts = Pick<Claim, 'capitalCents' | 'interestCents' | 'costsCents' | 'rank' | 'incapienteCents' | 'proposedTreatmentBp' | 'admittedToVoteOverrideCents' | 'waivedPrelazione' | 'classCode'>;

export const claimTotalCents = (c: Pick<Claim, 'capitalCents' | 'interestCents' | 'costsCents'>) => c.capitalCents + c.interestCents + c.costsCents;

/** What the plan pays on the claim: total × proposed treatment (no treatment recorded → nothing). */
export const proposedPaymentCents = (c: ClaimAmounts) => mulDivHalfUp(claimTotalCents(c), c.proposedTreatmentBp ?? 0, 10_000);

/**
 * Amount admitted to vote (art. 79 CCII, spec §A.3.3): an override set by the OCC/judge wins;
 * prededuzione does not vote (paid in full outside the proposal); a preferred claim votes for the
 * part not paid in full — the incapiente part and what the plan does not pay of the rest — unless
 * it waived the prelazione (then it votes for the whole amount); a chirografo votes for the whole.
 */
export function admittedToVoteCents(c: ClaimAmounts): number {
  if (c.admittedToVoteOverrideCents !== null && c.admittedToVoteOverrideCents !== undefined) return c.admittedToVoteOverrideCents;
  const total = claimTotalCents(c);
  if (c.rank === 'prededuzione') return 0;
  if (c.rank === 'chirografo' || c.waivedPrelazione) return total;
  const paid = Math.min(proposedPaymentCents(c), total);
  return total - paid;
}

export interface LiabilitiesByRank {
  totalCents: number;
  byRank: Record<ClaimRank, number>;
}

/** Passivo by rank; the incapiente part of a preferred claim is counted as chirografo. */
export function liabilitiesByRank(claims: readonly ClaimAmounts[]): LiabilitiesByRank {
  const byRank = Object.fromEntries(claimRanks.map((r) => [r, 0])) as Record<ClaimRank, number>;
  let totalCents = 0;
  for (const c of claims) {
    const total = claimTotalCents(c);
    totalCents += total;
    const downgraded = isPreferred(c.rank) ? Math.min(c.incapienteCents, total) : 0;
    byRank[c.rank] += total - downgraded;
    byRank.chirografo += downgraded;
  }
  return { totalCents, byRank };
}

export interface PlanEconomicsGroup {
  claimsCents: number;
  paidCents: number;
  /** Share paid, basis points (null when the group has no claims). */
  satisfactionBp: number | null;
  /** Falcidia = 100 % − satisfaction. */
  reductionBp: number | null;
}

export interface PlanEconomics {
  overall: PlanEconomicsGroup;
  byClass: { classCode: string | null; group: PlanEconomicsGroup }[];
  /** Sum of what the plan pays on each claim (the fee cap's base). */
  amountToCreditorsCents: number;
}

function group(claims: readonly ClaimAmounts[]): PlanEconomicsGroup {
  const claimsCents = claims.reduce((a, c) => a + claimTotalCents(c), 0);
  const paidCents = claims.reduce((a, c) => a + proposedPaymentCents(c), 0);
  const satisfactionBp = claimsCents === 0 ? null : mulDivHalfUp(paidCents, 10_000, claimsCents);
  return { claimsCents, paidCents, satisfactionBp, reductionBp: satisfactionBp === null ? null : 10_000 - satisfactionBp };
}

/** Satisfaction and reduction overall and per class, from the proposed treatment of each claim. */
export function computePlanEconomics(claims: readonly ClaimAmounts[]): PlanEconomics {
  const classes = [...new Set(claims.map((c) => c.classCode ?? null))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const overall = group(claims);
  return {
    overall,
    byClass: classes.map((classCode) => ({ classCode, group: group(claims.filter((c) => (c.classCode ?? null) === classCode)) })),
    amountToCreditorsCents: overall.paidCents,
  };
}
