/**
 * Signer candidates of a case: the people the case file already knows (parties, their lawyers, the
 * designated mediator), shaped so that a signer of a cycle can be built from each. Shared by the
 * API (GET …/signer-candidates), the mediation workflow (minutes) and the UI.
 */
import type { SignerRole } from './cycle';

export type CandidateRole = Extract<SignerRole, 'party' | 'lawyer' | 'mediator'>;

export interface SignerCandidate {
  /** Stable in the case: `party-<position>`, `lawyer-<position>`, `mediator`; valid as a signer id. */
  key: string;
  role: CandidateRole;
  fullName: string;
  /** Natural persons only; null for a company (its legal representative must be added by hand). */
  givenName: string | null;
  surname: string | null;
  taxCode: string | null;
  email: string | null;
  phone: string | null;
  /** For parties and lawyers: the party's side in the case. */
  side: 'applicant' | 'invited' | null;
  /** Whether a cycle can take this candidate as is (a natural person with a tax code and an e-mail). */
  complete: boolean;
}

/**
 * Splits a user's full name (users have one field) into given name and surname: the first word is
 * the given name, the rest the surname. A best effort, editable in the UI; the signature checks rely
 * on the tax code, not on names.
 */
export function splitFullName(fullName: string): { givenName: string; surname: string } {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { givenName: words[0] ?? '', surname: words[0] ?? '' };
  return { givenName: words[0]!, surname: words.slice(1).join(' ') };
}

/** A candidate is usable as a signer when it is a natural person with a 16-character tax code and an e-mail. */
export function isCompleteCandidate(c: Pick<SignerCandidate, 'givenName' | 'surname' | 'taxCode' | 'email'>): boolean {
  return !!c.givenName && !!c.surname && !!c.email && !!c.taxCode && c.taxCode.length === 16;
}
