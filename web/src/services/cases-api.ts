import type { CaseDetail, CaseList, FileCaseRequest, FileCaseResponse, Matter } from './api-types';
import { bodyPath, queryString, request } from './http';

export interface CaseListQuery {
  stage?: string;
  q?: string;
  year?: string;
  number?: string;
  mediatorId?: string;
  matter?: string;
  deadlineWithinDays?: string;
  limit?: number;
  offset?: number;
}

export function listCases(bodyId: string, query: CaseListQuery): Promise<CaseList> {
  return request<CaseList>('GET', bodyPath(bodyId, `/cases${queryString({ ...query })}`));
}

export function getCase(bodyId: string, caseId: string): Promise<CaseDetail> {
  return request<CaseDetail>('GET', bodyPath(bodyId, `/cases/${encodeURIComponent(caseId)}`));
}

/** Files a mediation; the same idempotency key always yields the same case. */
export function fileCase(bodyId: string, input: FileCaseRequest, idempotencyKey: string): Promise<FileCaseResponse> {
  return request<FileCaseResponse>('POST', bodyPath(bodyId, '/cases'), {
    body: input,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function listMatters(bodyId: string): Promise<Matter[]> {
  return request<Matter[]>('GET', bodyPath(bodyId, '/reference/matters'));
}
