import type { minutesSigningIt } from "./minutes-signing-it";

/** English texts of the minutes' digital signature and of the PEC convocation: the `minutesSigning` block of en.ts. */
export const minutesSigningEn: typeof minutesSigningIt = {
  title: "Digital signature of the minutes",
  none: "The minutes are not being signed. For a procedure held by videoconference the signature starts by itself; otherwise start it here or deposit the minutes signed by hand.",
  status: {
    preparing: "Signature of the minutes being prepared (attempt {attempt}).",
    needs_signers:
      "The signature cannot start: some signers lack data (attempt {attempt}).",
    running:
      "Minutes being signed: parties and lawyers first, signatures verified, the mediator last (attempt {attempt}).",
    completed:
      "Minutes signed by everyone and deposited; sent to preservation.",
    refused:
      "A signer refused to sign (attempt {attempt}). Start a new signature or deposit the minutes by hand.",
    expired:
      "The term to sign has passed (attempt {attempt}). Start a new signature or deposit the minutes by hand.",
    cancelled:
      "The signature was cancelled (attempt {attempt}). Start a new signature or deposit the minutes by hand.",
    failed:
      "The signature did not succeed (attempt {attempt}). Start a new one or deposit the minutes by hand.",
  },
  missing: {
    party:
      "Nobody can sign for party no. {n} (a company without a lawyer, or without tax code and e-mail)",
    lawyer: "Lawyer of party no. {n}",
    mediator: "The mediator's profile has no tax code",
    other: "An added signer",
  },
  monitor: "Follow the signature signer by signer",
  mediatorMethod: "How the mediator signs",
  methods: {
    any: "Either: own device or one-shot signature",
    "own-device": "Only with an own signature device",
    "one-shot": "Only with the one-shot signature (code by e-mail)",
  },
  partiesHint:
    "Parties sign one-shot (code by e-mail); lawyers choose between their own device and the one-shot signature.",
  start: "Start the digital signature of the minutes",
  restart: "Start a new signature of the minutes",
  started:
    "Signature of the minutes started: the signers receive their link by e-mail.",
  failed: "Signature of the minutes not started",
  delivery: {
    column: "Convocation",
    email: "Sent by e-mail",
    sending: "PEC sent, awaiting delivery",
    delivered: "PEC delivered",
    not_delivered: "PEC not delivered",
    failed: "PEC not sent",
    registeredLetter: "Registered letter prepared for the secretariat to post.",
    details: {
      "errore-consegna": "Non-delivery notice.",
      "non-accettazione": "Not accepted by the provider.",
      "rilevazione-virus": "Virus detected by the provider.",
      timeout: "No delivery receipt within 24 hours.",
      "send-failed": "Sending failed.",
    },
  },
  timeline: {
    case_minutes_signature_started: "Minutes sent for digital signature",
    case_minutes_signature_blocked:
      "Signature of the minutes not started: signer data missing",
    case_minutes_signature_ended: "Signature of the minutes stopped",
    case_convocation_delivered: "Convocation delivered (PEC)",
    case_convocation_not_delivered: "Convocation not delivered (PEC)",
  },
};
