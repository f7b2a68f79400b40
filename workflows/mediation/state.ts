import type { MediationStage } from '../../domain/mediation/stages';
import type { FilingInput } from '../../domain/mediation/matters';
import type { MediationAction } from './contract';

const openStages: readonly MediationStage[] = ['DEPOSITATA', 'ISCRITTA'];

/** What the current stage allows: used by the state query and by every update validator. */
export function allowedActions(stage: MediationStage): MediationAction[] {
  return openStages.includes(stage) ? ['withdraw'] : [];
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
