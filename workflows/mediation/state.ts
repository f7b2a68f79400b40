import type { MediationStage } from '../../domain/mediation/stages';
import type { FilingInput } from '../../domain/mediation/matters';
import type { MediationAction } from './contract';

/** Stages in which the applicant may still withdraw (before the minutes are being formed). */
const openStages: readonly MediationStage[] = [
  'DEPOSITATA',
  'ISCRITTA',
  'MEDIATORE_DESIGNATO',
  'CONVOCATA',
  'IN_ATTESA_PRIMO_INCONTRO',
  'PRIMO_INCONTRO_TENUTO',
  'IN_CORSO',
  'PROPOSTA_PENDENTE',
];
const convenedStages: readonly MediationStage[] = ['CONVOCATA', 'IN_ATTESA_PRIMO_INCONTRO'];
const afterFirstMeeting: readonly MediationStage[] = ['PRIMO_INCONTRO_TENUTO', 'IN_CORSO'];

export interface ActionContext {
  stage: MediationStage;
  registered: boolean;
  designationPending: boolean;
  mediatorAccepted: boolean;
  /** The workflow runs the full lifecycle (false when replaying histories from before it existed). */
  lifecycle?: boolean;
  /** Invited parties who may still answer the convocation. */
  awaitingAdhesion?: boolean;
  /** A meeting is scheduled and not yet held. */
  meetingScheduled?: boolean;
  expertAppointed?: boolean;
  /** The minutes can be signed through a signature cycle (false for histories from before it). */
  minutesSignature?: boolean;
  /** The minutes' signature cycle is being prepared or running: no deposit, no second cycle. */
  minutesSigning?: boolean;
}

/** What the procedure allows now: used by the state query and by every update validator. */
export function allowedActions(c: ActionContext): MediationAction[] {
  const actions: MediationAction[] = [];
  if (openStages.includes(c.stage) && (c.lifecycle || openStages.indexOf(c.stage) <= 2)) actions.push('withdraw');
  if (c.registered && c.stage === 'ISCRITTA' && !c.designationPending) actions.push('designateMediator');
  if (c.designationPending) actions.push('answerAppointment', 'changeAnswerDeadline');
  if (!c.lifecycle) return actions;
  if (c.stage === 'MEDIATORE_DESIGNATO' && c.mediatorAccepted && !c.designationPending) actions.push('convene');
  if (convenedStages.includes(c.stage) && c.awaitingAdhesion) actions.push('answerAdhesion');
  if ((convenedStages.includes(c.stage) || c.stage === 'IN_CORSO') && c.meetingScheduled) actions.push('moveMeeting', 'holdMeeting');
  if (afterFirstMeeting.includes(c.stage) && !c.meetingScheduled) actions.push('scheduleMeeting');
  if (afterFirstMeeting.includes(c.stage) && !c.expertAppointed) actions.push('appointExpert');
  if (afterFirstMeeting.includes(c.stage) && !c.meetingScheduled) actions.push('makeProposal', 'recordOutcome');
  if (c.stage === 'PROPOSTA_PENDENTE') actions.push('answerProposal');
  if (openStages.includes(c.stage) && c.registered && c.mediatorAccepted) actions.push('extendDuration');
  if (c.stage === 'VERBALE_IN_FORMAZIONE' && !c.minutesSigning) actions.push('depositMinutes');
  if (c.stage === 'VERBALE_IN_FORMAZIONE' && c.minutesSignature && !c.minutesSigning) actions.push('signMinutes');
  return actions;
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Who is told by e-mail that the case is registered: the applicants who gave an e-mail address. */
export function registrationRecipients(filing: FilingInput): { index: number; address: string; name: string }[] {
  return filing.parties.flatMap((party, index) => {
    const p = party.person;
    if (party.role !== 'applicant' || !p.email) return [];
    return [{ index, address: p.email, name: p.kind === 'person' ? `${p.firstName} ${p.lastName}` : p.companyName }];
  });
}
