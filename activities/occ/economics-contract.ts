/**
 * The activities the overindebtedness (OCC) workflow calls on the file's economics: fee quote and
 * creditors' vote. The workflow (`workflows/occ/`) depends only on this interface; the
 * implementation lives beside it in `activities/occ/` and keeps its records (claims, votes,
 * quotes) in PostgreSQL. Every call is idempotent: a retried activity finds what it already did.
 * Rule violations are thrown as `DomainError` (non-retryable), so the Update that called them fails
 * with the rule's code and the file does not move.
 */
import type { OccVoteResult } from '../../domain/views/occ-state';

export type { OccVoteResult };

export interface OccQuoteIssued {
  quoteId: string;
  /** Sequence of the quote within the file (1, 2, … when recalculated). */
  number: number;
  /** The quote PDF in the case file (`documents`, category `occ_fee_quote`). */
  documentId: string;
  minCents: number;
  averageCents: number;
  maxCents: number;
}

export interface OccEconomicsActivities {
  /** Computes min/average/max from the file's recorded liabilities, assets and plan (domain fee-quote function), writes the quote PDF and records it. */
  issueOccFeeQuote(input: {
    bodyId: string;
    caseId: string;
    idempotencyKey: string;
    issuedBy: string | null;
    /** Date printed on the quote (ISO); defaults to when the activity was first scheduled, the same on every retry. */
    issuedAt?: string;
  }): Promise<OccQuoteIssued>;
  /** Records the debtor's acceptance of a quote (optionally with the signed acceptance as a document). */
  acceptOccFeeQuote(input: { bodyId: string; caseId: string; quoteId: string; acceptedBy: string | null; acceptedAt: string; evidenceDocumentId: string | null }): Promise<void>;
  /** Opens the creditors' vote window (concordato minore, art. 78 co. 2 lett. c): votes are recorded through the API only inside it; later ones are kept as late. */
  openOccVote(input: { bodyId: string; caseId: string; opensAt: string; closesAt: string }): Promise<void>;
  /** Closes the window: silent creditors count as consenting; tallies by the majority rules and records the result. */
  closeOccVote(input: { bodyId: string; caseId: string }): Promise<OccVoteResult>;
}
