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
  ACTION_NOT_ALLOWED: {
    it: "Operazione non consentita nello stato attuale del procedimento.",
    en: 'This action is not allowed in the current state of the case.',
  },
  NOT_ASSIGNED_MEDIATOR: {
    it: 'Il procedimento non è assegnato a questo mediatore.',
    en: 'The case is not assigned to this mediator.',
  },
  DECLARATION_REQUIRED: {
    it: "Per accettare l'incarico occorre sottoscrivere la dichiarazione di indipendenza e imparzialità.",
    en: 'Accepting the appointment requires signing the declaration of independence and impartiality.',
  },
  CASE_NOT_FOUND: { it: 'Procedimento non trovato.', en: 'Case not found.' },
  NOT_FOUND: { it: 'Risorsa non trovata.', en: 'Resource not found.' },
  PAYLOAD_TOO_LARGE: { it: 'La richiesta è troppo grande.', en: 'The request is too large.' },
  SERVICE_UNAVAILABLE: { it: 'Servizio momentaneamente non disponibile.', en: 'Service temporarily unavailable.' },
  MEETING_OUTSIDE_LEGAL_WINDOW: {
    it: 'Il primo incontro deve tenersi tra il 20° e il 40° giorno dal deposito della domanda, salvo diversa concorde indicazione delle parti.',
    en: 'The first meeting must be held between the 20th and the 40th day after filing, unless the parties agreed otherwise.',
  },
  EXTENSION_NOT_ALLOWED: {
    it: 'Proroga non consentita: al massimo 3 mesi per volta, concordata prima della scadenza; una sola volta nella mediazione demandata.',
    en: 'Extension not allowed: at most 3 months each, agreed before expiry; only once in court-referred mediation.',
  },
  PROPOSAL_REPLY_TERM_TOO_SHORT: {
    it: 'Il termine per rispondere alla proposta non può essere inferiore a 7 giorni.',
    en: 'The term to answer the proposal cannot be shorter than 7 days.',
  },
  NO_ELIGIBLE_MEDIATOR: {
    it: 'Nessun mediatore disponibile, competente per la materia e senza incompatibilità con le parti.',
    en: 'No mediator is available, competent for the matter and free of incompatibilities with the parties.',
  },
  MANUAL_CHOICE_REASON_REQUIRED: {
    it: 'La designazione manuale del mediatore richiede una motivazione.',
    en: 'A manual designation of the mediator requires a reason.',
  },
  MEDIATOR_NOT_ELIGIBLE: {
    it: 'Il mediatore scelto non è designabile per questo procedimento.',
    en: 'The chosen mediator cannot be designated for this case.',
  },
  // --- Communications (issue #4) ---
  PEC_NOT_CONFIGURED: {
    it: 'L’organismo non ha configurato una casella PEC per l’invio.',
    en: 'The body has no PEC mailbox configured for sending.',
  },
  INVALID_RECIPIENT: {
    it: 'Il destinatario non è valido per il canale scelto (indirizzo e-mail/PEC, numero di cellulare italiano, indirizzo postale con CAP).',
    en: 'The recipient is not valid for the chosen channel (e-mail/PEC address, Italian mobile number, postal address with postcode).',
  },
  RECIPIENT_HAS_NO_ADDRESS: {
    it: 'Il soggetto in anagrafica non ha un recapito per il canale scelto.',
    en: 'The registry subject has no address for the chosen channel.',
  },
  POSTAL_TASK_NOT_OPEN: {
    it: 'La spedizione postale non è in uno stato che consente questa registrazione.',
    en: 'The postal dispatch is not in a state that allows this record.',
  },
  SIGNATURE_INVALID: { it: 'Firma della richiesta non valida.', en: 'Invalid request signature.' },
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
