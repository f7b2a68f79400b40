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
  UNSUPPORTED_FILE_TYPE: {
    it: 'Tipo di file non ammesso: il contenuto non corrisponde a un formato accettato.',
    en: 'File type not admitted: the content is not one of the accepted formats.',
  },
  ROOM_NOT_FOUND: { it: 'Sala non trovata tra quelle delle sedi dell’organismo.', en: "Room not found among the body's branches." },
  ROOM_ALREADY_BOOKED: {
    it: 'La sala è già prenotata in quell’orario per un altro incontro.',
    en: 'The room is already booked at that time for another meeting.',
  },
  MEETING_MOVE_NOT_ALLOWED: {
    it: 'L’organismo non consente al mediatore di spostare gli incontri: rivolgersi alla segreteria.',
    en: 'The body does not let mediators move meetings: ask the secretariat.',
  },
  LINK_INVALID: { it: 'Il collegamento non è valido.', en: 'The link is not valid.' },
  LINK_EXPIRED: { it: 'Il collegamento è scaduto: contattare la segreteria dell’organismo.', en: "The link has expired: contact the body's secretariat." },
  LINK_ALREADY_USED: {
    it: 'La risposta alla convocazione è già stata data con questo collegamento.',
    en: 'The convocation has already been answered with this link.',
  },
  ADHESION_CODE_MISMATCH: {
    it: 'Numero del procedimento o codice personale non corretti.',
    en: 'Wrong case number or personal code.',
  },
  LAWYER_REQUIRED: {
    it: 'In questa mediazione la parte deve essere assistita da un avvocato: indicarne i dati.',
    en: "In this mediation the party must be assisted by a lawyer: give the lawyer's details.",
  },
  DOCUMENT_NOT_FOUND: { it: 'Documento non trovato.', en: 'Document not found.' },
  SIGNER_NOT_FOUND: { it: 'Firmatario non trovato in questo processo di firma.', en: 'No such signer in this signature process.' },
  SIGNATURE_CYCLE_NOT_FOUND: { it: 'Processo di firma non trovato.', en: 'Signature process not found.' },
  IDEMPOTENCY_KEY_REUSED: {
    it: 'Questa chiave di idempotenza è già stata usata per una richiesta diversa.',
    en: 'This idempotency key was already used for a different request.',
  },
  OTP_INVALID: { it: 'Codice errato.', en: 'Wrong code.' },
  OTP_EXPIRED: { it: 'Il codice è scaduto o è già stato usato: richiederne uno nuovo.', en: 'The code has expired or was already used: request a new one.' },
  OTP_LOCKED: { it: 'Troppi tentativi errati: richiedere un nuovo codice.', en: 'Too many wrong attempts: request a new code.' },
  NO_PHONE: { it: 'Il firmatario non ha un numero di cellulare.', en: 'The signer has no mobile number.' },
  PRESERVATION_CLASS_UNKNOWN: { it: 'Classe documentale sconosciuta.', en: 'Unknown document class.' },
  PRESERVATION_METADATA_MISSING: { it: 'Mancano metadati obbligatori della classe documentale.', en: 'Required metadata of the document class are missing.' },
  PRESERVATION_PACKAGE_NOT_FOUND: { it: 'Pacchetto di conservazione non trovato.', en: 'Preservation package not found.' },
  // Protocol register (issue #6).
  REGISTER_LIMIT_REACHED: {
    it: 'Un organismo può tenere al massimo cinque registri di protocollo.',
    en: 'A body can keep at most five protocol registers.',
  },
  REGISTER_NOT_FOUND: { it: 'Registro di protocollo non trovato.', en: 'Protocol register not found.' },
  REGISTER_CODE_TAKEN: { it: 'Esiste già un registro con questo codice.', en: 'A register with this code already exists.' },
  REGISTER_INACTIVE: { it: 'Il registro non è attivo: non accetta nuove registrazioni.', en: 'The register is not active: it takes no new entries.' },
  CLASSIFICATION_UNKNOWN: {
    it: 'La classificazione indicata non esiste nel titolario o non è attiva.',
    en: 'The classification is not in the classification scheme or is not active.',
  },
  PROTOCOL_ENTRY_NOT_FOUND: { it: 'Registrazione di protocollo non trovata.', en: 'Protocol entry not found.' },
  ENTRY_ALREADY_ANNULLED: { it: 'La registrazione è già stata annullata.', en: 'The entry has already been annulled.' },
  ANNULMENT_REASON_REQUIRED: {
    it: "L'annullamento richiede una motivazione (almeno 10 caratteri).",
    en: 'An annulment requires a reason (at least 10 characters).',
  },
  PROTOCOL_FILE_NOT_FOUND: { it: 'Il fascicolo indicato non esiste.', en: 'The file does not exist.' },
  SEGNATURA_NEEDS_DOCUMENT: {
    it: 'La segnatura XML richiede un documento principale allegato alla registrazione.',
    en: 'The XML segnatura needs a primary document attached to the entry.',
  },
  ATTACHMENT_TOO_LARGE: { it: 'Un allegato supera la dimensione massima consentita.', en: 'An attachment exceeds the maximum size.' },
  DAY_NOT_OVER: { it: 'Il giorno non è ancora terminato: non si può chiudere.', en: 'The day is not over yet: it cannot be closed.' },
  MAIL_ACCOUNT_NOT_FOUND: { it: 'Casella di posta non trovata.', en: 'Mail account not found.' },
  MAIL_MESSAGE_NOT_FOUND: {
    it: 'Messaggio non trovato nella cartella da protocollare.',
    en: 'Message not found in the folder of messages to register.',
  },
  MAILBOX_UNAVAILABLE: { it: 'Il server di posta non risponde o rifiuta l’accesso.', en: 'The mail server does not answer or refuses access.' },
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
