/**
 * Shapes of the HTTP API (docs/api.md). Requests, codes and response views come from domain/,
 * shared with the server; this file adds the client-side names.
 */

import type { FilingRequestBody, MediationType } from '@domain/mediation/matters';
import type { PartyRole } from '@domain/registry/contact';

export type { MediationType, PartyRole };
export type { CaseDetail, CaseList, CaseSummary, FileCaseResponse, PartyView, SubjectView } from '@domain/views/case';
export type { BodyKind, Session, SessionBody, SessionUser } from '@domain/views/session';

export type Locale = 'it' | 'en';
export type LocalizedText = Record<Locale, string>;

export interface ApiFieldError {
  path: string;
  code: string;
}

export interface ApiErrorBody {
  error: { code: string; message: LocalizedText; fields?: ApiFieldError[] };
}

/** The filing body, exactly as the domain schema that the API applies reads it. */
export type FileCaseRequest = FilingRequestBody;

export interface Matter {
  code: string;
  label: LocalizedText;
  mandatory: boolean;
}
