import type { CaseDetail, CaseList, FileCaseRequest, FileCaseResponse, Matter } from './api-types';
import { request } from './http';

export interface CaseListQuery {
  stage?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

function bodyPath(bodyId: string, rest: string): string {
  return `/api/bodies/${encodeURIComponent(bodyId)}${rest}`;
}

export function listCases(bodyId: string, query: CaseListQuery): Promise<CaseList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.size > 0 ? `?${params.toString()}` : '';
  return request<CaseList>('GET', bodyPath(bodyId, `/cases${search}`));
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
