import type { MediationStage } from '../../domain/mediation/stages';
import type { FilingInput } from '../../domain/mediation/matters';
import type { MediationAction } from './contract';

const openStages: readonly MediationStage[] = ['DEPOSITATA', 'ISCRITTA', 'MEDIATORE_DESIGNATO'];

export interface ActionContext {
  stage: MediationStage;
  registered: boolean;
  designationPending: boolean;
  mediatorAccepted: boolean;
}

/** What the procedure allows now: used by the state query and by every update validator. */
export function allowedActions(c: ActionContext): MediationAction[] {
  const actions: MediationAction[] = [];
  if (openStages.includes(c.stage)) actions.push('withdraw');
  if (c.registered && c.stage === 'ISCRITTA' && !c.designationPending) actions.push('designateMediator');
  if (c.designationPending) actions.push('answerAppointment', 'changeAnswerDeadline');
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
