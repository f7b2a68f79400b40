/**
 * Texts of the procedure's notices, per locale. Each builder returns the greeting, paragraphs and
 * optional action of one e-mail; dates are shown in the body's zone (Europe/Rome).
 */
import type { Locale } from './render-email';
import type { Notice } from './render-notice';

export type CaseEvent =
  | 'convocation'
  | 'convocation-notice'
  | 'adhesion-answered'
  | 'meeting-scheduled'
  | 'meeting-moved'
  | 'proposal'
  | 'deadline-reminder'
  | 'concluded';

export interface NoticeFacts {
  caseNumber: string;
  subject: string;
  recipientName: string;
  mediatorName?: string;
  meeting?: { startsAt: string; mode: 'in_person' | 'video' | 'mixed'; place?: string | null };
  partyName?: string;
  adhered?: boolean;
  dueAt?: string;
  code?: string;
  link?: string;
  deadlineKind?: string;
  outcome?: string;
}

const when = (iso: string, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome', dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));

const modeText = {
  it: { in_person: 'in presenza', video: 'in videoconferenza', mixed: 'in modalità mista (in presenza e in videoconferenza)' },
  en: { in_person: 'in person', video: 'by videoconference', mixed: 'mixed (in person and by videoconference)' },
} as const;

const deadlineText: Record<Locale, Record<string, string>> = {
  it: {
    MEDIATOR_ANSWER: 'risposta del mediatore alla designazione',
    ADHESION: 'risposta della parte invitata alla convocazione',
    FIRST_MEETING_LATEST: 'ultimo giorno utile per il primo incontro',
    PROPOSAL_REPLY: 'risposta delle parti alla proposta del mediatore',
    PROCEDURE_END: 'durata massima del procedimento',
  },
  en: {
    MEDIATOR_ANSWER: "mediator's answer to the designation",
    ADHESION: "invited party's answer to the convocation",
    FIRST_MEETING_LATEST: 'last day for the first meeting',
    PROPOSAL_REPLY: "parties' answer to the mediator's proposal",
    PROCEDURE_END: 'maximum duration of the procedure',
  },
};

function meetingLine(f: NoticeFacts, locale: Locale): string {
  const m = f.meeting!;
  const place = m.place ? (locale === 'it' ? `, presso ${m.place}` : `, at ${m.place}`) : '';
  return locale === 'it'
    ? `L'incontro si terrà ${when(m.startsAt, locale)}, ${modeText.it[m.mode]}${place}.`
    : `The meeting will be held on ${when(m.startsAt, locale)}, ${modeText.en[m.mode]}${place}.`;
}

type Built = Omit<Notice, 'bodyName'>;

const it: Record<CaseEvent, (f: NoticeFacts) => Built> = {
  convocation: (f) => ({
    subject: `Convocazione al primo incontro di mediazione n. ${f.caseNumber}`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [
      `è stata depositata nei Suoi confronti la domanda di mediazione n. ${f.caseNumber} relativa a «${f.subject}». Il mediatore designato è ${f.mediatorName ?? '—'}.`,
      meetingLine(f, 'it'),
      `La preghiamo di comunicare l'adesione o il rifiuto entro ${when(f.dueAt!, 'it')} dalla pagina indicata qui sotto, inserendo il numero del procedimento e il Suo codice personale: ${f.code}. L'adesione si completa tramite il Suo avvocato, con i dati e gli allegati richiesti.`,
      'Il collegamento è personale e scade: non lo inoltri ad altri.',
    ],
    action: { label: 'Rispondi alla convocazione', url: f.link! },
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  'convocation-notice': (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: fissato il primo incontro`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [`nel procedimento di mediazione n. ${f.caseNumber} («${f.subject}») le parti invitate sono state convocate.`, meetingLine(f, 'it')],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  'adhesion-answered': (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: ${f.adhered ? 'adesione' : 'rifiuto'} di ${f.partyName}`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [
      f.adhered
        ? `la parte invitata ${f.partyName} ha aderito alla mediazione n. ${f.caseNumber} («${f.subject}»).`
        : `la parte invitata ${f.partyName} ha dichiarato di non aderire alla mediazione n. ${f.caseNumber} («${f.subject}»). Il primo incontro si terrà comunque come fissato.`,
    ],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  'meeting-scheduled': (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: nuovo incontro`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [`nel procedimento di mediazione n. ${f.caseNumber} è stato fissato un nuovo incontro.`, meetingLine(f, 'it')],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  'meeting-moved': (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: incontro spostato`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [`nel procedimento di mediazione n. ${f.caseNumber} l'incontro è stato spostato.`, meetingLine(f, 'it')],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  proposal: (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: proposta del mediatore`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [
      `nel procedimento di mediazione n. ${f.caseNumber} il mediatore ha formulato una proposta di conciliazione, disponibile presso la segreteria.`,
      `L'accettazione o il rifiuto vanno comunicati per iscritto entro ${when(f.dueAt!, 'it')}; in mancanza di risposta la proposta si intende rifiutata.`,
    ],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
  'deadline-reminder': (f) => ({
    subject: `Promemoria scadenza — mediazione n. ${f.caseNumber}`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [`nel procedimento n. ${f.caseNumber} («${f.subject}») scade ${when(f.dueAt!, 'it')} il termine per: ${deadlineText.it[f.deadlineKind ?? ''] ?? f.deadlineKind}.`],
    footer: 'Promemoria automatico per la segreteria.',
  }),
  concluded: (f) => ({
    subject: `Mediazione n. ${f.caseNumber}: procedimento concluso`,
    greeting: `Gentile ${f.recipientName},`,
    paragraphs: [`il procedimento di mediazione n. ${f.caseNumber} («${f.subject}») è concluso (${f.outcome}). Il verbale è depositato presso la segreteria, che ne rilascia copia alle parti.`],
    footer: 'Questo messaggio è generato automaticamente dalla segreteria dell’organismo.',
  }),
};

const en: Record<CaseEvent, (f: NoticeFacts) => Built> = {
  convocation: (f) => ({
    subject: `Invitation to the first mediation meeting, case ${f.caseNumber}`,
    greeting: `Dear ${f.recipientName},`,
    paragraphs: [
      `an application for mediation concerning you was filed, case ${f.caseNumber} about «${f.subject}». The designated mediator is ${f.mediatorName ?? '—'}.`,
      meetingLine(f, 'en'),
      `Please adhere or refuse by ${when(f.dueAt!, 'en')} on the page below, entering the case number and your personal code: ${f.code}. Adhesion is completed through your lawyer.`,
      'The link is personal and expires: do not forward it.',
    ],
    action: { label: 'Answer the invitation', url: f.link! },
    footer: "This message was generated automatically by the body's secretariat.",
  }),
  'convocation-notice': (f) => ({ subject: `Mediation ${f.caseNumber}: first meeting fixed`, greeting: `Dear ${f.recipientName},`, paragraphs: [`in mediation ${f.caseNumber} the invited parties have been convened.`, meetingLine(f, 'en')], footer: 'Automatic message.' }),
  'adhesion-answered': (f) => ({ subject: `Mediation ${f.caseNumber}: ${f.partyName} ${f.adhered ? 'adhered' : 'refused'}`, greeting: `Dear ${f.recipientName},`, paragraphs: [`the invited party ${f.partyName} ${f.adhered ? 'adhered to' : 'refused'} mediation ${f.caseNumber}.`], footer: 'Automatic message.' }),
  'meeting-scheduled': (f) => ({ subject: `Mediation ${f.caseNumber}: new meeting`, greeting: `Dear ${f.recipientName},`, paragraphs: [meetingLine(f, 'en')], footer: 'Automatic message.' }),
  'meeting-moved': (f) => ({ subject: `Mediation ${f.caseNumber}: meeting moved`, greeting: `Dear ${f.recipientName},`, paragraphs: [meetingLine(f, 'en')], footer: 'Automatic message.' }),
  proposal: (f) => ({ subject: `Mediation ${f.caseNumber}: the mediator's proposal`, greeting: `Dear ${f.recipientName},`, paragraphs: [`Answer in writing by ${when(f.dueAt!, 'en')}; silence means rejection.`], footer: 'Automatic message.' }),
  'deadline-reminder': (f) => ({ subject: `Deadline reminder — mediation ${f.caseNumber}`, greeting: `Dear ${f.recipientName},`, paragraphs: [`${deadlineText.en[f.deadlineKind ?? ''] ?? f.deadlineKind}: due ${when(f.dueAt!, 'en')}.`], footer: 'Automatic reminder.' }),
  concluded: (f) => ({ subject: `Mediation ${f.caseNumber}: concluded`, greeting: `Dear ${f.recipientName},`, paragraphs: [`mediation ${f.caseNumber} is concluded (${f.outcome}).`], footer: 'Automatic message.' }),
};

export function caseNotice(event: CaseEvent, locale: Locale, facts: NoticeFacts): Built {
  return (locale === 'it' ? it : en)[event](facts);
}
