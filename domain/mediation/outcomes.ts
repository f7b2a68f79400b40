/**
 * How a mediation ends (spec mediation.md §1.11) and what each ending means for the fees (§4).
 * The mediator records what happened (`OutcomeKind`); the legal/statistical code follows from
 * whether the first meeting was the only one.
 */
import type { FeeOutcome } from './fees';

export const outcomeCodes = [
  'ACCORDO_PRIMO_INCONTRO',
  'ACCORDO_INCONTRI_SUCCESSIVI',
  'ACCORDO_SU_PROPOSTA',
  'MANCATO_ACCORDO_PRIMO_INCONTRO',
  'MANCATO_ACCORDO',
  'MANCATA_PARTECIPAZIONE',
  'RINUNCIA_ISTANTE',
  'ARCHIVIATA',
] as const;
export type OutcomeCode = (typeof outcomeCodes)[number];

/** What the mediator records at the end of a meeting. */
export const outcomeKinds = ['agreement', 'no_agreement', 'invited_absent'] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export const meetingModes = ['in_person', 'video', 'mixed'] as const;
export type MeetingMode = (typeof meetingModes)[number];

/**
 * The outcome code for what the mediator recorded. `meetingsHeld` counts the meetings held so far
 * (≥ 1): an agreement or a failure at the only meeting held is "at the first meeting".
 */
export function outcomeCodeFor(kind: OutcomeKind, meetingsHeld: number): OutcomeCode {
  const first = meetingsHeld <= 1;
  switch (kind) {
    case 'agreement':
      return first ? 'ACCORDO_PRIMO_INCONTRO' : 'ACCORDO_INCONTRI_SUCCESSIVI';
    case 'no_agreement':
      return first ? 'MANCATO_ACCORDO_PRIMO_INCONTRO' : 'MANCATO_ACCORDO';
    case 'invited_absent':
      return 'MANCATA_PARTECIPAZIONE';
  }
}

/** The outcome as the fee function understands it; null for endings without a fee settlement. */
export function feeOutcomeOf(code: OutcomeCode | null): FeeOutcome {
  switch (code) {
    case null:
      return 'pending';
    case 'ACCORDO_PRIMO_INCONTRO':
      return 'agreement_first_meeting';
    case 'ACCORDO_INCONTRI_SUCCESSIVI':
    case 'ACCORDO_SU_PROPOSTA':
      return 'agreement_later';
    case 'MANCATO_ACCORDO_PRIMO_INCONTRO':
      return 'no_agreement_first_meeting';
    case 'MANCATO_ACCORDO':
      return 'no_agreement_later';
    case 'MANCATA_PARTECIPAZIONE':
    case 'RINUNCIA_ISTANTE':
    case 'ARCHIVIATA':
      return 'absent';
  }
}

/** True for the outcomes whose minutes carry an agreement (accordo annexed to the verbale). */
export const isAgreement = (code: OutcomeCode): boolean => code.startsWith('ACCORDO');

/** Labels of the outcomes for the minutes, the UI and the statistics. */
export const outcomeLabels: Record<OutcomeCode, { it: string; en: string }> = {
  ACCORDO_PRIMO_INCONTRO: { it: 'Accordo raggiunto al primo incontro', en: 'Agreement at the first meeting' },
  ACCORDO_INCONTRI_SUCCESSIVI: { it: 'Accordo raggiunto in incontri successivi', en: 'Agreement at a later meeting' },
  ACCORDO_SU_PROPOSTA: { it: 'Accordo sulla proposta del mediatore', en: "Agreement on the mediator's proposal" },
  MANCATO_ACCORDO_PRIMO_INCONTRO: { it: 'Mancato accordo al primo incontro', en: 'No agreement at the first meeting' },
  MANCATO_ACCORDO: { it: 'Mancato accordo', en: 'No agreement' },
  MANCATA_PARTECIPAZIONE: { it: 'Mancata partecipazione della parte invitata', en: 'Invited party absent' },
  RINUNCIA_ISTANTE: { it: 'Rinuncia della parte istante', en: 'Withdrawn by the applicant' },
  ARCHIVIATA: { it: 'Archiviazione', en: 'Archived' },
};

export const meetingModeLabels: Record<MeetingMode, { it: string; en: string }> = {
  in_person: { it: 'in presenza', en: 'in person' },
  video: { it: 'in videoconferenza', en: 'by videoconference' },
  mixed: { it: 'in modalità mista', en: 'mixed' },
};
