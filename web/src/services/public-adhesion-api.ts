import type {
  AdhesionAnswerBody,
  AdhesionCaseSummary,
  AdhesionCredentials,
  AdhesionLinkInfo,
  AdhesionUpload,
} from '@domain/views/adhesion';
import { request } from './http';

export type { AdhesionAnswerBody, AdhesionCaseSummary, AdhesionCredentials, AdhesionLawyer, AdhesionLinkInfo, AdhesionUpload } from '@domain/views/adhesion';

/**
 * The invited party's public adhesion (no account, docs/api.md "Public adhesion"): the signed link's
 * token, then the case number and the personal code of the convocation, prove who answers.
 */
export function getLinkInfo(token: string): Promise<AdhesionLinkInfo> {
  return request<AdhesionLinkInfo>('GET', `/api/public/adhesions?t=${encodeURIComponent(token)}`, { auth: false });
}

export function verifyAdhesion(credentials: AdhesionCredentials): Promise<AdhesionCaseSummary> {
  return request<AdhesionCaseSummary>('POST', '/api/public/adhesions/verify', { body: credentials, auth: false });
}

export function uploadAdhesionDocument(credentials: AdhesionCredentials, file: File): Promise<AdhesionUpload> {
  return request<AdhesionUpload>('POST', `/api/public/adhesions/documents?t=${encodeURIComponent(credentials.token)}`, {
    raw: file,
    auth: false,
    headers: {
      'X-Case-Number': credentials.caseNumber,
      'X-Adhesion-Code': credentials.code,
      'X-Filename': encodeURIComponent(file.name),
    },
  });
}

export function answerAdhesion(body: AdhesionAnswerBody): Promise<{ answered: true; adhered: boolean }> {
  return request<{ answered: true; adhered: boolean }>('POST', '/api/public/adhesions/answer', { body, auth: false });
}
