/**
 * Stable error codes with their Italian and English messages. The API maps a code to an HTTP status
 * (api/errors.ts); workflows and activities use the same codes as failure types.
 */
export const errorMessages = {
  VALIDATION_FAILED: { it: 'I dati inviati non sono validi.', en: 'The submitted data is not valid.' },
  MALFORMED_JSON: { it: 'Il corpo della richiesta non è JSON valido.', en: 'The request body is not valid JSON.' },
  IDEMPOTENCY_KEY_REQUIRED: {
    it: "L'intestazione Idempotency-Key (UUID) è obbligatoria.",
    en: 'The Idempotency-Key header (a UUID) is required.',
  },
  UNAUTHENTICATED: { it: 'Accesso richiesto.', en: 'Authentication required.' },
  TOKEN_EXPIRED: { it: 'La sessione è scaduta: accedere di nuovo.', en: 'The session has expired: log in again.' },
  TOKEN_INVALID: { it: 'Credenziali di accesso non valide.', en: 'Invalid access token.' },
  INVALID_CREDENTIALS: { it: 'E-mail o password errati.', en: 'Wrong e-mail or password.' },
  ACCOUNT_LOCKED: {
    it: 'Account temporaneamente bloccato per troppi tentativi falliti.',
    en: 'Account temporarily locked after too many failed attempts.',
  },
  REFRESH_INVALID: { it: 'Sessione non più valida: accedere di nuovo.', en: 'Session no longer valid: log in again.' },
  BODY_FORBIDDEN: { it: 'Non si ha accesso a questo organismo.', en: 'You have no access to this body.' },
  BODY_MISMATCH: {
    it: "Il token di accesso è relativo a un altro organismo.",
    en: 'The access token belongs to another body.',
  },
  PERMISSION_DENIED: { it: 'Operazione non consentita al proprio ruolo.', en: 'Your role does not allow this operation.' },
  OPERATOR_ONLY: { it: 'Riservato agli operatori della piattaforma.', en: 'Reserved to platform operators.' },
  CASE_NOT_FOUND: { it: 'Procedimento non trovato.', en: 'Case not found.' },
  NOT_FOUND: { it: 'Risorsa non trovata.', en: 'Resource not found.' },
  PAYLOAD_TOO_LARGE: { it: 'La richiesta è troppo grande.', en: 'The request is too large.' },
  SERVICE_UNAVAILABLE: { it: 'Servizio momentaneamente non disponibile.', en: 'Service temporarily unavailable.' },
  INTERNAL_ERROR: { it: 'Errore interno. Riprovare più tardi.', en: 'Internal error. Try again later.' },
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** A rule violation expressed as data: a stable code, optional field-level details. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fields: { path: string; code: string }[] = [],
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
