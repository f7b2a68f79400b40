/**
 * What a signature verification finds, as data: the checks made on each signature, the problems
 * with stable codes and Italian/English wording, and the outcome they add up to. Shared by the
 * verifier (signing/), the validation report (PDF), the API and the UI.
 */

export const verificationProblemCodes = [
  'NO_SIGNATURES',
  'NOT_A_SIGNED_FILE',
  'DOCUMENT_REWRITTEN',
  'MODIFIED_AFTER_LAST_SIGNATURE',
  'CMS_MALFORMED',
  'SIGNER_CERTIFICATE_MISSING',
  'DIGEST_MISMATCH',
  'SIGNATURE_INVALID',
  'SIGNING_CERTIFICATE_MISMATCH',
  'CHAIN_INCOMPLETE',
  'ROOT_NOT_TRUSTED',
  'NOT_A_CA',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'SIGNING_TIME_MISSING',
  'SIGNER_MISMATCH',
  'CONTENT_MISMATCH',
] as const;
export type VerificationProblemCode = (typeof verificationProblemCodes)[number];

/** Problems that make a signature invalid (the others leave it indeterminate or are notes). */
const invalidating: ReadonlySet<VerificationProblemCode> = new Set([
  'DOCUMENT_REWRITTEN',
  'CMS_MALFORMED',
  'SIGNER_CERTIFICATE_MISSING',
  'DIGEST_MISMATCH',
  'SIGNATURE_INVALID',
  'SIGNING_CERTIFICATE_MISMATCH',
  'NOT_A_CA',
  'CERT_EXPIRED',
  'CERT_NOT_YET_VALID',
  'SIGNER_MISMATCH',
  'CONTENT_MISMATCH',
]);
const indeterminate: ReadonlySet<VerificationProblemCode> = new Set(['CHAIN_INCOMPLETE', 'ROOT_NOT_TRUSTED', 'SIGNING_TIME_MISSING', 'MODIFIED_AFTER_LAST_SIGNATURE']);

export const problemMessages: Record<VerificationProblemCode, { it: string; en: string }> = {
  NO_SIGNATURES: { it: 'Il file non contiene firme digitali.', en: 'The file carries no digital signature.' },
  NOT_A_SIGNED_FILE: { it: 'Il file non è un PDF firmato né una busta CAdES (.p7m).', en: 'The file is neither a signed PDF nor a CAdES envelope (.p7m).' },
  DOCUMENT_REWRITTEN: {
    it: 'Il documento è stato riscritto dopo la firma: i byte firmati non corrispondono più al file.',
    en: 'The document was rewritten after signing: the signed bytes no longer match the file.',
  },
  MODIFIED_AFTER_LAST_SIGNATURE: { it: 'Il file contiene modifiche successive all’ultima firma, non firmate.', en: 'The file holds unsigned changes made after the last signature.' },
  CMS_MALFORMED: { it: 'La struttura della firma (CMS) è danneggiata.', en: 'The signature structure (CMS) is damaged.' },
  SIGNER_CERTIFICATE_MISSING: { it: 'Il certificato del firmatario non è incluso nella firma.', en: 'The signer’s certificate is not included in the signature.' },
  DIGEST_MISMATCH: { it: 'Integrità violata: il contenuto firmato è stato alterato dopo la firma.', en: 'Integrity broken: the signed content was altered after signing.' },
  SIGNATURE_INVALID: { it: 'Il valore della firma non è verificabile con la chiave del certificato.', en: 'The signature value does not verify with the certificate’s key.' },
  SIGNING_CERTIFICATE_MISMATCH: { it: 'La firma indica un certificato diverso da quello incluso.', en: 'The signature names a certificate other than the one included.' },
  CHAIN_INCOMPLETE: { it: 'Catena di certificazione incompleta: manca un certificato intermedio.', en: 'Incomplete certificate chain: an intermediate certificate is missing.' },
  ROOT_NOT_TRUSTED: { it: 'Il certificato non è emesso da un’autorità tra quelle di fiducia configurate.', en: 'The certificate is not issued by a configured trusted authority.' },
  NOT_A_CA: { it: 'Un certificato della catena non è un’autorità di certificazione.', en: 'A certificate in the chain is not a certification authority.' },
  CERT_EXPIRED: { it: 'Il certificato era scaduto al momento della firma.', en: 'The certificate had expired at signing time.' },
  CERT_NOT_YET_VALID: { it: 'Il certificato non era ancora valido al momento della firma.', en: 'The certificate was not yet valid at signing time.' },
  SIGNING_TIME_MISSING: { it: 'La firma non indica l’ora: validità verificata all’ora attuale.', en: 'The signature states no time: validity checked at the current time.' },
  SIGNER_MISMATCH: { it: 'Il titolare del certificato non è il firmatario atteso (codice fiscale diverso).', en: 'The certificate holder is not the expected signer (different tax code).' },
  CONTENT_MISMATCH: { it: 'Il contenuto firmato non è il documento inviato per la firma.', en: 'The signed content is not the document sent for signature.' },
};

export type SignatureOutcome = 'valid' | 'invalid' | 'indeterminate';

export interface SignatureCheck {
  index: number;
  format: 'PAdES' | 'CAdES';
  fieldName: string | null;
  signerName: string | null;
  taxCode: string | null;
  issuerName: string | null;
  certificateSerial: string | null;
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
  /** ISO instant; null when the signature states none. */
  signingTime: string | null;
  signingTimeSource: 'signed-attribute' | 'pdf-dictionary' | 'none';
  integrity: boolean;
  /** PAdES: the signature covers the whole file as it is now. */
  coversWholeDocument: boolean | null;
  chain: 'trusted' | 'untrusted' | 'invalid';
  trustAnchor: string | null;
  validAtSigningTime: boolean;
  /** No CRL/OCSP is consulted: stated, never implied. */
  revocation: 'not_checked';
  /** The expected signer (tax code) when checked. */
  expectedTaxCode: string | null;
  holderMatches: boolean | null;
  problems: VerificationProblemCode[];
  outcome: SignatureOutcome;
}

export interface VerificationReport {
  fileName: string | null;
  fileSha256: string;
  format: 'PAdES' | 'CAdES' | 'unknown';
  verifiedAt: string;
  /** CAdES: SHA-256 of the enveloped content. */
  contentSha256: string | null;
  signatures: SignatureCheck[];
  problems: VerificationProblemCode[];
  outcome: SignatureOutcome;
}

export function signatureOutcome(problems: readonly VerificationProblemCode[]): SignatureOutcome {
  if (problems.some((p) => invalidating.has(p))) return 'invalid';
  if (problems.some((p) => indeterminate.has(p))) return 'indeterminate';
  return 'valid';
}

/** The file's outcome: invalid if any signature (or the file) is, valid only if all are valid. */
export function reportOutcome(signatures: readonly { outcome: SignatureOutcome }[], fileProblems: readonly VerificationProblemCode[]): SignatureOutcome {
  if (signatures.length === 0) return 'invalid';
  const own = signatureOutcome(fileProblems);
  const all = [own, ...signatures.map((s) => s.outcome)];
  if (all.includes('invalid')) return 'invalid';
  if (all.includes('indeterminate')) return 'indeterminate';
  return 'valid';
}

export const outcomeLabels: Record<SignatureOutcome, { it: string; en: string }> = {
  valid: { it: 'Firma valida', en: 'Valid signature' },
  invalid: { it: 'Firma non valida', en: 'Invalid signature' },
  indeterminate: { it: 'Esito indeterminato', en: 'Indeterminate' },
};
