/**
 * The invited party's public adhesion page (docs/api.md, "Public adhesion"): the answers of
 * /api/public/adhesions…, as api/routes/public-adhesion.ts writes them. Read by the web UI.
 */
import type { MeetingMode } from '../mediation/outcomes';

/** GET /api/public/adhesions?t=…: what the link alone tells. */
export interface AdhesionLinkInfo {
  answered: boolean;
  expiresAt: string;
  /** The mediation requires a lawyer's assistance (mandatory or court-referred). */
  lawyerRequired: boolean;
}

/** POST /api/public/adhesions/verify: the case, once the party has given its number and code. */
export interface AdhesionCaseSummary {
  caseNumber: string;
  subject: string;
  /** The invited party's name. */
  party: string;
  mediator: string | null;
  firstMeeting: { startsAt: string; mode: MeetingMode; place: string | null } | null;
}

export interface AdhesionCredentials {
  token: string;
  caseNumber: string;
  code: string;
}

export interface AdhesionLawyer {
  firstName: string;
  lastName: string;
  taxCode: string;
  pec: string;
}

export interface AdhesionAnswerBody extends AdhesionCredentials {
  adhere: boolean;
  lawyer?: AdhesionLawyer | null;
  refusalReason?: string | null;
  documentIds: string[];
}

/** POST /api/public/adhesions/documents: the attachment as stored. */
export interface AdhesionUpload {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
}
