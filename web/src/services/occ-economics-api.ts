import type { FeeQuote } from '@domain/occ/fee-quote';
import type { ClaimInput } from '@domain/occ/claims';
import type { OccClaimsSummary, OccPlanView, OccQuotePreview, OccTallyView, OccVoteView } from '@domain/views/occ-economics';
import { bodyPath, request } from './http';

export type { FeeQuote, ClaimInput, OccClaimsSummary, OccPlanView, OccQuotePreview, OccTallyView, OccVoteView };

const base = (bodyId: string, caseId: string) => bodyPath(bodyId, `/occ-files/${encodeURIComponent(caseId)}`);

export const getClaims = (bodyId: string, caseId: string) => request<OccClaimsSummary>('GET', `${base(bodyId, caseId)}/claims`);
export const addClaim = (bodyId: string, caseId: string, claim: ClaimInput) => request('POST', `${base(bodyId, caseId)}/claims`, { body: claim });
export const deleteClaim = (bodyId: string, caseId: string, claimId: string) => request('DELETE', `${base(bodyId, caseId)}/claims/${encodeURIComponent(claimId)}`);
/** Uploads a CSV or XLSX creditor list; the API reads the type from the content and imports all rows or none. */
export const importClaims = (bodyId: string, caseId: string, file: File) =>
  request<OccClaimsSummary & { imported: number }>('POST', `${base(bodyId, caseId)}/claims/import`, { raw: file });
export const getPlan = (bodyId: string, caseId: string) => request<OccPlanView>('GET', `${base(bodyId, caseId)}/plan`);
export const savePlan = (bodyId: string, caseId: string, plan: Omit<OccPlanView, 'updatedAt'>) => request<OccPlanView>('PUT', `${base(bodyId, caseId)}/plan`, { body: plan });
export const getQuotePreview = (bodyId: string, caseId: string) => request<OccQuotePreview>('GET', `${base(bodyId, caseId)}/quote-preview`);
export const getVote = (bodyId: string, caseId: string) => request<OccTallyView>('GET', `${base(bodyId, caseId)}/vote`);
export const recordVote = (
  bodyId: string,
  caseId: string,
  vote: { claimId: string; choice: 'consent' | 'dissent'; channel: OccVoteView['channel']; receivedAt: string; late: boolean },
) => request<OccVoteView>('POST', `${base(bodyId, caseId)}/votes`, { body: vote });
