/** Italian texts of the minutes' digital signature and of the PEC convocation on the case page: the `minutesSigning` block of it.ts. */
export const minutesSigningIt = {
  title: "Firma digitale del verbale",
  none: "Il verbale non è in firma. Per un procedimento svolto in videoconferenza la firma parte da sola; altrimenti può avviarla qui oppure depositare il verbale firmato a mano.",
  status: {
    preparing: "Firma del verbale in preparazione (tentativo {attempt}).",
    needs_signers:
      "La firma non può partire: mancano i dati di alcuni firmatari (tentativo {attempt}).",
    running:
      "Verbale in firma: prima le parti e gli avvocati, verificate le firme, per ultimo il mediatore (tentativo {attempt}).",
    completed:
      "Verbale firmato da tutti e depositato; inviato in conservazione.",
    refused:
      "Un firmatario ha rifiutato di firmare (tentativo {attempt}). Può avviare una nuova firma o depositare il verbale a mano.",
    expired:
      "Il termine per firmare è scaduto (tentativo {attempt}). Può avviare una nuova firma o depositare il verbale a mano.",
    cancelled:
      "La firma è stata annullata (tentativo {attempt}). Può avviare una nuova firma o depositare il verbale a mano.",
    failed:
      "La firma non è andata a buon fine (tentativo {attempt}). Può avviarne una nuova o depositare il verbale a mano.",
  },
  missing: {
    party:
      "Nessuno può firmare per la parte n. {n} (una società senza avvocato o senza codice fiscale ed e-mail)",
    lawyer: "Avvocato della parte n. {n}",
    mediator: "Il mediatore non ha il codice fiscale nel profilo",
    other: "Un firmatario aggiunto",
  },
  monitor: "Segui la firma firmatario per firmatario",
  mediatorMethod: "Come firma il mediatore",
  methods: {
    any: "A scelta: dispositivo proprio o firma one-shot",
    "own-device": "Solo con il proprio dispositivo di firma",
    "one-shot": "Solo con la firma one-shot (codice via e-mail)",
  },
  partiesHint:
    "Le parti firmano con la firma one-shot (codice via e-mail); gli avvocati scelgono tra il proprio dispositivo e la firma one-shot.",
  start: "Avvia la firma digitale del verbale",
  restart: "Avvia una nuova firma del verbale",
  started:
    "Firma del verbale avviata: i firmatari ricevono il collegamento per e-mail.",
  failed: "Firma del verbale non avviata",
  delivery: {
    column: "Convocazione",
    email: "Inviata per e-mail",
    sending: "PEC inviata, in attesa della consegna",
    delivered: "PEC consegnata",
    not_delivered: "PEC non consegnata",
    failed: "PEC non inviata",
    registeredLetter: "Raccomandata da spedire preparata per la segreteria.",
    details: {
      "errore-consegna": "Avviso di mancata consegna.",
      "non-accettazione": "Non accettata dal gestore.",
      "rilevazione-virus": "Virus rilevato dal gestore.",
      timeout: "Nessuna ricevuta di consegna entro 24 ore.",
      "send-failed": "Invio non riuscito.",
    },
  },
  timeline: {
    case_minutes_signature_started: "Verbale inviato in firma digitale",
    case_minutes_signature_blocked:
      "Firma del verbale non avviata: mancano dati dei firmatari",
    case_minutes_signature_ended: "Firma del verbale interrotta",
    case_convocation_delivered: "Convocazione consegnata (PEC)",
    case_convocation_not_delivered: "Convocazione non consegnata (PEC)",
  },
};
